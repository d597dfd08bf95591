// `ta.index n` becomes the induction variable of loop n, wherever it is in the body.
//
// RUN: irkit-opt %s --lower-ta-to-affine | FileCheck %s

// CHECK-LABEL: func.func @ramp_lower(
// CHECK-SAME:      %[[A:[^ :]+]]: memref<?x?xf32>, %[[R:[^ :]+]]: memref<?x?xf32>) {
// CHECK:         %[[M:[^ :]+]] = memref.dim %[[A]]
// CHECK:         %[[N:[^ :]+]] = memref.dim %[[A]]
// CHECK:         affine.for %[[m:[^ :]+]] = 0 to %[[M]] {
// CHECK-NEXT:      affine.for %[[n:[^ :]+]] = 0 to %[[N]] {
// CHECK-NEXT:        %[[a:[^ :]+]] = affine.load %[[A]][%[[m]], %[[n]]] : memref<?x?xf32>
// CHECK-NEXT:        %[[mN:[^ :]+]] = arith.muli %[[m]], %[[N]] : index
// CHECK-NEXT:        %[[pos:[^ :]+]] = arith.addi %[[mN]], %[[n]] : index
// CHECK-NEXT:        %[[int:[^ :]+]] = arith.index_cast %[[pos]] : index to i64
// CHECK-NEXT:        %[[f:[^ :]+]] = arith.sitofp %[[int]] : i64 to f32
// CHECK-NEXT:        %[[sum:[^ :]+]] = arith.addf %[[a]], %[[f]] : f32
// CHECK-NEXT:        %[[lower:[^ :]+]] = arith.cmpi ult, %[[n]], %[[m]] : index
// CHECK-NEXT:        %[[zero:[^ :]+]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT:        %[[v:[^ :]+]] = arith.select %[[lower]], %[[sum]], %[[zero]] : f32
// CHECK-NEXT:        affine.store %[[v]], %[[R]][%[[m]], %[[n]]] : memref<?x?xf32>
// CHECK-NOT:     ta.
func.func @ramp_lower(%A: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %M = tensor.dim %A, %c0 : tensor<?x?xf32>
  %N = tensor.dim %A, %c1 : tensor<?x?xf32>
  %R = ta.comprehension (m: 0 to %M, n: 0 to %N) ins(%A[m, n] : tensor<?x?xf32>) outs[m, n]
         -> tensor<?x?xf32> {
  ^bb0(%a: f32):
    %m = ta.index 0 : index
    %mN = arith.muli %m, %N : index
    %n = ta.index 1 : index
    %pos = arith.addi %mN, %n : index
    %int = arith.index_cast %pos : index to i64
    %f = arith.sitofp %int : i64 to f32
    %sum = arith.addf %a, %f : f32
    %n2 = ta.index 1 : index
    %m2 = ta.index 0 : index
    %lower = arith.cmpi ult, %n2, %m2 : index
    %zero = arith.constant 0.0 : f32
    %v = arith.select %lower, %sum, %zero : f32
    ta.yield %v : f32
  }
  func.return %R : tensor<?x?xf32>
}
