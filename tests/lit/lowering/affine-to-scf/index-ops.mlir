// lower-affine on affine.linearize_index and affine.delinearize_index, as MLIR's
// AffineExpandIndexOps patterns: strides are suffix products of the basis without its
// outer bound (nsw, plus nuw where they are known non-negative); a linearized index adds
// the scaled indices with the ones invariant in the most enclosing loops first; a
// delinearized one is a floordivsi, then non-negative remainders divided by the next stride.
// (xDSL prints `overflow<nsw,nuw>` where MLIR prints `overflow<nsw, nuw>`.)
//
// RUN: irkit-opt %s --lower-affine | FileCheck %s
// RUN: irkit-opt %s --lower-affine | irkit-opt | FileCheck %s
// mlir-opt-reference.test runs the same checks on mlir-opt's output.

// CHECK-LABEL: func.func @linearize(
// CHECK-SAME:      %[[I:[^ :]+]]: index, %[[J:[^ :]+]]: index, %[[K:[^ :]+]]: index, %[[M:[^ :]+]]: index
// CHECK-NEXT:    %[[C5:[^ ]+]] = arith.constant 5 : index
// CHECK-NEXT:    %[[I5:[^ ]+]] = arith.muli %[[I]], %[[C5]] overflow<nsw> : index
// CHECK-NEXT:    %[[A:[^ ]+]] = arith.addi %[[I5]], %[[J]] overflow<nsw> : index
// CHECK-NEXT:    %[[C3:[^ ]+]] = arith.constant 3 : index
// CHECK-NEXT:    %[[M3:[^ ]+]] = arith.muli %[[M]], %[[C3]] overflow<nsw,{{ ?}}nuw> : index
// CHECK-NEXT:    %[[IS:[^ ]+]] = arith.muli %[[I]], %[[M3]] overflow<nsw> : index
// CHECK-NEXT:    %[[JS:[^ ]+]] = arith.muli %[[J]], %[[M]] overflow<nsw> : index
// CHECK-NEXT:    %[[B1:[^ ]+]] = arith.addi %[[IS]], %[[JS]] overflow<nsw> : index
// CHECK-NEXT:    %[[B:[^ ]+]] = arith.addi %[[B1]], %[[K]] overflow<nsw> : index
// CHECK-NEXT:    %[[ZERO:[^ ]+]] = arith.constant 0 : index
// CHECK-NEXT:    {{(func\.)?}}return %[[A]], %[[B]], %[[J]], %[[ZERO]] : index, index, index, index
func.func @linearize(%i: index, %j: index, %k: index, %m: index) -> (index, index, index, index) {
  %a = affine.linearize_index [%i, %j] by (4, 5) : index
  %b = affine.linearize_index disjoint [%i, %j, %k] by (%m, 3, %m) : index
  %c = affine.linearize_index [%j] by (7) : index
  %d = affine.linearize_index [] by () : index
  return %a, %b, %c, %d : index, index, index, index
}

// %n is invariant in both loops, %i in the inner one: they are added first.
// CHECK-LABEL: func.func @linearize_in_loops(
// CHECK-SAME:      %[[A:[^ :]+]]: memref<?xf32>, %[[N:[^ :]+]]: index
// CHECK:         scf.for %[[I:[^ ]+]] =
// CHECK:           scf.for %[[J:[^ ]+]] =
// CHECK-NEXT:        %[[C7:[^ ]+]] = arith.constant 7 : index
// CHECK-NEXT:        %[[C28:[^ ]+]] = arith.constant 28 : index
// CHECK-NEXT:        %[[JS:[^ ]+]] = arith.muli %[[J]], %[[C28]] overflow<nsw> : index
// CHECK-NEXT:        %[[IS:[^ ]+]] = arith.muli %[[I]], %[[C7]] overflow<nsw> : index
// CHECK-NEXT:        %[[L1:[^ ]+]] = arith.addi %[[N]], %[[IS]] overflow<nsw> : index
// CHECK-NEXT:        %[[L:[^ ]+]] = arith.addi %[[L1]], %[[JS]] overflow<nsw> : index
// CHECK-NEXT:        memref.store %{{[^ ]+}}, %[[A]][%[[L]]] : memref<?xf32>
func.func @linearize_in_loops(%A: memref<?xf32>, %n: index, %x: f32) {
  affine.for %i = 0 to 4 {
    affine.for %j = 0 to 5 {
      %l = affine.linearize_index [%j, %i, %n] by (5, 4, 7) : index
      memref.store %x, %A[%l] : memref<?xf32>
    }
  }
  return
}

// CHECK-LABEL: func.func @delinearize(
// CHECK-SAME:      %[[L:[^ :]+]]: index, %[[M:[^ :]+]]: index
// CHECK-NEXT:    %[[C3:[^ ]+]] = arith.constant 3 : index
// CHECK-NEXT:    %[[S0:[^ ]+]] = arith.muli %[[M]], %[[C3]] overflow<nsw,{{ ?}}nuw> : index
// CHECK-NEXT:    %[[ZERO:[^ ]+]] = arith.constant 0 : index
// CHECK-NEXT:    %[[OUTER:[^ ]+]] = arith.floordivsi %[[L]], %[[S0]] : index
// CHECK-NEXT:    %[[R0:[^ ]+]] = arith.remsi %[[L]], %[[S0]] : index
// CHECK-NEXT:    %[[N0:[^ ]+]] = arith.cmpi slt, %[[R0]], %[[ZERO]] : index
// CHECK-NEXT:    %[[F0:[^ ]+]] = arith.addi %[[R0]], %[[S0]] overflow<nsw> : index
// CHECK-NEXT:    %[[MOD0:[^ ]+]] = arith.select %[[N0]], %[[F0]], %[[R0]] : index
// CHECK-NEXT:    %[[MIDDLE:[^ ]+]] = arith.divsi %[[MOD0]], %[[M]] : index
// CHECK-NEXT:    %[[R1:[^ ]+]] = arith.remsi %[[L]], %[[M]] : index
// CHECK-NEXT:    %[[N1:[^ ]+]] = arith.cmpi slt, %[[R1]], %[[ZERO]] : index
// CHECK-NEXT:    %[[F1:[^ ]+]] = arith.addi %[[R1]], %[[M]] overflow<nsw> : index
// CHECK-NEXT:    %[[INNER:[^ ]+]] = arith.select %[[N1]], %[[F1]], %[[R1]] : index
// CHECK-NEXT:    {{(func\.)?}}return %[[OUTER]], %[[MIDDLE]], %[[INNER]], %[[L]] : index, index, index, index
func.func @delinearize(%l: index, %m: index) -> (index, index, index, index) {
  %a:3 = affine.delinearize_index %l into (5, 3, %m) : index, index, index
  %b = affine.delinearize_index %l into (6) : index
  return %a#0, %a#1, %a#2, %b : index, index, index, index
}
