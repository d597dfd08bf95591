// Parse errors of ta.comprehension's custom syntax.
//
// The ta dialect is irkit's own: mlir-opt does not know it.
// UNSUPPORTED: reference-mlir-opt
// RUN: irkit-opt %s -split-input-file -verify-diagnostics

func.func @unknown_reduction(%A: tensor<?xf32>, %M: index) {
  // expected-error@+1 {{expected `none`, `add`, `mul`, `max`, or `min`}}
  %r = ta.comprehension reduce(sum, init) (i: 0 to %M) ins(%A[i] : tensor<?xf32>) outs[] -> tensor<f32> {
  ^bb0(%a: f32):
    ta.yield %a : f32
  }
  return
}

// -----

func.func @undeclared_index(%A: tensor<?xf32>, %M: index) {
  // expected-error@+1 {{use of undeclared identifier}}
  %r = ta.comprehension (i: 0 to %M) ins(%A[j] : tensor<?xf32>) outs[i] -> tensor<?xf32> {
  ^bb0(%a: f32):
    ta.yield %a : f32
  }
  return
}

// -----

func.func @index_in_bound(%M: index) {
  // expected-error@+1 {{use of undeclared identifier}}
  %r = ta.comprehension (i: 0 to %M, j: 0 to i) outs[i, j] -> tensor<?x?xf32> {
    %z = arith.constant 0.0 : f32
    ta.yield %z : f32
  }
  return
}

// -----

func.func @type_count(%A: tensor<?xf32>, %M: index) {
  // expected-error@+1 {{expected 2 input types, got 1}}
  %r = ta.comprehension (i: 0 to %M) ins(%A[i], %A[i] : tensor<?xf32>) outs[i] -> tensor<?xf32> {
  ^bb0(%a: f32, %b: f32):
    ta.yield %a : f32
  }
  return
}

// -----

func.func @non_affine_access(%A: tensor<?xf32>, %M: index) {
  // expected-error@+1 {{non-affine expression: at least one of the multiply operands has to be either a constant or symbolic}}
  %r = ta.comprehension (i: 0 to %M) ins(%A[i * i] : tensor<?xf32>) outs[i] -> tensor<?xf32> {
  ^bb0(%a: f32):
    ta.yield %a : f32
  }
  return
}

// -----

func.func @missing_outs(%A: tensor<?xf32>, %M: index) {
  // expected-error@+1 {{expected 'outs'}}
  %r = ta.comprehension (i: 0 to %M) ins(%A[i] : tensor<?xf32>) -> tensor<?xf32> {
  ^bb0(%a: f32):
    ta.yield %a : f32
  }
  return
}
