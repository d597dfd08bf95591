// lower-affine on affine.parallel: per dimension, the lower bound (an arith.maxsi chain)
// then the upper bound (arith.minsi), then the steps as index constants, then one
// constant per reduction with the identity of its kind; the body moves into scf.parallel,
// whose scf.reduce combines each yielded value with the reduction's arith op.
//
// irkit prints scf.parallel in the generic form (xDSL has no custom syntax for it), so
// mlir-opt's output is compared through irkit-opt (see mlir-opt-reference.test).
// UNSUPPORTED: reference-mlir-opt
// RUN: irkit-opt %s --lower-affine | FileCheck %s
// RUN: irkit-opt %s --lower-affine | irkit-opt | FileCheck %s

// CHECK-LABEL: func.func @reductions(
// CHECK-SAME:      %[[A:[^ :]+]]: memref<?x?xf32>, %[[N:[^ :]+]]: index, %[[X:[^ :]+]]: index
// CHECK-NEXT:    %[[LB0:[^ ]+]] = arith.constant 0 : index
// CHECK-NEXT:    %[[C2:[^ ]+]] = arith.constant 2 : index
// CHECK-NEXT:    %[[LB1:[^ ]+]] = arith.maxsi %[[X]], %[[C2]] : index
// CHECK-NEXT:    %[[C8:[^ ]+]] = arith.constant 8 : index
// CHECK-NEXT:    %[[X8:[^ ]+]] = arith.addi %[[X]], %[[C8]] : index
// CHECK-NEXT:    %[[C100:[^ ]+]] = arith.constant 100 : index
// CHECK-NEXT:    %[[UB1:[^ ]+]] = arith.minsi %[[X8]], %[[C100]] : index
// CHECK-NEXT:    %[[S0:[^ ]+]] = arith.constant 2 : index
// CHECK-NEXT:    %[[S1:[^ ]+]] = arith.constant 4 : index
// CHECK-NEXT:    %[[ADD_INIT:[^ ]+]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT:    %[[MAX_INIT:[^ ]+]] = arith.constant {{0x[fF]{2}800000}} : f32
// CHECK-NEXT:    %[[R:[^ ]+]]:2 = "scf.parallel"(%[[LB0]], %[[LB1]], %[[N]], %[[UB1]], %[[S0]], %[[S1]], %[[ADD_INIT]], %[[MAX_INIT]])
// CHECK-SAME:        <{operandSegmentSizes = array<i32: 2, 2, 2, 2>}> ({
// CHECK-NEXT:    ^bb0(%[[I:[^ :]+]]: index, %[[J:[^ :]+]]: index):
// CHECK-NEXT:      %[[V:[^ ]+]] = memref.load %[[A]][%[[I]], %[[J]]] : memref<?x?xf32>
// CHECK-NEXT:      scf.reduce(%[[V]], %[[V]] : f32, f32) {
// CHECK-NEXT:      ^bb0(%[[L0:[^ :]+]]: f32, %[[R0:[^ :]+]]: f32):
// CHECK-NEXT:        %[[SUM:[^ ]+]] = arith.addf %[[L0]], %[[R0]] : f32
// CHECK-NEXT:        scf.reduce.return %[[SUM]] : f32
// CHECK-NEXT:      } {
// CHECK-NEXT:      ^bb0(%[[L1:[^ :]+]]: f32, %[[R1:[^ :]+]]: f32):
// CHECK-NEXT:        %[[MAX:[^ ]+]] = arith.maximumf %[[L1]], %[[R1]] : f32
// CHECK-NEXT:        scf.reduce.return %[[MAX]] : f32
// CHECK-NEXT:      }
// CHECK-NEXT:    }) : (index, index, index, index, index, index, f32, f32) -> (f32, f32)
// CHECK-NEXT:    func.return %[[R]]#0, %[[R]]#1 : f32, f32
func.func @reductions(%A: memref<?x?xf32>, %n: index, %x: index) -> (f32, f32) {
  %r:2 = affine.parallel (%i, %j) = (0, max(%x, 2)) to (symbol(%n), min(%x + 8, 100)) step (2, 4) reduce ("addf", "maximumf") -> (f32, f32) {
    %v = affine.load %A[%i, %j] : memref<?x?xf32>
    affine.yield %v, %v : f32, f32
  }
  return %r#0, %r#1 : f32, f32
}

// Without reductions, the terminator is a bare scf.reduce.
// CHECK-LABEL: func.func @no_reductions(
// CHECK-SAME:      %[[A:[^ :]+]]: memref<10xf32>, %[[X:[^ :]+]]: f32
// CHECK-NEXT:    %[[LB:[^ ]+]] = arith.constant 0 : index
// CHECK-NEXT:    %[[UB:[^ ]+]] = arith.constant 10 : index
// CHECK-NEXT:    %[[STEP:[^ ]+]] = arith.constant 1 : index
// CHECK-NEXT:    "scf.parallel"(%[[LB]], %[[UB]], %[[STEP]]) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
// CHECK-NEXT:    ^bb0(%[[I:[^ :]+]]: index):
// CHECK-NEXT:      memref.store %[[X]], %[[A]][%[[I]]] : memref<10xf32>
// CHECK-NEXT:      scf.reduce
// CHECK-NEXT:    }) : (index, index, index) -> ()
func.func @no_reductions(%A: memref<10xf32>, %x: f32) {
  affine.parallel (%i) = (0) to (10) {
    affine.store %x, %A[%i] : memref<10xf32>
  }
  return
}

// The identities and combining ops of the other kinds MLIR lowers.
// CHECK-LABEL: func.func @kinds(
// CHECK:         %[[ADDI:[^ ]+]] = arith.constant 0 : i32
// CHECK-NEXT:    %[[MULI:[^ ]+]] = arith.constant 1 : i32
// CHECK-NEXT:    %[[ANDI:[^ ]+]] = arith.constant -1 : i32
// CHECK-NEXT:    %[[ORI:[^ ]+]] = arith.constant 0 : i32
// CHECK-NEXT:    "scf.parallel"({{.*}}, %[[ADDI]], %[[MULI]], %[[ANDI]], %[[ORI]])
// CHECK:           arith.addi
// CHECK:           arith.muli
// CHECK:           arith.andi
// CHECK:           arith.ori
// CHECK:         %[[MULF:[^ ]+]] = arith.constant 1.000000e+00 : f64
// CHECK-NEXT:    %[[MINF:[^ ]+]] = arith.constant {{0x7[fF]{2}0000000000000}} : f64
// CHECK-NEXT:    "scf.parallel"({{.*}}, %[[MULF]], %[[MINF]])
// CHECK:           arith.mulf
// CHECK:           arith.minimumf
func.func @kinds(%A: memref<8xi32>, %F: memref<8xf64>) -> (i32, i32, i32, i32, f64, f64) {
  %r:4 = affine.parallel (%i) = (0) to (8) reduce ("addi", "muli", "andi", "ori") -> (i32, i32, i32, i32) {
    %v = affine.load %A[%i] : memref<8xi32>
    affine.yield %v, %v, %v, %v : i32, i32, i32, i32
  }
  %f:2 = affine.parallel (%i) = (0) to (8) reduce ("mulf", "minimumf") -> (f64, f64) {
    %v = affine.load %F[%i] : memref<8xf64>
    affine.yield %v, %v : f64, f64
  }
  return %r#0, %r#1, %r#2, %r#3, %f#0, %f#1 : i32, i32, i32, i32, f64, f64
}
