// lower-affine on the memory ops: the access map is expanded, result by result, right
// before the access; affine.load/store become memref.load/store and
// affine.vector_load/store become vector.load/store on the computed indices.
//
// RUN: irkit-opt %s --lower-affine | FileCheck %s
// RUN: irkit-opt %s --lower-affine | irkit-opt | FileCheck %s
// mlir-opt-reference.test runs the same checks on mlir-opt's output.

// CHECK-LABEL: func.func @load_store(
// CHECK-SAME:      %[[A:[^ :]+]]: memref<?x?xf32>, %[[I:[^ :]+]]: index, %[[J:[^ :]+]]: index, %[[N:[^ :]+]]: index
// CHECK-NEXT:    %[[C2:[^ ]+]] = arith.constant 2 : index
// CHECK-NEXT:    %[[I2:[^ ]+]] = arith.muli %[[I]], %[[C2]] overflow<nsw> : index
// CHECK-NEXT:    %[[ROW:[^ ]+]] = arith.addi %[[I2]], %[[N]] : index
// CHECK-NEXT:    %[[C3:[^ ]+]] = arith.constant 3 : index
// CHECK-NEXT:    %[[COL:[^ ]+]] = arith.addi %[[J]], %[[C3]] : index
// CHECK-NEXT:    %[[V:[^ ]+]] = memref.load %[[A]][%[[ROW]], %[[COL]]] : memref<?x?xf32>
// CHECK-NEXT:    %[[C0:[^ ]+]] = arith.constant 0 : index
// CHECK-NEXT:    memref.store %[[V]], %[[A]][%[[J]], %[[C0]]] : memref<?x?xf32>
// CHECK-NEXT:    memref.store %[[V]], %[[A]][%[[I]], %[[J]]] : memref<?x?xf32>
func.func @load_store(%A: memref<?x?xf32>, %i: index, %j: index, %n: index) {
  %v = affine.load %A[%i * 2 + symbol(%n), %j + 3] : memref<?x?xf32>
  affine.store %v, %A[%j, 0] : memref<?x?xf32>
  affine.store %v, %A[%i, %j] : memref<?x?xf32>
  return
}

// A rank-0 memref has no indices.
// CHECK-LABEL: func.func @scalar(
// CHECK-SAME:      %[[A:[^ :]+]]: memref<i32>
// CHECK-NEXT:    %[[V:[^ ]+]] = memref.load %[[A]][] : memref<i32>
// CHECK-NEXT:    memref.store %[[V]], %[[A]][] : memref<i32>
func.func @scalar(%A: memref<i32>) {
  %v = affine.load %A[] : memref<i32>
  affine.store %v, %A[] : memref<i32>
  return
}

// CHECK-LABEL: func.func @vector(
// CHECK-SAME:      %[[A:[^ :]+]]: memref<100x100xf32>, %[[I:[^ :]+]]: index
// CHECK-NEXT:    %[[C8:[^ ]+]] = arith.constant 8 : index
// CHECK-NEXT:    %[[COL:[^ ]+]] = arith.muli %[[I]], %[[C8]] overflow<nsw> : index
// CHECK-NEXT:    %[[V:[^ ]+]] = vector.load %[[A]][%[[I]], %[[COL]]] : memref<100x100xf32>, vector<8xf32>
// CHECK-NEXT:    %[[C1:[^ ]+]] = arith.constant 1 : index
// CHECK-NEXT:    %[[ROW:[^ ]+]] = arith.addi %[[I]], %[[C1]] : index
// CHECK-NEXT:    %[[C0:[^ ]+]] = arith.constant 0 : index
// CHECK-NEXT:    vector.store %[[V]], %[[A]][%[[ROW]], %[[C0]]] : memref<100x100xf32>, vector<8xf32>
func.func @vector(%A: memref<100x100xf32>, %i: index) {
  %v = affine.vector_load %A[%i, %i * 8] : memref<100x100xf32>, vector<8xf32>
  affine.vector_store %v, %A[%i + 1, 0] : memref<100x100xf32>, vector<8xf32>
  return
}

// Other ops are left as they are.
// CHECK-LABEL: func.func @unrelated(
// CHECK-NEXT:    %[[C:[^ ]+]] = arith.constant 1 : index
// CHECK-NEXT:    %[[V:[^ ]+]] = memref.load %{{[^ ]+}}[%[[C]]] : memref<4xi32>
// CHECK-NEXT:    {{(func\.)?}}return %[[V]] : i32
func.func @unrelated(%m: memref<4xi32>) -> i32 {
  %c1 = arith.constant 1 : index
  %v = memref.load %m[%c1] : memref<4xi32>
  return %v : i32
}
