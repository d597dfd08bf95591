// What lower-ta-to-affine refuses, each with a diagnostic at the op at fault.
//
// RUN: irkit-opt %s --split-input-file --verify-diagnostics --lower-ta-to-affine

// expected-error@+1 {{cannot lower tensor<*xf32> to a memref: only ranked tensors without an encoding are supported}}
func.func @unranked(%A: tensor<*xf32>) {
  func.return
}

// -----

// expected-error@+1 {{cannot lower tensor<4xf32, "sparse"> to a memref: only ranked tensors without an encoding are supported}}
func.func @encoding(%A: tensor<4xf32, "sparse">) -> tensor<4xf32> {
  %B = ta.comprehension (i: 0 to 4) outs[i] -> tensor<4xf32> {
  ^bb0:
    %one = arith.constant 1.0 : f32
    ta.yield %one : f32
  }
  func.return %B : tensor<4xf32>
}

// -----

// expected-error@+1 {{cannot lower @scalar_result: result #1 has type index, and only tensor results can become out-parameters}}
func.func @scalar_result(%A: tensor<?xf32>) -> (tensor<?xf32>, index) {
  %c0 = arith.constant 0 : index
  %N = tensor.dim %A, %c0 : tensor<?xf32>
  func.return %A, %N : tensor<?xf32>, index
}

// -----

// expected-error@+1 {{cannot lower @blocks: functions on tensors must have a single block}}
func.func @blocks(%A: tensor<4xf32>) -> tensor<4xf32> {
  cf.br ^next
^next:
  func.return %A : tensor<4xf32>
}

// -----

func.func @other_tensor_op(%N: index) -> tensor<?xf32> {
  // expected-error@+1 {{cannot lower 'tensor.empty' on tensors: lower-ta-to-affine handles tensors only in ta.comprehension, tensor.dim, func.call and func.return}}
  %E = tensor.empty(%N) : tensor<?xf32>
  func.return %E : tensor<?xf32>
}

// -----

func.func @nested(%A: tensor<?xf32>) -> tensor<?xf32> {
  %c0 = arith.constant 0 : index
  %N = tensor.dim %A, %c0 : tensor<?xf32>
  %B = ta.comprehension (i: 0 to %N) ins(%A[i] : tensor<?xf32>) outs[i] -> tensor<?xf32> {
  ^bb0(%a: f32):
    // expected-error@+1 {{cannot lower 'tensor.dim' on tensors here: it must be at the top level of the body of @nested}}
    %size = tensor.dim %A, %c0 : tensor<?xf32>
    %i = arith.index_cast %size : index to i32
    %f = arith.sitofp %i : i32 to f32
    %s = arith.addf %a, %f : f32
    ta.yield %s : f32
  }
  func.return %B : tensor<?xf32>
}

// -----

func.func @unsigned(%A: tensor<4xui8>) -> tensor<4xui8> {
  // expected-error@+1 {{cannot lower a comprehension on elements of type ui8: only signless integer, index and floating-point elements are supported}}
  %B = ta.comprehension (i: 0 to 4) ins(%A[i] : tensor<4xui8>) outs[i] -> tensor<4xui8> {
  ^bb0(%a: ui8):
    ta.yield %a : ui8
  }
  func.return %B : tensor<4xui8>
}

// -----

func.func private @no_shape(tensor<?xf32>) -> tensor<?xf32>

func.func @call_without_shape(%A: tensor<?xf32>) -> tensor<4xf32> {
  // expected-error@+1 {{cannot allocate result #0 of the call to @no_shape: its type tensor<?xf32> has dynamic sizes and the callee gives no 'ta.shape' of that rank for it}}
  %B = func.call @no_shape(%A) : (tensor<?xf32>) -> tensor<?xf32>
  %C = ta.comprehension (i: 0 to 4) ins(%B[i] : tensor<?xf32>) outs[i] -> tensor<4xf32> {
  ^bb0(%b: f32):
    ta.yield %b : f32
  }
  func.return %C : tensor<4xf32>
}

// -----

func.func private @unknown_size(tensor<?xf32> {ta.shape = affine_map<()[s0, s1] -> (s0 * 2)>})
    -> (tensor<?xf32> {ta.shape = affine_map<()[s0, s1] -> (s0 + s1)>})
    attributes {ta.size_vars = ["N", "P"]}

func.func @call_unknown_size(%A: tensor<?xf32>) -> tensor<?xf32> {
  // expected-error@+1 {{cannot allocate result #0 of the call to @unknown_size: size variable 'N' is not the size of any parameter dimension}}
  %B = func.call @unknown_size(%A) : (tensor<?xf32>) -> tensor<?xf32>
  func.return %B : tensor<?xf32>
}
