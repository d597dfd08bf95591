// Cases from MLIR's test/Dialect/Affine/affine-loop-normalize.mlir, with mlir-opt 22's output
// (`d0 + d1` where the older test file has `d1 + d0`). The second RUN line of
// each kind checks the same expectations against MLIR's own pass, printed back by irkit-opt.
// RUN: irkit-opt %s --allow-unregistered-dialect -affine-loop-normalize -split-input-file | FileCheck %s
// RUN: %if mlir-opt %{ mlir-opt %s --allow-unregistered-dialect -affine-loop-normalize -split-input-file | irkit-opt --allow-unregistered-dialect -split-input-file | FileCheck %s %}
// RUN: irkit-opt %s --allow-unregistered-dialect '-affine-loop-normalize=promote-single-iter=true' -split-input-file | FileCheck %s --check-prefix=PROMOTE
// RUN: %if mlir-opt %{ mlir-opt %s --allow-unregistered-dialect '-affine-loop-normalize=promote-single-iter=true' -split-input-file | irkit-opt --allow-unregistered-dialect -split-input-file | FileCheck %s --check-prefix=PROMOTE %}

// CHECK-LABEL: func @relative_bounds
func.func @relative_bounds(%arg: index) {
  // CHECK: affine.for %{{.*}} = 0 to 4
  affine.for %i = affine_map<(d0) -> (d0)>(%arg) to affine_map<(d0) -> (d0 + 4)>(%arg) {
  }
  return
}

// -----

// Without promote-single-iter a single-iteration loop stays; with it, the body replaces
// the loop and the induction variable becomes a constant at the function entry.

// CHECK-LABEL: func @single_iteration_loop
// CHECK:      affine.for %[[I:.*]] = 0 to 1 {
// CHECK-NEXT:   affine.load %{{.*}}[%[[I]]]
// PROMOTE-LABEL: func @single_iteration_loop
// PROMOTE-NEXT: %[[C0:.*]] = arith.constant 0 : index
// PROMOTE-NOT:  affine.for
// PROMOTE:      affine.load %{{.*}}[%[[C0]]]
// PROMOTE-NEXT: affine.store %{{.*}}, %{{.*}}[%[[C0]]]
// PROMOTE-NEXT: return
func.func @single_iteration_loop(%in: memref<1xf32>, %out: memref<1xf32>) {
  affine.for %i = 0 to 1 {
    %1 = affine.load %in[%i] : memref<1xf32>
    affine.store %1, %out[%i] : memref<1xf32>
  }
  return
}

// -----

// CHECK-LABEL: func @simple_loop_nest()
// CHECK-NEXT:   affine.for %[[I:.*]] = 0 to 15 {
// CHECK-NEXT:     %[[IIV:.*]] = affine.apply affine_map<(d0) -> (d0 * 2 + 2)>(%[[I]])
// CHECK-NEXT:     affine.for %[[II:.*]] = 0 to 11 {
// CHECK-NEXT:       %[[IIIV:.*]] = affine.apply affine_map<(d0) -> (d0 * 3)>(%[[II]])
// CHECK-NEXT:       "test.foo"(%[[IIV]], %[[IIIV]])
// CHECK-NEXT:     }
// CHECK-NEXT:   }
// CHECK-NEXT:   return
// CHECK-NEXT: }
func.func @simple_loop_nest(){
  affine.for %i0 = 2 to 32 step 2 {
    affine.for %i1 =  0 to 32 step 3 {
      "test.foo"(%i0, %i1) : (index, index) -> ()
    }
  }
  return
}

// -----

// CHECK-LABEL: func @loop_with_unknown_upper_bound
// CHECK-SAME: (%[[ARG0:.*]]: memref<?x?xf32>, %[[ARG1:.*]]: index)
// CHECK-NEXT:  %{{.*}} = arith.constant 0 : index
// CHECK-NEXT:  %[[DIM:.*]] = memref.dim %[[ARG0]], %{{.*}} : memref<?x?xf32>
// CHECK-NEXT:   affine.for %[[I:.*]] = 0 to affine_map<()[s0] -> ((s0 - 2) ceildiv 32)>()[%[[DIM]]] {
// CHECK-NEXT:     %[[IIV:.*]] = affine.apply affine_map<(d0) -> (d0 * 32 + 2)>(%[[I]])
// CHECK-NEXT:     affine.for %[[II:.*]] = 0 to affine_map<()[s0] -> (s0 ceildiv 2)>()[%[[ARG1]]] {
// CHECK-NEXT:       %[[IIIV:.*]] = affine.apply affine_map<(d0) -> (d0 * 2)>(%[[II]])
// CHECK-NEXT:       "test.foo"(%[[IIV]], %[[IIIV]])
// CHECK-NEXT:     }
// CHECK-NEXT:   }
// CHECK-NEXT:   return
// CHECK-NEXT: }
func.func @loop_with_unknown_upper_bound(%arg0: memref<?x?xf32>, %arg1: index) {
  %c0 = arith.constant 0 : index
  %0 = memref.dim %arg0, %c0 : memref<?x?xf32>
  affine.for %i0 = 2 to %0 step 32 {
    affine.for %i1 = 0 to %arg1 step 2 {
      "test.foo"(%i0, %i1) : (index, index) -> ()
    }
  }
  return
}

// -----

// CHECK-LABEL: func @loop_with_multiple_upper_bounds
// CHECK-SAME: (%[[ARG0:.*]]: memref<?x?xf32>, %[[ARG1:.*]]: index)
// CHECK-NEXT:  %{{.*}} = arith.constant 0 : index
// CHECK-NEXT:  %[[DIM:.*]] = memref.dim %[[ARG0]], %{{.*}} : memref<?x?xf32>
// CHECK-NEXT:   affine.for %[[I:.*]] = 0 to affine_map<()[s0] -> ((s0 - 2) ceildiv 32)>()[%[[DIM]]] {
// CHECK-NEXT:     %[[IIV:.*]] = affine.apply affine_map<(d0) -> (d0 * 32 + 2)>(%[[I]])
// CHECK-NEXT:     affine.for %[[II:.*]] = 0 to min affine_map<()[s0] -> (s0 - 2, 510)>()[%[[ARG1]]] {
// CHECK-NEXT:       %[[IIIV:.*]] = affine.apply affine_map<(d0) -> (d0 + 2)>(%[[II]])
// CHECK-NEXT:       "test.foo"(%[[IIV]], %[[IIIV]])
// CHECK-NEXT:     }
// CHECK-NEXT:   }
// CHECK-NEXT:   return
// CHECK-NEXT: }
func.func @loop_with_multiple_upper_bounds(%arg0: memref<?x?xf32>, %arg1 : index) {
  %c0 = arith.constant 0 : index
  %0 = memref.dim %arg0, %c0 : memref<?x?xf32>
  affine.for %i0 = 2 to %0 step 32{
    affine.for %i1 = 2 to min affine_map<(d0)[] -> (d0, 512)>(%arg1) {
      "test.foo"(%i0, %i1) : (index, index) -> ()
    }
  }
  return
}

// -----

// CHECK-LABEL: func @tiled_matmul
// CHECK-SAME: (%[[ARG0:.*]]: memref<1024x1024xf32>, %[[ARG1:.*]]: memref<1024x1024xf32>, %[[ARG2:.*]]: memref<1024x1024xf32>)
// CHECK:    %[[DIM0:.*]] = memref.dim %[[ARG0]], %{{.*}}
// CHECK-NEXT:    %[[DIM1:.*]] = memref.dim %[[ARG1]], %{{.*}}
// CHECK-NEXT:    %[[DIM2:.*]] = memref.dim %[[ARG0]], %{{.*}}
// CHECK-NEXT:    affine.for %[[I:.*]] = 0 to affine_map<()[s0] -> (s0 ceildiv 32)>()[%[[DIM0]]] {
// CHECK-NEXT:      %[[IIV:.*]] = affine.apply affine_map<(d0) -> (d0 * 32)>(%[[I]])
// CHECK-NEXT:      affine.for %[[J:.*]] = 0 to affine_map<()[s0] -> (s0 ceildiv 32)>()[%[[DIM1]]] {
// CHECK-NEXT:        %[[JIV:.*]] = affine.apply affine_map<(d0) -> (d0 * 32)>(%[[J]])
// CHECK-NEXT:        affine.for %[[K:.*]] = 0 to affine_map<()[s0] -> (s0 ceildiv 32)>()[%[[DIM2]]] {
// CHECK-NEXT:          %[[KIV:.*]] = affine.apply affine_map<(d0) -> (d0 * 32)>(%[[K]])
// CHECK-NEXT:          affine.for %[[II:.*]] = 0 to min affine_map<(d0)[s0] -> (32, -d0 + s0)>(%[[IIV]])[%[[DIM0]]] {
// CHECK-NEXT:            %[[IIIV:.*]] = affine.apply affine_map<(d0, d1) -> (d0 + d1)>(%[[IIV]], %[[II]])
// CHECK-NEXT:            affine.for %[[JJ:.*]] = 0 to min affine_map<(d0)[s0] -> (32, -d0 + s0)>(%[[JIV]])[%[[DIM1]]] {
// CHECK-NEXT:              %[[JJIV:.*]] = affine.apply affine_map<(d0, d1) -> (d0 + d1)>(%[[JIV]], %[[JJ]])
// CHECK-NEXT:              affine.for %[[KK:.*]] = 0 to min affine_map<(d0)[s0] -> (32, -d0 + s0)>(%[[KIV]])[%[[DIM2]]] {
// CHECK-NEXT:                %[[KKIV:.*]] = affine.apply affine_map<(d0, d1) -> (d0 + d1)>(%[[KIV]], %[[KK]])
// CHECK-NEXT:                %{{.*}} = affine.load %[[ARG0]][%[[IIIV]], %[[KKIV]]] : memref<1024x1024xf32>
// CHECK-NEXT:                %{{.*}} = affine.load %[[ARG1]][%[[KKIV]], %[[JJIV]]] : memref<1024x1024xf32>
// CHECK-NEXT:                %{{.*}} = affine.load %[[ARG2]][%[[IIIV]], %[[JJIV]]] : memref<1024x1024xf32>
// CHECK-NEXT:                %{{.*}} = arith.mulf
// CHECK-NEXT:                %{{.*}} = arith.addf
// CHECK-NEXT:                affine.store %{{.*}}, %[[ARG2]]{{.*}} : memref<1024x1024xf32>
#map1 = affine_map<(d0) -> (d0)>
#map2 = affine_map<(d0)[s0] -> (d0 + 32, s0)>
func.func @tiled_matmul(%0: memref<1024x1024xf32>, %1: memref<1024x1024xf32>, %2: memref<1024x1024xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %3 = memref.dim %0, %c0 : memref<1024x1024xf32>
  %4 = memref.dim %1, %c1 : memref<1024x1024xf32>
  %5 = memref.dim %0, %c1 : memref<1024x1024xf32>
  affine.for %arg0 = 0 to %3 step 32 {
    affine.for %arg1 = 0 to %4 step 32 {
      affine.for %arg2 = 0 to %5 step 32 {
        affine.for %arg3 = #map1(%arg0) to min #map2(%arg0)[%3] {
          affine.for %arg4 = #map1(%arg1) to min #map2(%arg1)[%4] {
            affine.for %arg5 = #map1(%arg2) to min #map2(%arg2)[%5] {
              %6 = affine.load %0[%arg3, %arg5] : memref<1024x1024xf32>
              %7 = affine.load %1[%arg5, %arg4] : memref<1024x1024xf32>
              %8 = affine.load %2[%arg3, %arg4] : memref<1024x1024xf32>
              %9 = arith.mulf %6, %7 : f32
              %10 = arith.addf %8, %9 : f32
              affine.store %10, %2[%arg3, %arg4] : memref<1024x1024xf32>
            }
          }
        }
      }
    }
  }
  return
}

// -----

// What the pass refuses: a `max` lower bound (several results) cannot be normalized, and a
// loop already from 0 by 1 is left as it is.

// CHECK-LABEL: func @refused
// CHECK-NEXT: affine.for %[[I:.*]] = max affine_map<(d0) -> (d0, 3)>(%{{.*}}) to 10 {
// CHECK-NEXT:   "test.foo"(%[[I]])
// CHECK:      affine.for %[[J:.*]] = 0 to 10 {
// CHECK-NEXT:   "test.foo"(%[[J]])
func.func @refused(%arg1: index) {
  affine.for %i = max affine_map<(d0) -> (d0, 3)>(%arg1) to 10 {
    "test.foo"(%i) : (index) -> ()
  }
  affine.for %j = 0 to 10 {
    "test.foo"(%j) : (index) -> ()
  }
  return
}

// -----

// iter_args are kept; the yielded values are untouched.

// CHECK-LABEL: func @iter_args
// CHECK:      %{{.*}} = affine.for %[[I:.*]] = 0 to 4 iter_args(%[[ACC:.*]] = %{{.*}}) -> (index) {
// CHECK-NEXT:   %[[IV:.*]] = affine.apply affine_map<(d0) -> (d0 * 2 + 1)>(%[[I]])
// CHECK-NEXT:   %[[SUM:.*]] = arith.addi %[[ACC]], %[[IV]] : index
// CHECK-NEXT:   affine.yield %[[SUM]] : index
func.func @iter_args(%init: index) -> index {
  %r = affine.for %i = 1 to 9 step 2 iter_args(%acc = %init) -> (index) {
    %s = arith.addi %acc, %i : index
    affine.yield %s : index
  }
  return %r : index
}

// -----

// affine.parallel: every dimension from 0 by 1.

// CHECK-LABEL: func @normalize_parallel()
// CHECK:      affine.parallel (%[[I0:.*]], %[[J0:.*]]) = (0, 0) to (4, 2) {
// CHECK-NEXT:   %[[I1:.*]] = affine.apply affine_map<(d0) -> (d0 * 3)>(%[[I0]])
// CHECK-NEXT:   %[[J1:.*]] = affine.apply affine_map<(d0) -> (d0 * 2 + 1)>(%[[J0]])
// CHECK-NEXT:   affine.parallel (%[[K0:.*]]) = (0) to (%[[J1]] - %[[I1]]) {
// CHECK-NEXT:     %[[K1:.*]] = affine.apply affine_map<(d0, d1) -> (d0 + d1)>(%[[I1]], %[[K0]])
// CHECK-NEXT:     affine.store %{{.*}}, %{{.*}}[%[[I1]], %[[K1]]] : memref<2x4xf32>
func.func @normalize_parallel() {
  %cst = arith.constant 1.0 : f32
  %0 = memref.alloc() : memref<2x4xf32>
  affine.parallel (%i, %j) = (0, 1) to (10, 5) step (3, 2) {
    affine.parallel (%k) = (%i) to (%j) {
      affine.store %cst, %0[%i, %k] : memref<2x4xf32>
    }
  }
  return
}
