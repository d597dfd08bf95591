// lower-affine on affine.for: constant, symbolic and max/min bounds, steps, iter_args
// with results, and nesting. Bounds are computed before the loop (the lower bound first),
// max/min bounds as arith.maxsi/minsi chains in result order, the step as an index
// constant; the body moves into scf.for, its affine.yield becomes scf.yield.
//
// RUN: irkit-opt %s --lower-affine | FileCheck %s
// RUN: irkit-opt %s --lower-affine | irkit-opt | FileCheck %s
// mlir-opt-reference.test runs the same checks on mlir-opt's output.

// CHECK-LABEL: func.func @constant_bounds(
// CHECK-SAME:      %[[A:[^ :]+]]: memref<10xf32>
// CHECK-NEXT:    %[[LB:[^ ]+]] = arith.constant 0 : index
// CHECK-NEXT:    %[[UB:[^ ]+]] = arith.constant 10 : index
// CHECK-NEXT:    %[[STEP:[^ ]+]] = arith.constant 1 : index
// CHECK-NEXT:    scf.for %[[I:[^ ]+]] = %[[LB]] to %[[UB]] step %[[STEP]] {
// CHECK-NEXT:      %[[V:[^ ]+]] = memref.load %[[A]][%[[I]]] : memref<10xf32>
// CHECK-NEXT:      memref.store %[[V]], %[[A]][%[[I]]] : memref<10xf32>
// CHECK-NEXT:    }
// CHECK-NOT:     affine.
func.func @constant_bounds(%A: memref<10xf32>) {
  affine.for %i = 0 to 10 {
    %v = affine.load %A[%i] : memref<10xf32>
    affine.store %v, %A[%i] : memref<10xf32>
  }
  return
}

// CHECK-LABEL: func.func @symbolic_bounds_and_step(
// CHECK-SAME:      %[[N:[^ :]+]]: index
// CHECK-NEXT:    %[[LB:[^ ]+]] = arith.constant 2 : index
// CHECK-NEXT:    %[[STEP:[^ ]+]] = arith.constant 4 : index
// CHECK-NEXT:    scf.for %{{[^ ]+}} = %[[LB]] to %[[N]] step %[[STEP]] {
// CHECK-NEXT:    }
func.func @symbolic_bounds_and_step(%n: index) {
  affine.for %i = 2 to %n step 4 {
  }
  return
}

// Lower bound max(d0, s0 + 2), upper bound min(d0 + 10, s0 * 3): each result is
// expanded in order, then folded into one linear chain.
// CHECK-LABEL: func.func @max_min_bounds(
// CHECK-SAME:      %[[N:[^ :]+]]: index, %[[X:[^ :]+]]: index
// CHECK-NEXT:    %[[C2:[^ ]+]] = arith.constant 2 : index
// CHECK-NEXT:    %[[NP2:[^ ]+]] = arith.addi %[[N]], %[[C2]] : index
// CHECK-NEXT:    %[[LB:[^ ]+]] = arith.maxsi %[[X]], %[[NP2]] : index
// CHECK-NEXT:    %[[C10:[^ ]+]] = arith.constant 10 : index
// CHECK-NEXT:    %[[XP10:[^ ]+]] = arith.addi %[[X]], %[[C10]] : index
// CHECK-NEXT:    %[[C3:[^ ]+]] = arith.constant 3 : index
// CHECK-NEXT:    %[[N3:[^ ]+]] = arith.muli %[[N]], %[[C3]] overflow<nsw> : index
// CHECK-NEXT:    %[[C7:[^ ]+]] = arith.constant 7 : index
// CHECK-NEXT:    %[[MIN1:[^ ]+]] = arith.minsi %[[XP10]], %[[N3]] : index
// CHECK-NEXT:    %[[UB:[^ ]+]] = arith.minsi %[[MIN1]], %[[C7]] : index
// CHECK-NEXT:    %[[STEP:[^ ]+]] = arith.constant 3 : index
// CHECK-NEXT:    scf.for %{{[^ ]+}} = %[[LB]] to %[[UB]] step %[[STEP]] {
func.func @max_min_bounds(%n: index, %x: index) {
  affine.for %i = max affine_map<(d0)[s0] -> (d0, s0 + 2)>(%x)[%n]
                to min affine_map<(d0)[s0] -> (d0 + 10, s0 * 3, 7)>(%x)[%n] step 3 {
  }
  return
}

// CHECK-LABEL: func.func @iter_args(
// CHECK-SAME:      %[[A:[^ :]+]]: memref<?xf32>, %[[N:[^ :]+]]: index, %[[INIT:[^ :]+]]: f32
// CHECK-NEXT:    %[[LB:[^ ]+]] = arith.constant 0 : index
// CHECK-NEXT:    %[[STEP:[^ ]+]] = arith.constant 1 : index
// CHECK-NEXT:    %[[R:[^ ]+]]:2 = scf.for %[[I:[^ ]+]] = %[[LB]] to %[[N]] step %[[STEP]]
// CHECK-SAME:        iter_args(%[[S:[^ ]+]] = %[[INIT]], %[[P:[^ ]+]] = %[[INIT]]) -> (f32, f32) {
// CHECK-NEXT:      %[[V:[^ ]+]] = memref.load %[[A]][%[[I]]] : memref<?xf32>
// CHECK-NEXT:      %[[S2:[^ ]+]] = arith.addf %[[S]], %[[V]] : f32
// CHECK-NEXT:      %[[P2:[^ ]+]] = arith.mulf %[[P]], %[[V]] : f32
// CHECK-NEXT:      scf.yield %[[S2]], %[[P2]] : f32, f32
// CHECK-NEXT:    }
// CHECK-NEXT:    {{(func\.)?}}return %[[R]]#0, %[[R]]#1 : f32, f32
func.func @iter_args(%A: memref<?xf32>, %n: index, %init: f32) -> (f32, f32) {
  %r:2 = affine.for %i = 0 to %n iter_args(%s = %init, %p = %init) -> (f32, f32) {
    %v = affine.load %A[%i] : memref<?xf32>
    %s2 = arith.addf %s, %v : f32
    %p2 = arith.mulf %p, %v : f32
    affine.yield %s2, %p2 : f32, f32
  }
  return %r#0, %r#1 : f32, f32
}

// The inner bounds use the outer induction variable: a triangular nest.
// CHECK-LABEL: func.func @nested(
// CHECK-SAME:      %[[A:[^ :]+]]: memref<?x?xf32>, %[[N:[^ :]+]]: index
// CHECK-NEXT:    %[[LB:[^ ]+]] = arith.constant 0 : index
// CHECK-NEXT:    %[[STEP:[^ ]+]] = arith.constant 1 : index
// CHECK-NEXT:    scf.for %[[I:[^ ]+]] = %[[LB]] to %[[N]] step %[[STEP]] {
// CHECK-NEXT:      %[[C1:[^ ]+]] = arith.constant 1 : index
// CHECK-NEXT:      %[[IP1:[^ ]+]] = arith.addi %[[I]], %[[C1]] : index
// CHECK-NEXT:      %[[STEP2:[^ ]+]] = arith.constant 1 : index
// CHECK-NEXT:      scf.for %[[J:[^ ]+]] = %[[IP1]] to %[[N]] step %[[STEP2]] {
// CHECK-NEXT:        %[[V:[^ ]+]] = memref.load %[[A]][%[[I]], %[[J]]] : memref<?x?xf32>
// CHECK-NEXT:        memref.store %[[V]], %[[A]][%[[J]], %[[I]]] : memref<?x?xf32>
// CHECK-NEXT:      }
// CHECK-NEXT:    }
func.func @nested(%A: memref<?x?xf32>, %n: index) {
  affine.for %i = 0 to %n {
    affine.for %j = affine_map<(d0) -> (d0 + 1)>(%i) to %n {
      %v = affine.load %A[%i, %j] : memref<?x?xf32>
      affine.store %v, %A[%j, %i] : memref<?x?xf32>
    }
  }
  return
}
