// affine-loop-interchange leaves a band unchanged, with a remark on its outermost loop,
// when the permutation is illegal or cannot be applied.
//
// RUN: irkit-opt %s --split-input-file '--affine-loop-interchange=permutation=1,0' --verify-diagnostics | FileCheck %s
// RUN: not irkit-opt %s '--affine-loop-interchange=permutation=1,1' 2>&1 | FileCheck %s --check-prefix=OPTION
// UNSUPPORTED: reference-mlir-opt

// OPTION: invalid options for pass 'affine-loop-interchange': permutation=1,1 is not a permutation of 0..n-1

// A[i][j] = A[i-1][j+1]: distances (1, -1) would become (-1, 1), reading A before it
// is written.
// CHECK-LABEL: func.func @anti_diagonal(
// CHECK-NEXT:    affine.for %[[I:.*]] = 1 to 10 {
// CHECK-NEXT:      affine.for %[[J:.*]] = 0 to 9 {
// CHECK-NEXT:        affine.load %{{.*}}[%[[I]] - 1, %[[J]] + 1]
func.func @anti_diagonal(%A: memref<10x10xf32>) {
  // expected-remark@below {{cannot interchange the loops: it would violate the flow dependence from 'affine.store' to 'affine.load' on %A with distances [1, 1][-1, -1]}}
  affine.for %i = 1 to 10 {
    affine.for %j = 0 to 9 {
      %a = affine.load %A[%i - 1, %j + 1] : memref<10x10xf32>
      affine.store %a, %A[%i, %j] : memref<10x10xf32>
    }
  }
  return
}

// -----

// The inner loop's bounds use %i, which would move inside it.
// CHECK-LABEL: func.func @triangular(
// CHECK-NEXT:    %{{.*}} = arith.constant
// CHECK-NEXT:    affine.for %[[I:.*]] = 0 to 8 {
// CHECK-NEXT:      affine.for %{{.*}} = 0 to affine_map<(d0) -> (d0 + 1)>(%[[I]]) {
func.func @triangular(%A: memref<8x8xf32>) {
  %cst = arith.constant 0.0 : f32
  // expected-remark@below {{cannot interchange the loops: the bounds of loop 1 would use the induction variable of a loop nested inside it}}
  affine.for %i = 0 to 8 {
    affine.for %j = 0 to affine_map<(d0) -> (d0 + 1)>(%i) {
      affine.store %cst, %A[%i, %j] : memref<8x8xf32>
    }
  }
  return
}

// -----

// A value carried by iter_args fixes the order of the iterations.
// CHECK-LABEL: func.func @iter_args(
// CHECK:         affine.for %{{.*}} = 0 to 8 {
// CHECK-NEXT:      affine.for %{{.*}} = 0 to 4 iter_args(
func.func @iter_args(%A: memref<8x4xf32>, %B: memref<8xf32>) {
  %cst = arith.constant 0.0 : f32
  // expected-remark@below {{cannot interchange the loops: a loop of the band has iter_args}}
  affine.for %i = 0 to 8 {
    %s = affine.for %j = 0 to 4 iter_args(%acc = %cst) -> (f32) {
      %a = affine.load %A[%i, %j] : memref<8x4xf32>
      %n = arith.addf %acc, %a : f32
      affine.yield %n : f32
    }
  }
  return
}

// -----

// An access the model cannot represent makes the pass conservative.
// CHECK-LABEL: func.func @non_affine(
// CHECK-NEXT:    affine.for %[[I:.*]] = 0 to 8 {
// CHECK-NEXT:      affine.for %[[J:.*]] = 0 to 8 {
func.func @non_affine(%A: memref<8x8xf32>) {
  // expected-remark@below {{cannot interchange the loops: dependences cannot be analysed: 'memref.store' accesses memory outside the affine model}}
  affine.for %i = 0 to 8 {
    affine.for %j = 0 to 8 {
      %a = affine.load %A[%i, %j] : memref<8x8xf32>
      memref.store %a, %A[%j, %i] : memref<8x8xf32>
    }
  }
  return
}
