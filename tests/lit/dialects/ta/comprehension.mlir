// Round trip of ta.comprehension, ta.yield and ta.index: reductions with and without
// `init`, bounds that are affine expressions of the sizes, conv-style and strided
// accesses, rank-0 tensors, an outs tensor, static shapes and extra attributes.
//
// The ta dialect is irkit's own: mlir-opt does not know it.
// UNSUPPORTED: reference-mlir-opt
// RUN: irkit-opt %s | FileCheck %s
// RUN: irkit-opt %s | irkit-opt | FileCheck %s
// RUN: irkit-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC
// RUN: irkit-opt %s > %t.custom && irkit-opt %s --mlir-print-op-generic | irkit-opt > %t.roundtrip && diff %t.custom %t.roundtrip
// RUN: irkit-opt %t.custom > %t.again && diff %t.custom %t.again

// CHECK-LABEL: func.func @matmul
// CHECK: %C = ta.comprehension reduce(add, init) (m: 0 to %M, n: 0 to %N, r_k: 0 to %K) ins(%A[m, r_k], %B[r_k, n] : tensor<?x?xf32>, tensor<?x?xf32>) outs[m, n] -> tensor<?x?xf32> {
// CHECK-NEXT: ^bb0(%a: f32, %b: f32):
// CHECK-NEXT:   %p = arith.mulf %a, %b : f32
// CHECK-NEXT:   ta.yield %p : f32
// CHECK-NEXT: }
// GENERIC-LABEL: "func.func"
// GENERIC: "ta.comprehension"(%A, %B, %M, %N, %K) <{identity_init, indices = ["m", "n", "r_k"], input_maps = [affine_map<(d0, d1, d2)[s0, s1, s2] -> (d0, d2)>, affine_map<(d0, d1, d2)[s0, s1, s2] -> (d2, d1)>], lower_bounds = affine_map<()[s0, s1, s2] -> (0, 0, 0)>, operandSegmentSizes = array<i32: 2, 0, 3>, output_map = affine_map<(d0, d1, d2)[s0, s1, s2] -> (d0, d1)>, reduction = #ta<reduction add>, upper_bounds = affine_map<()[s0, s1, s2] -> (s0, s1, s2)>}>
// GENERIC: "ta.yield"(%p) : (f32) -> ()
func.func @matmul(%A: tensor<?x?xf32>, %B: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %M = tensor.dim %A, %c0 : tensor<?x?xf32>
  %K = tensor.dim %A, %c1 : tensor<?x?xf32>
  %N = tensor.dim %B, %c1 : tensor<?x?xf32>
  %C = ta.comprehension reduce(add, init) (m: 0 to %M, n: 0 to %N, r_k: 0 to %K)
         ins(%A[m, r_k], %B[r_k, n] : tensor<?x?xf32>, tensor<?x?xf32>)
         outs[m, n] -> tensor<?x?xf32> {
  ^bb0(%a: f32, %b: f32):
    %p = arith.mulf %a, %b : f32
    ta.yield %p : f32
  }
  return %C : tensor<?x?xf32>
}

// The output height of a strided 1-D convolution: 2*h + kh < H with kh < KH.
// CHECK-LABEL: func.func @strided_conv
// CHECK: ta.comprehension reduce(add, init) (h: 0 to (%H - %KH) floordiv 2 + 1, kh: 0 to %KH) ins(%I[h * 2 + kh], %W[kh] : tensor<?xf32>, tensor<?xf32>) outs[h] -> tensor<?xf32>
// GENERIC-LABEL: "func.func"
// GENERIC: upper_bounds = affine_map<()[s0, s1] -> ((s0 - s1) floordiv 2 + 1, s1)>
func.func @strided_conv(%I: tensor<?xf32>, %W: tensor<?xf32>) -> tensor<?xf32> {
  %c0 = arith.constant 0 : index
  %H = tensor.dim %I, %c0 : tensor<?xf32>
  %KH = tensor.dim %W, %c0 : tensor<?xf32>
  %O = ta.comprehension reduce(add, init) (h: 0 to (%H - %KH) floordiv 2 + 1, kh: 0 to %KH)
         ins(%I[2 * h + kh], %W[kh] : tensor<?xf32>, tensor<?xf32>) outs[h] -> tensor<?xf32> {
  ^bb0(%i: f32, %w: f32):
    %p = arith.mulf %i, %w : f32
    ta.yield %p : f32
  }
  return %O : tensor<?xf32>
}

// A max reduction into a rank-0 tensor, then an update of it in place (`outs(...)`),
// a statement with no inputs that uses its index variable, and extra attributes.
// CHECK-LABEL: func.func @scalars
// CHECK: %m = ta.comprehension reduce(max, init) (i: 0 to 8) ins(%x[i] : tensor<8xf32>) outs[] -> tensor<f32> {
// CHECK: %n = ta.comprehension reduce(mul) (i: 0 to 8) ins(%x[i] : tensor<8xf32>) outs(%m[] : tensor<f32>) -> tensor<f32> {
// CHECK: %r = ta.comprehension (i: 0 to 8) outs[i] -> tensor<8xi64> attributes {note = "ramp"} {
// CHECK-NEXT:   %i = ta.index 0 : index
// CHECK-NEXT:   %v = arith.index_cast %i : index to i64
// CHECK-NEXT:   ta.yield %v : i64
// CHECK: %s = ta.comprehension () ins(%m[] : tensor<f32>) outs[] -> tensor<f32> {
// GENERIC-LABEL: "func.func"
// GENERIC: "ta.comprehension"(%x, %m) <{indices = ["i"], input_maps = [affine_map<(d0) -> (d0)>], lower_bounds = affine_map<() -> (0)>, operandSegmentSizes = array<i32: 1, 1, 0>, output_map = affine_map<(d0) -> ()>, reduction = #ta<reduction mul>, upper_bounds = affine_map<() -> (8)>}>
// GENERIC: "ta.index"() <{dim = 0 : i64}> : () -> index
func.func @scalars(%x: tensor<8xf32>) -> (tensor<f32>, tensor<8xi64>, tensor<f32>) {
  %m = ta.comprehension reduce(max, init) (i: 0 to 8) ins(%x[i] : tensor<8xf32>) outs[] -> tensor<f32> {
  ^bb0(%e: f32):
    ta.yield %e : f32
  }
  %n = ta.comprehension reduce(mul) (i: 0 to 8) ins(%x[i] : tensor<8xf32>) outs(%m[] : tensor<f32>) -> tensor<f32> {
  ^bb0(%e: f32):
    ta.yield %e : f32
  }
  %r = ta.comprehension (i: 0 to 8) outs[i] -> tensor<8xi64> attributes {note = "ramp"} {
    %i = ta.index 0 : index
    %v = arith.index_cast %i : index to i64
    ta.yield %v : i64
  }
  // With no index variables, the box is the single point ().
  %s = ta.comprehension () ins(%m[] : tensor<f32>) outs[] -> tensor<f32> {
  ^bb0(%e: f32):
    ta.yield %e : f32
  }
  return %n, %r, %s : tensor<f32>, tensor<8xi64>, tensor<f32>
}

// The static bounds check rejects only accesses it can prove out of bounds: here
// interval arithmetic would claim `i - i floordiv 2` reaches -3 and `(2 * i) mod 8`
// reaches 7, yet both stay within [0, 5].
// CHECK-LABEL: func.func @in_bounds_despite_intervals
// CHECK: ta.comprehension (i: 0 to 6) ins(%A[i - i floordiv 2], %B[(i * 2) mod 8] : tensor<4xf32>, tensor<7xf32>) outs[i] -> tensor<6xf32>
func.func @in_bounds_despite_intervals(%A: tensor<4xf32>, %B: tensor<7xf32>) -> tensor<6xf32> {
  %r = ta.comprehension (i: 0 to 6) ins(%A[i - i floordiv 2], %B[(2 * i) mod 8] : tensor<4xf32>, tensor<7xf32>) outs[i] -> tensor<6xf32> {
  ^bb0(%a: f32, %b: f32):
    %s = arith.addf %a, %b : f32
    ta.yield %s : f32
  }
  return %r : tensor<6xf32>
}
