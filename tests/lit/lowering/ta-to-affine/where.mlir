// Ranges that do not start at 0 (TC's `where` clauses) and ranges that stop short of the
// result's size: the elements the statement does not write keep their initial zero, so
// the result is zero-filled first. A statement that writes every element is not.
//
// RUN: irkit-opt %s --split-input-file --lower-ta-to-affine | FileCheck %s

// CHECK-LABEL: func.func @shift(
// CHECK-SAME:      %[[A:[^ :]+]]: memref<?xf32>, %[[S:[^ :]+]]: memref<?xf32>) {
// CHECK:         %[[N:[^ :]+]] = memref.dim %[[A]]
// CHECK:         %[[ZERO:[^ :]+]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT:    affine.for %[[Z:[^ :]+]] = 0 to %[[N]] {
// CHECK-NEXT:      affine.store %[[ZERO]], %[[S]][%[[Z]]] : memref<?xf32>
// CHECK-NEXT:    }
// CHECK-NEXT:    affine.for %[[i:[^ :]+]] = 1 to %[[N]] {
// CHECK-NEXT:      %[[a:[^ :]+]] = affine.load %[[A]][%[[i]] - 1] : memref<?xf32>
// CHECK-NEXT:      affine.store %[[a]], %[[S]][%[[i]]] : memref<?xf32>
// CHECK-NEXT:    }
// CHECK-NEXT:    func.return
func.func @shift(%A: tensor<?xf32>) -> tensor<?xf32> {
  %c0 = arith.constant 0 : index
  %N = tensor.dim %A, %c0 : tensor<?xf32>
  %S = ta.comprehension (i: 1 to %N) ins(%A[i - 1] : tensor<?xf32>) outs[i] -> tensor<?xf32> {
  ^bb0(%a: f32):
    ta.yield %a : f32
  }
  func.return %S : tensor<?xf32>
}

// -----

// Static shapes: rows 2 to 5 and columns 0 to 3 of a 6x4 result.

// CHECK-LABEL: func.func @window(
// CHECK-SAME:      %[[A:[^ :]+]]: memref<6x4xi64>, %[[W:[^ :]+]]: memref<6x4xi64>) {
// CHECK:         %[[ZERO:[^ :]+]] = arith.constant 0 : i64
// CHECK-NEXT:    affine.for %[[Z0:[^ :]+]] = 0 to 6 {
// CHECK-NEXT:      affine.for %[[Z1:[^ :]+]] = 0 to 4 {
// CHECK-NEXT:        affine.store %[[ZERO]], %[[W]][%[[Z0]], %[[Z1]]] : memref<6x4xi64>
// CHECK:         affine.for %[[i:[^ :]+]] = 2 to 6 {
// CHECK-NEXT:      affine.for %[[j:[^ :]+]] = 0 to 3 {
// CHECK-NEXT:        %[[a:[^ :]+]] = affine.load %[[A]][%[[i]], %[[j]] + 1] : memref<6x4xi64>
// CHECK-NEXT:        affine.store %[[a]], %[[W]][%[[i]], %[[j]]] : memref<6x4xi64>
func.func @window(%A: tensor<6x4xi64>) -> tensor<6x4xi64> {
  %W = ta.comprehension (i: 2 to 6, j: 0 to 3) ins(%A[i, j + 1] : tensor<6x4xi64>)
         outs[i, j] -> tensor<6x4xi64> {
  ^bb0(%a: i64):
    ta.yield %a : i64
  }
  func.return %W : tensor<6x4xi64>
}

// -----

// Every element is written: no zero fill, for static and dynamic sizes alike, even when
// the bound is an expression (the result's size is that expression).

// CHECK-LABEL: func.func @full(
// CHECK-SAME:      %[[A:[^ :]+]]: memref<?x3xf32>, %[[F:[^ :]+]]: memref<?x3xf32>) {
// CHECK-NOT:     arith.constant {{.*}} : f32
// CHECK:         affine.for %[[i:[^ :]+]] = 0 to affine_map<()[s0] -> (s0 - 1)>()[%{{.*}}] {
// CHECK-NEXT:      affine.for %[[j:[^ :]+]] = 0 to 3 {
// CHECK-NEXT:        %[[a:[^ :]+]] = affine.load %[[A]][%[[i]] + 1, %[[j]]] : memref<?x3xf32>
// CHECK-NEXT:        affine.store %[[a]], %[[F]][%[[i]], %[[j]]] : memref<?x3xf32>
func.func @full(%A: tensor<?x3xf32>) -> tensor<?x3xf32> {
  %c0 = arith.constant 0 : index
  %N = tensor.dim %A, %c0 : tensor<?x3xf32>
  %F = ta.comprehension (i: 0 to %N - 1, j: 0 to 3) ins(%A[i + 1, j] : tensor<?x3xf32>)
         outs[i, j] -> tensor<?x3xf32> {
  ^bb0(%a: f32):
    ta.yield %a : f32
  }
  func.return %F : tensor<?x3xf32>
}
