// affine-loop-interchange permutes each outermost perfect band of affine.for loops
// whose depth is the permutation's length; permutation[i] is the new position of loop i.
//
// RUN: irkit-opt %s --split-input-file '--affine-loop-interchange=permutation=2,0,1' | FileCheck %s
// RUN: irkit-opt %s --split-input-file '--affine-loop-interchange=permutation=1,0' | FileCheck %s --check-prefix=SWAP
// RUN: irkit-opt %s --split-input-file '--affine-loop-interchange=permutation=0,2,1' | FileCheck %s --check-prefix=INNER
// UNSUPPORTED: reference-mlir-opt

// Loop 0 (%i) goes innermost, loop 1 (%j) outermost: the order becomes j, k, i. Legal:
// the only dependences (on C[i][j]) are carried by %k, whatever the loop order.
// CHECK-LABEL: func.func @matmul(
// CHECK-SAME:      %[[A:[^:]*]]: memref<4x5xf32>, %[[B:[^:]*]]: memref<5x6xf32>, %[[C:[^:]*]]: memref<4x6xf32>
// CHECK-NEXT:    affine.for %[[J:.*]] = 0 to 6 {
// CHECK-NEXT:      affine.for %[[K:.*]] = 0 to 5 {
// CHECK-NEXT:        affine.for %[[I:.*]] = 0 to 4 {
// CHECK-NEXT:          %[[X:.*]] = affine.load %[[A]][%[[I]], %[[K]]]
// CHECK-NEXT:          %[[Y:.*]] = affine.load %[[B]][%[[K]], %[[J]]]
// CHECK-NEXT:          %[[Z:.*]] = affine.load %[[C]][%[[I]], %[[J]]]
// CHECK-NEXT:          %[[P:.*]] = arith.mulf %[[X]], %[[Y]] : f32
// CHECK-NEXT:          %[[S:.*]] = arith.addf %[[Z]], %[[P]] : f32
// CHECK-NEXT:          affine.store %[[S]], %[[C]][%[[I]], %[[J]]]
// CHECK-NEXT:        }
// CHECK-NEXT:      }
// CHECK-NEXT:    }
// CHECK-NEXT:    func.return
// A band of another depth is left alone.
// SWAP-LABEL: func.func @matmul(
// SWAP-NEXT:    affine.for %{{.*}} = 0 to 4 {
// SWAP-NEXT:      affine.for %{{.*}} = 0 to 6 {
// SWAP-NEXT:        affine.for %{{.*}} = 0 to 5 {
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

// Bounds over symbols move with their loop. The dependence A[i-1][j] -> A[i][j] has
// distances (1, 0), which become (0, 1): still forward.
// SWAP-LABEL: func.func @symbolic_bounds(
// SWAP-SAME:      %[[A:[^:]*]]: memref<?x?xf32>, %[[N:[^:]*]]: index, %[[M:[^:]*]]: index
// SWAP-NEXT:    affine.for %[[J:.*]] = 1 to min affine_map<()[s0] -> (s0, 64)>()[%[[M]]] step 2 {
// SWAP-NEXT:      affine.for %[[I:.*]] = 1 to %[[N]] {
// SWAP-NEXT:        %[[V:.*]] = affine.load %[[A]][%[[I]] - 1, %[[J]]]
// SWAP-NEXT:        affine.store %[[V]], %[[A]][%[[I]], %[[J]]]
func.func @symbolic_bounds(%A: memref<?x?xf32>, %n: index, %m: index) {
  affine.for %i = 1 to %n {
    affine.for %j = 1 to min affine_map<()[s0] -> (s0, 64)>()[%m] step 2 {
      %v = affine.load %A[%i - 1, %j] : memref<?x?xf32>
      affine.store %v, %A[%i, %j] : memref<?x?xf32>
    }
  }
  return
}

// -----

// Bounds that use the iv of a loop staying outside them are kept as they are: with
// 0,2,1, %i stays outermost and %j's bound still sees it.
// INNER-LABEL: func.func @triangular(
// INNER-NEXT:    %[[ZERO:.*]] = arith.constant
// INNER-NEXT:    affine.for %[[I:.*]] = 0 to 8 {
// INNER-NEXT:      affine.for %[[K:.*]] = 0 to 8 {
// INNER-NEXT:        affine.for %[[J:.*]] = 0 to affine_map<(d0) -> (d0 + 1)>(%[[I]]) {
// INNER-NEXT:          affine.store %[[ZERO]], %{{.*}}[%[[I]], %[[J]], %[[K]]]
func.func @triangular(%A: memref<8x8x8xf32>) {
  %cst = arith.constant 0.0 : f32
  affine.for %i = 0 to 8 {
    affine.for %j = 0 to affine_map<(d0) -> (d0 + 1)>(%i) {
      affine.for %k = 0 to 8 {
        affine.store %cst, %A[%i, %j, %k] : memref<8x8x8xf32>
      }
    }
  }
  return
}
