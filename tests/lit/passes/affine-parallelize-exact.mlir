// affine-parallelize where irkit's exact (isl) dependence analysis proves more loops
// parallel than MLIR's FlatAffineValueConstraints, which ignores the step of a loop whose
// lower bound is not constant; mlir-opt keeps these loops sequential.
//
// RUN: irkit-opt %s --split-input-file --affine-parallelize | FileCheck %s
// UNSUPPORTED: reference-mlir-opt

// Symbolic, max/min bounds and steps carry over; the writes of distinct iterations
// (step 2, offsets 0 and 1) never overlap.
// CHECK-LABEL: func.func @bounds(
// CHECK-SAME:      %[[N:[^:]*]]: index, %[[M:[^:]*]]: index
// CHECK:         affine.parallel (%[[I:.*]]) = (max(0, symbol(%[[M]]))) to (min(symbol(%[[N]]), 100)) step (2) {
func.func @bounds(%A: memref<?xf32>, %n: index, %m: index) {
  %cst = arith.constant 1.0 : f32
  affine.for %i = max affine_map<()[s0] -> (0, s0)>()[%m] to min affine_map<()[s0] -> (s0, 100)>()[%n] step 2 {
    affine.store %cst, %A[%i] : memref<?xf32>
    affine.store %cst, %A[%i + 1] : memref<?xf32>
  }
  return
}
