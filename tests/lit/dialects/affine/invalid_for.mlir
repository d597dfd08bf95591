// Verifier and parser errors of affine.for.
//
// RUN: irkit-opt %s --split-input-file --verify-diagnostics

// A value computed from a loop induction variable by a non-affine op is
// neither a valid dimension nor a valid symbol.
func.func @lower_bound_invalid_dim() {
  affine.for %i = 0 to 10 {
    %d = arith.addi %i, %i : index
    // expected-error@+1 {{'affine.for' op operand cannot be used as a dimension id}}
    affine.for %j = affine_map<(d0) -> (d0)>(%d) to 10 {
    }
  }
  return
}

// -----

func.func @upper_bound_invalid_dim(%m: memref<?xindex>) {
  affine.for %i = 0 to 10 {
    %v = affine.load %m[%i] : memref<?xindex>
    // expected-error@+1 {{'affine.for' op operand cannot be used as a dimension id}}
    affine.for %j = 0 to affine_map<(d0) -> (d0 + 1)>(%v) {
    }
  }
  return
}

// -----

// A single SSA value as a bound is a symbol; an induction variable is not.
func.func @upper_bound_iv_as_symbol() {
  affine.for %i = 0 to 10 {
    // expected-error@+1 {{'affine.for' op operand cannot be used as a symbol}}
    affine.for %j = 0 to %i {
    }
  }
  return
}

// -----

func.func @lower_bound_iv_as_symbol() {
  affine.for %i = 0 to 10 {
    // expected-error@+1 {{'affine.for' op operand cannot be used as a symbol}}
    affine.for %j = affine_map<(d0)[s0] -> (d0 + s0)>(%i)[%i] to 10 {
    }
  }
  return
}

// -----

func.func @loaded_value_as_symbol(%m: memref<?xindex>) {
  affine.for %i = 0 to 10 {
    %v = affine.load %m[%i] : memref<?xindex>
    // expected-error@+1 {{'affine.for' op operand cannot be used as a symbol}}
    affine.for %j = 0 to %v {
    }
  }
  return
}

// -----

func.func @more_results_than_iter_args(%x: f32) {
  // expected-error@+1 {{custom op 'affine.for' mismatch between the number of loop-carried values and results}}
  %r:2 = affine.for %i = 0 to 10 iter_args(%a = %x) -> (f32, f32) {
    affine.yield %a, %a : f32, f32
  }
  return
}

// -----

// In the generic form: an init operand without a matching block argument.
func.func @inits_without_iter_args(%x: f32) {
  // expected-error@+1 {{'affine.for' op different number of inits and region iter_args: 1 != 0}}
  %r = "affine.for"(%x) <{lowerBoundMap = affine_map<() -> (0)>, operandSegmentSizes = array<i32: 0, 0, 1>, step = 1 : index, upperBoundMap = affine_map<() -> (10)>}> ({
  ^bb0(%i: index):
    "affine.yield"(%x) : (f32) -> ()
  }) : (f32) -> f32
  return
}

// -----

func.func @non_index_induction_variable() {
  // expected-error@+1 {{'affine.for' op expected body to have a single index argument for the induction variable}}
  "affine.for"() <{lowerBoundMap = affine_map<() -> (0)>, operandSegmentSizes = array<i32: 0, 0, 0>, step = 1 : index, upperBoundMap = affine_map<() -> (10)>}> ({
  ^bb0(%i: f32):
    "affine.yield"() : () -> ()
  }) : () -> ()
  return
}

// -----

func.func @empty_lower_bound_map() {
  // expected-error@+1 {{'affine.for' op expected lower bound map to have at least one result}}
  "affine.for"() <{lowerBoundMap = affine_map<() -> ()>, operandSegmentSizes = array<i32: 0, 0, 0>, step = 1 : index, upperBoundMap = affine_map<() -> (10)>}> ({
  ^bb0(%i: index):
    "affine.yield"() : () -> ()
  }) : () -> ()
  return
}

// -----

func.func @empty_upper_bound_map() {
  // expected-error@+1 {{'affine.for' op expected upper bound map to have at least one result}}
  "affine.for"() <{lowerBoundMap = affine_map<() -> (0)>, operandSegmentSizes = array<i32: 0, 0, 0>, step = 1 : index, upperBoundMap = affine_map<() -> ()>}> ({
  ^bb0(%i: index):
    "affine.yield"() : () -> ()
  }) : () -> ()
  return
}

// -----

func.func @step_not_index() {
  // expected-error@+1 {{'affine.for' op attribute 'step' failed to satisfy constraint: index attribute}}
  "affine.for"() <{lowerBoundMap = affine_map<() -> (0)>, operandSegmentSizes = array<i32: 0, 0, 0>, step = 1 : i64, upperBoundMap = affine_map<() -> (10)>}> ({
  ^bb0(%i: index):
    "affine.yield"() : () -> ()
  }) : () -> ()
  return
}

// -----

func.func @missing_lower_bound_map() {
  // expected-error@+1 {{'affine.for' op requires attribute 'lowerBoundMap'}}
  "affine.for"() <{operandSegmentSizes = array<i32: 0, 0, 0>, step = 1 : index, upperBoundMap = affine_map<() -> (10)>}> ({
  ^bb0(%i: index):
    "affine.yield"() : () -> ()
  }) : () -> ()
  return
}

// -----

func.func @segment_sizes_mismatch(%n: index) {
  // expected-error@+1 {{'affine.for' op operand count (1) does not match with the total size (0) specified in attribute 'operandSegmentSizes'}}
  "affine.for"(%n) <{lowerBoundMap = affine_map<() -> (0)>, operandSegmentSizes = array<i32: 0, 0, 0>, step = 1 : index, upperBoundMap = affine_map<() -> (10)>}> ({
  ^bb0(%i: index):
    "affine.yield"() : () -> ()
  }) : (index) -> ()
  return
}

// -----

func.func @yield_type_mismatch(%x: f32, %y: i32) {
  %r = affine.for %i = 0 to 10 iter_args(%a = %x) -> (f32) {
    // expected-error@+1 {{'affine.yield' op types mismatch between yield op and its parent}}
    affine.yield %y : i32
  }
  return
}

// -----

func.func @yield_count_mismatch(%x: f32) {
  %r = affine.for %i = 0 to 10 iter_args(%a = %x) -> (f32) {
    // expected-error@+1 {{'affine.yield' op parent of yield must have same number of results as the yield operands}}
    affine.yield
  }
  return
}

// -----

// The iter_args initial value is resolved with the declared result type.
func.func @init_type_mismatch(%x: f32) {
  // expected-note@-1 {{prior use here}}
  // expected-error@+1 {{use of value '%x' expects different type than prior uses: 'index' vs 'f32'}}
  %r = affine.for %i = 0 to 10 iter_args(%a = %x) -> (index) {
    affine.yield %a : index
  }
  return
}

// -----

// Parser errors of the bounds.

func.func @two_bound_operands(%a: index, %b: index) {
  // expected-error@+1 {{custom op 'affine.for' expected only one loop bound operand}}
  affine.for %i = %a, %b to 10 {
  }
  return
}

// -----

func.func @bound_dim_count_mismatch(%a: index) {
  // expected-error@+1 {{custom op 'affine.for' dim operand count and affine map dim count must match}}
  affine.for %i = affine_map<(d0, d1) -> (d0 + d1)>(%a) to 10 {
  }
  return
}

// -----

func.func @bound_symbol_count_mismatch(%a: index) {
  // expected-error@+1 {{custom op 'affine.for' symbol operand count and affine map symbol count must match}}
  affine.for %i = 0 to affine_map<(d0)[s0] -> (d0 + s0)>(%a) {
  }
  return
}

// -----

func.func @lower_bound_needs_max(%a: index) {
  // expected-error@+1 {{custom op 'affine.for' lower loop bound affine map with multiple results requires 'max' prefix}}
  affine.for %i = affine_map<()[s0] -> (0, s0 - 1)>()[%a] to 10 {
  }
  return
}

// -----

func.func @upper_bound_needs_min(%a: index) {
  // expected-error@+1 {{custom op 'affine.for' upper loop bound affine map with multiple results requires 'min' prefix}}
  affine.for %i = 0 to affine_map<()[s0] -> (100, s0 + 1)>()[%a] {
  }
  return
}

// -----

func.func @string_bound() {
  // expected-error@+1 {{custom op 'affine.for' expected valid affine map representation for loop bounds}}
  affine.for %i = "zero" to 10 {
  }
  return
}

// -----

func.func @negative_step() {
  // expected-error@+1 {{custom op 'affine.for' expected step to be representable as a positive signed integer}}
  affine.for %i = 0 to 10 step -2 {
  }
  return
}

// -----

func.func @ssa_step(%s: index) {
  // expected-error@+1 {{expected attribute value}}
  affine.for %i = 0 to 10 step %s {
  }
  return
}

// -----

func.func @missing_to() {
  // expected-error@+1 {{custom op 'affine.for' expected 'to' between bounds}}
  affine.for %i = 0 until 10 {
  }
  return
}

// -----

func.func @missing_equal() {
  // expected-error@+1 {{expected '='}}
  affine.for %i 0 to 10 {
  }
  return
}

// -----

func.func @missing_percent() {
  // expected-error@+1 {{expected SSA operand}}
  affine.for i = 0 to 10 {
  }
  return
}

// -----

func.func @result_number_induction_variable() {
  // expected-error@+1 {{result number not allowed in argument list}}
  affine.for %i#0 = 0 to 10 {
  }
  return
}

// -----

func.func @induction_variable_used_in_own_bound() {
  // expected-error@+2 {{region entry argument '%i' is already in use}}
  // expected-note@+1 {{previously referenced here}}
  affine.for %i = affine_map<(d0) -> (d0)>(%i) to 10 {
  }
  return
}

// -----

// The error points just past the last token of the line.
func.func @missing_body() {
  // expected-error@below {{expected '{' to begin a region}}
  affine.for %i = 0 to 10 step 2
}
