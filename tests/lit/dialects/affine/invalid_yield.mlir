// Verifier errors of affine.yield.
//
// RUN: irkit-opt %s -split-input-file -verify-diagnostics

func.func @yield_terminates_func() {
  affine.yield
  // expected-error@above {{'affine.yield' op only terminates affine.if/for/parallel regions}}
}

// -----

func.func @yield_in_scf_region(%x: f32) -> f32 {
  %r = scf.execute_region -> f32 {
    // expected-error@+1 {{'affine.yield' op only terminates affine.if/for/parallel regions}}
    affine.yield %x : f32
  }
  return %r : f32
}

// -----

func.func @yield_value_from_loop_without_results(%x: f32) {
  affine.for %i = 0 to 10 {
    // expected-error@+1 {{'affine.yield' op parent of yield must have same number of results as the yield operands}}
    affine.yield %x : f32
  }
  return
}

// -----

func.func @yield_too_many_values(%x: f32) -> f32 {
  %r = affine.for %i = 0 to 10 iter_args(%a = %x) -> (f32) {
    // expected-error@+1 {{'affine.yield' op parent of yield must have same number of results as the yield operands}}
    affine.yield %a, %a : f32, f32
  }
  return %r : f32
}

// -----

func.func @yield_second_value_wrong_type(%x: f32, %n: index) {
  %r:2 = affine.for %i = 0 to 10 iter_args(%a = %x, %b = %n) -> (f32, index) {
    // expected-error@+1 {{'affine.yield' op types mismatch between yield op and its parent}}
    affine.yield %a, %a : f32, f32
  }
  return
}

// -----

// The loop's result types are checked against the yield, in the generic form.
func.func @result_type_differs_from_yield(%x: f32) {
  %r = "affine.for"(%x) <{lowerBoundMap = affine_map<() -> (0)>, operandSegmentSizes = array<i32: 0, 0, 1>, step = 1 : index, upperBoundMap = affine_map<() -> (10)>}> ({
  ^bb0(%i: index, %a: f32):
    // expected-error@+1 {{'affine.yield' op types mismatch between yield op and its parent}}
    "affine.yield"(%a) : (f32) -> ()
  }) : (f32) -> index
  return
}

// -----

func.func @yield_in_parallel_without_results(%x: f32) {
  affine.parallel (%i) = (0) to (10) {
    // expected-error@+1 {{'affine.yield' op parent of yield must have same number of results as the yield operands}}
    affine.yield %x : f32
  }
  return
}

// -----

func.func @yield_in_if_without_results(%a: index, %x: f32) {
  affine.if affine_set<(d0) : (d0 >= 0)>(%a) {
    // expected-error@+1 {{'affine.yield' op parent of yield must have same number of results as the yield operands}}
    "affine.yield"(%x) : (f32) -> ()
  }
  return
}
