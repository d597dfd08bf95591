// affine-parallelize turns the affine.for loops that carry no dependence into
// affine.parallel, outer loops first; loops that carry one stay affine.for.
// affine-parallelize-mlir-reference.mlir runs the same checks on MLIR 22's mlir-opt.
//
// RUN: irkit-opt %s --split-input-file --affine-parallelize | FileCheck %s
// RUN: irkit-opt %s --split-input-file '--affine-parallelize=max-nested=1' | FileCheck %s --check-prefix=NESTED
// RUN: irkit-opt %s --split-input-file '--affine-parallelize=parallel-reductions=true' | FileCheck %s --check-prefix=REDUCE

// The reduction over %k carries a dependence on C: only %i and %j become parallel.
// CHECK-LABEL: func.func @matmul(
// CHECK:         affine.parallel (%[[I:.*]]) = (0) to (4) {
// CHECK-NEXT:      affine.parallel (%[[J:.*]]) = (0) to (6) {
// CHECK-NEXT:        affine.for %[[K:.*]] = 0 to 5 {
// CHECK:               affine.store %{{.*}}, %{{.*}}[%[[I]], %[[J]]] : memref<4x6xf32>
// NESTED-LABEL: func.func @matmul(
// NESTED:         affine.parallel (%[[I:.*]]) = (0) to (4) {
// NESTED-NEXT:      affine.for %{{.*}} = 0 to 6 {
// NESTED-NEXT:        affine.for %{{.*}} = 0 to 5 {
func.func @matmul(%A: memref<4x5xf32>, %B: memref<5x6xf32>, %C: memref<4x6xf32>) {
  affine.for %i = 0 to 4 {
    affine.for %j = 0 to 6 {
      affine.for %k = 0 to 5 {
        %a = affine.load %A[%i, %k] : memref<4x5xf32>
        %b = affine.load %B[%k, %j] : memref<5x6xf32>
        %c = affine.load %C[%i, %j] : memref<4x6xf32>
        %p = arith.mulf %a, %b : f32
        %s = arith.addf %c, %p : f32
        affine.store %s, %C[%i, %j] : memref<4x6xf32>
      }
    }
  }
  return
}

// -----

// A[i][j] = A[i-1][j+1]: the dependence is carried by %i, not by %j.
// CHECK-LABEL: func.func @stencil(
// CHECK:         affine.for %[[I:.*]] = 1 to 10 {
// CHECK-NEXT:      affine.parallel (%[[J:.*]]) = (0) to (9) {
// CHECK-NEXT:        affine.load %{{.*}}[%[[I]] - 1, %[[J]] + 1]
func.func @stencil(%A: memref<10x10xf32>) {
  affine.for %i = 1 to 10 {
    affine.for %j = 0 to 9 {
      %a = affine.load %A[%i - 1, %j + 1] : memref<10x10xf32>
      affine.store %a, %A[%i, %j] : memref<10x10xf32>
    }
  }
  return
}

// -----

// Iteration i reads what iteration i - 2 wrote only when %n is small enough: the
// dependence exists for some %n, so the loop stays sequential.
// CHECK-LABEL: func.func @symbolic_distance(
// CHECK:         affine.for
// CHECK-NOT:     affine.parallel
func.func @symbolic_distance(%A: memref<?xf32>, %n: index) {
  affine.for %i = 0 to %n {
    %v = affine.load %A[%i + symbol(%n)] : memref<?xf32>
    affine.store %v, %A[%i * 2] : memref<?xf32>
  }
  return
}

// -----

// The iter_args reduction stays sequential unless parallel-reductions=true; then the
// body yields each element and the addition with the initial value follows the loop.
// CHECK-LABEL: func.func @row_sums(
// CHECK:         affine.parallel (%[[I:.*]]) = (0) to (10) {
// CHECK-NEXT:      affine.for %{{.*}} = 0 to 20 iter_args(
// REDUCE-LABEL: func.func @row_sums(
// REDUCE-SAME:      %[[A:[^:]*]]: memref<10x20xf32>
// REDUCE:         %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// REDUCE-NEXT:    affine.parallel (%[[I:.*]]) = (0) to (10) {
// REDUCE-NEXT:      %[[SUM:.*]] = affine.parallel (%[[J:.*]]) = (0) to (20) reduce ("addf") -> (f32) {
// REDUCE-NEXT:        %[[X:.*]] = affine.load %[[A]][%[[I]], %[[J]]] : memref<10x20xf32>
// REDUCE-NEXT:        affine.yield %[[X]] : f32
// REDUCE-NEXT:      }
// REDUCE-NEXT:      %[[TOTAL:.*]] = arith.addf %[[ZERO]], %[[SUM]] : f32
// REDUCE-NEXT:      affine.store %[[TOTAL]], %{{.*}}[%[[I]]] : memref<10xf32>
func.func @row_sums(%A: memref<10x20xf32>, %B: memref<10xf32>) {
  %cst = arith.constant 0.0 : f32
  affine.for %i = 0 to 10 {
    %s = affine.for %j = 0 to 20 iter_args(%acc = %cst) -> (f32) {
      %a = affine.load %A[%i, %j] : memref<10x20xf32>
      %n = arith.addf %acc, %a : f32
      affine.yield %n : f32
    }
    affine.store %s, %B[%i] : memref<10xf32>
  }
  return
}

// -----

// An iter_arg that is not a single-op reduction keeps the loop sequential.
// REDUCE-LABEL: func.func @not_a_reduction(
// REDUCE:         affine.for %{{.*}} = 0 to 20 iter_args(
func.func @not_a_reduction(%A: memref<20xf32>) -> f32 {
  %cst = arith.constant 0.0 : f32
  %s = affine.for %j = 0 to 20 iter_args(%acc = %cst) -> (f32) {
    %a = affine.load %A[%j] : memref<20xf32>
    %n = arith.addf %acc, %a : f32
    %m = arith.mulf %n, %n : f32
    affine.yield %m : f32
  }
  return %s : f32
}
