// Verifier errors of ta.comprehension, ta.yield and ta.index.
//
// The ta dialect is irkit's own: mlir-opt does not know it.
// UNSUPPORTED: reference-mlir-opt
// RUN: irkit-opt %s -split-input-file -verify-diagnostics

func.func @rank_mismatch(%A: tensor<?x?xf32>, %M: index) -> tensor<?xf32> {
  // expected-error@+1 {{'ta.comprehension' op the access map of input #0 has 1 results but its type tensor<?x?xf32> has rank 2}}
  %r = ta.comprehension (i: 0 to %M) ins(%A[i] : tensor<?x?xf32>) outs[i] -> tensor<?xf32> {
  ^bb0(%a: f32):
    ta.yield %a : f32
  }
  return %r : tensor<?xf32>
}

// -----

func.func @result_rank_mismatch(%A: tensor<?xf32>, %M: index) -> tensor<?x?xf32> {
  // expected-error@+1 {{'ta.comprehension' op the access map of the result has 1 results but its type tensor<?x?xf32> has rank 2}}
  %r = ta.comprehension (i: 0 to %M) ins(%A[i] : tensor<?xf32>) outs[i] -> tensor<?x?xf32> {
  ^bb0(%a: f32):
    ta.yield %a : f32
  }
  return %r : tensor<?x?xf32>
}

// -----

func.func @element_type_mismatch(%A: tensor<?xf32>, %M: index) -> tensor<?xf32> {
  // expected-error@+1 {{'ta.comprehension' op the body's arguments must be the element types of the inputs (f32), got (f64)}}
  %r = ta.comprehension (i: 0 to %M) ins(%A[i] : tensor<?xf32>) outs[i] -> tensor<?xf32> {
  ^bb0(%a: f64):
    %t = arith.truncf %a : f64 to f32
    ta.yield %t : f32
  }
  return %r : tensor<?xf32>
}

// -----

func.func @yield_type_mismatch(%A: tensor<?xf32>, %M: index) -> tensor<?xf64> {
  // expected-error@+1 {{'ta.comprehension' op the body yields f32 but the result has elements of type f64}}
  %r = ta.comprehension (i: 0 to %M) ins(%A[i] : tensor<?xf32>) outs[i] -> tensor<?xf64> {
  ^bb0(%a: f32):
    ta.yield %a : f32
  }
  return %r : tensor<?xf64>
}

// -----

func.func @missing_reduction(%A: tensor<?x?xf32>, %M: index, %K: index) -> tensor<?xf32> {
  // expected-error@+1 {{'ta.comprehension' op index variable 'k' is not written to the result, so the comprehension must reduce over it}}
  %r = ta.comprehension (i: 0 to %M, k: 0 to %K) ins(%A[i, k] : tensor<?x?xf32>) outs[i] -> tensor<?xf32> {
  ^bb0(%a: f32):
    ta.yield %a : f32
  }
  return %r : tensor<?xf32>
}

// -----

func.func @reduction_without_value(%A: tensor<?x?xf32>, %M: index, %K: index) -> tensor<?xf32> {
  // expected-error@+1 {{'ta.comprehension' op reduce(add) without 'init' needs an outs tensor to accumulate into}}
  %r = ta.comprehension reduce(add) (i: 0 to %M, k: 0 to %K) ins(%A[i, k] : tensor<?x?xf32>) outs[i] -> tensor<?xf32> {
  ^bb0(%a: f32):
    ta.yield %a : f32
  }
  return %r : tensor<?xf32>
}

// -----

func.func @expression_in_output(%A: tensor<?xf32>, %M: index) -> tensor<?xf32> {
  // expected-error@+1 {{'ta.comprehension' op dimension 0 of the result must be written at an index variable, not an expression}}
  %r = ta.comprehension (i: 0 to %M) ins(%A[i] : tensor<?xf32>) outs[i + 1] -> tensor<?xf32> {
  ^bb0(%a: f32):
    ta.yield %a : f32
  }
  return %r : tensor<?xf32>
}

// -----

func.func @diagonal_output(%A: tensor<?xf32>, %M: index) -> tensor<?x?xf32> {
  // expected-error@+1 {{'ta.comprehension' op index variable 'i' writes two dimensions of the result}}
  %r = ta.comprehension (i: 0 to %M) ins(%A[i] : tensor<?xf32>) outs[i, i] -> tensor<?x?xf32> {
  ^bb0(%a: f32):
    ta.yield %a : f32
  }
  return %r : tensor<?x?xf32>
}

// -----

func.func @init_type(%A: tensor<?xf32>, %B: tensor<4xf32>, %M: index) -> tensor<?xf32> {
  // expected-error@+1 {{'ta.comprehension' op init type tensor<4xf32> does not match the result type tensor<?xf32>}}
  %r = ta.comprehension (i: 0 to %M) ins(%A[i] : tensor<?xf32>) outs(%B[i] : tensor<4xf32>) -> tensor<?xf32> {
  ^bb0(%a: f32):
    ta.yield %a : f32
  }
  return %r : tensor<?xf32>
}

// -----

func.func @duplicate_index(%A: tensor<?xf32>, %M: index) -> tensor<?xf32> {
  // expected-error@+1 {{'ta.comprehension' op index variable 'i' is declared twice}}
  %r = ta.comprehension (i: 0 to %M, i: 0 to %M) ins(%A[i] : tensor<?xf32>) outs[i] -> tensor<?xf32> {
  ^bb0(%a: f32):
    ta.yield %a : f32
  }
  return %r : tensor<?xf32>
}

// -----

func.func @identity_init_without_reduction(%A: tensor<?xf32>, %M: index) -> tensor<?xf32> {
  // expected-error@+1 {{'ta.comprehension' op 'init' (TC's '!') needs a reduction}}
  %r = "ta.comprehension"(%A, %M) <{identity_init, indices = ["i"], input_maps = [affine_map<(d0)[s0] -> (d0)>], lower_bounds = affine_map<()[s0] -> (0)>, operandSegmentSizes = array<i32: 1, 0, 1>, output_map = affine_map<(d0)[s0] -> (d0)>, reduction = #ta<reduction none>, upper_bounds = affine_map<()[s0] -> (s0)>}> ({
  ^bb0(%a: f32):
    "ta.yield"(%a) : (f32) -> ()
  }) : (tensor<?xf32>, index) -> tensor<?xf32>
  return %r : tensor<?xf32>
}

// -----

func.func @bound_arity(%A: tensor<?xf32>, %M: index) -> tensor<?xf32> {
  // expected-error@+1 {{'ta.comprehension' op upper bounds must map 1 sizes to 1 bounds, one per index variable, with no dimensions, got ()[s0] -> (s0, s0)}}
  %r = "ta.comprehension"(%A, %M) <{indices = ["i"], input_maps = [affine_map<(d0)[s0] -> (d0)>], lower_bounds = affine_map<()[s0] -> (0)>, operandSegmentSizes = array<i32: 1, 0, 1>, output_map = affine_map<(d0)[s0] -> (d0)>, reduction = #ta<reduction none>, upper_bounds = affine_map<()[s0] -> (s0, s0)>}> ({
  ^bb0(%a: f32):
    "ta.yield"(%a) : (f32) -> ()
  }) : (tensor<?xf32>, index) -> tensor<?xf32>
  return %r : tensor<?xf32>
}

// -----

func.func @map_arity(%A: tensor<?xf32>, %M: index) -> tensor<?xf32> {
  // expected-error@+1 {{'ta.comprehension' op the access map of input #0 must have 1 dimensions (the index variables) and 1 symbols (the sizes), got (d0, d1)[s0] -> (d0)}}
  %r = "ta.comprehension"(%A, %M) <{indices = ["i"], input_maps = [affine_map<(d0, d1)[s0] -> (d0)>], lower_bounds = affine_map<()[s0] -> (0)>, operandSegmentSizes = array<i32: 1, 0, 1>, output_map = affine_map<(d0)[s0] -> (d0)>, reduction = #ta<reduction none>, upper_bounds = affine_map<()[s0] -> (s0)>}> ({
  ^bb0(%a: f32):
    "ta.yield"(%a) : (f32) -> ()
  }) : (tensor<?xf32>, index) -> tensor<?xf32>
  return %r : tensor<?xf32>
}

// -----

func.func @map_count(%A: tensor<?xf32>, %M: index) -> tensor<?xf32> {
  // expected-error@+1 {{'ta.comprehension' op expected 1 input maps, one per input, got 0}}
  %r = "ta.comprehension"(%A, %M) <{indices = ["i"], input_maps = [], lower_bounds = affine_map<()[s0] -> (0)>, operandSegmentSizes = array<i32: 1, 0, 1>, output_map = affine_map<(d0)[s0] -> (d0)>, reduction = #ta<reduction none>, upper_bounds = affine_map<()[s0] -> (s0)>}> ({
  ^bb0(%a: f32):
    "ta.yield"(%a) : (f32) -> ()
  }) : (tensor<?xf32>, index) -> tensor<?xf32>
  return %r : tensor<?xf32>
}

// -----

// Static shapes and constant bounds: every access must stay in bounds.
func.func @out_of_bounds_input(%A: tensor<8xf32>) -> tensor<8xf32> {
  // expected-error@+1 {{'ta.comprehension' op access out of bounds: dimension 0 of input #0 is indexed by 'i + 1', which ranges over [1, 8], but its size is 8}}
  %r = ta.comprehension (i: 0 to 8) ins(%A[i + 1] : tensor<8xf32>) outs[i] -> tensor<8xf32> {
  ^bb0(%a: f32):
    ta.yield %a : f32
  }
  return %r : tensor<8xf32>
}

// -----

func.func @out_of_bounds_strided(%A: tensor<10xf32>) -> tensor<5xf32> {
  // expected-error@+1 {{'ta.comprehension' op access out of bounds: dimension 0 of input #0 is indexed by 'h * 2 + kh', which ranges over [0, 10], but its size is 10}}
  %r = ta.comprehension reduce(add, init) (h: 0 to 5, kh: 0 to 3) ins(%A[2 * h + kh] : tensor<10xf32>) outs[h] -> tensor<5xf32> {
  ^bb0(%a: f32):
    ta.yield %a : f32
  }
  return %r : tensor<5xf32>
}

// -----

func.func @out_of_bounds_negative(%A: tensor<8xf32>) -> tensor<8xf32> {
  // expected-error@+1 {{'ta.comprehension' op access out of bounds: dimension 0 of input #0 is indexed by 'i - 1', which ranges over [-1, 6], but its size is 8}}
  %r = ta.comprehension (i: 0 to 8) ins(%A[i - 1] : tensor<8xf32>) outs[i] -> tensor<8xf32> {
  ^bb0(%a: f32):
    ta.yield %a : f32
  }
  return %r : tensor<8xf32>
}

// -----

func.func @out_of_bounds_output(%A: tensor<8xf32>) -> tensor<4xf32> {
  // expected-error@+1 {{'ta.comprehension' op access out of bounds: dimension 0 of the result is indexed by 'i', which ranges over [0, 7], but its size is 4}}
  %r = ta.comprehension (i: 0 to 8) ins(%A[i] : tensor<8xf32>) outs[i] -> tensor<4xf32> {
  ^bb0(%a: f32):
    ta.yield %a : f32
  }
  return %r : tensor<4xf32>
}

// -----

func.func @yield_outside(%x: f32) -> f32 {
  // expected-error@+1 {{'ta.yield' op expects parent op 'ta.comprehension'}}
  ta.yield %x : f32
}

// -----

func.func @index_outside() -> index {
  // expected-error@+1 {{'ta.index' op must be nested in a 'ta.comprehension'}}
  %i = ta.index 0 : index
  return %i : index
}

// -----

func.func @index_out_of_range(%M: index) -> tensor<?xindex> {
  %r = ta.comprehension (i: 0 to %M) outs[i] -> tensor<?xindex> {
    // expected-error@+1 {{'ta.index' op index 1 is out of range: the comprehension has 1 index variables}}
    %i = ta.index 1 : index
    ta.yield %i : index
  }
  return %r : tensor<?xindex>
}

// -----

func.func @body_without_yield(%A: tensor<?xf32>, %M: index) -> tensor<?xf32> {
  // expected-error@+1 {{'ta.comprehension' op the body must end with 'ta.yield'}}
  %r = "ta.comprehension"(%A, %M) <{indices = ["i"], input_maps = [affine_map<(d0)[s0] -> (d0)>], lower_bounds = affine_map<()[s0] -> (0)>, operandSegmentSizes = array<i32: 1, 0, 1>, output_map = affine_map<(d0)[s0] -> (d0)>, reduction = #ta<reduction none>, upper_bounds = affine_map<()[s0] -> (s0)>}> ({
  ^bb0(%a: f32):
    %n = "arith.negf"(%a) : (f32) -> f32
  }) : (tensor<?xf32>, index) -> tensor<?xf32>
  return %r : tensor<?xf32>
}
