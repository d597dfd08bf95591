// Matrix multiplication, C(m, n) +=! A(m, r_k) * B(r_k, n), with dynamic and static
// shapes: the result becomes a trailing out-parameter, the sizes memref.dim symbols, the
// statement a loop nest that first fills C with the identity of add.
//
// RUN: irkit-opt %s --split-input-file --lower-ta-to-affine | FileCheck %s
// RUN: irkit-opt %s --split-input-file --lower-to-affine | FileCheck %s

// CHECK-LABEL: func.func @matmul(
// CHECK-SAME:      %[[A:[^ :]+]]: memref<?x?xf32> {ta.shape = affine_map<()[s0, s1, s2] -> (s0, s1)>},
// CHECK-SAME:      %[[B:[^ :]+]]: memref<?x?xf32> {ta.shape = affine_map<()[s0, s1, s2] -> (s1, s2)>},
// CHECK-SAME:      %[[C:[^ :]+]]: memref<?x?xf32> {ta.shape = affine_map<()[s0, s1, s2] -> (s0, s2)>})
// CHECK-SAME:      attributes {ta.size_vars = ["M", "K", "N"]} {
// CHECK-DAG:     %[[C0:[^ :]+]] = arith.constant 0 : index
// CHECK-DAG:     %[[C1:[^ :]+]] = arith.constant 1 : index
// CHECK:         %[[M:[^ :]+]] = memref.dim %[[A]], %[[C0]] : memref<?x?xf32>
// CHECK:         %[[K:[^ :]+]] = memref.dim %[[A]], %[[C1]] : memref<?x?xf32>
// CHECK:         %[[N:[^ :]+]] = memref.dim %[[B]], %[[C1]] : memref<?x?xf32>
// CHECK:         %[[ZERO:[^ :]+]] = arith.constant 0.000000e+00 : f32
// CHECK:         affine.for %[[I:[^ :]+]] = 0 to %[[M]] {
// CHECK-NEXT:      affine.for %[[J:[^ :]+]] = 0 to %[[N]] {
// CHECK-NEXT:        affine.store %[[ZERO]], %[[C]][%[[I]], %[[J]]] : memref<?x?xf32>
// CHECK-NEXT:      }
// CHECK-NEXT:    }
// CHECK-NEXT:    affine.for %[[m:[^ :]+]] = 0 to %[[M]] {
// CHECK-NEXT:      affine.for %[[n:[^ :]+]] = 0 to %[[N]] {
// CHECK-NEXT:        affine.for %[[k:[^ :]+]] = 0 to %[[K]] {
// CHECK-NEXT:          %[[a:[^ :]+]] = affine.load %[[A]][%[[m]], %[[k]]] : memref<?x?xf32>
// CHECK-NEXT:          %[[b:[^ :]+]] = affine.load %[[B]][%[[k]], %[[n]]] : memref<?x?xf32>
// CHECK-NEXT:          %[[p:[^ :]+]] = arith.mulf %[[a]], %[[b]] : f32
// CHECK-NEXT:          %[[old:[^ :]+]] = affine.load %[[C]][%[[m]], %[[n]]] : memref<?x?xf32>
// CHECK-NEXT:          %[[sum:[^ :]+]] = arith.addf %[[old]], %[[p]] : f32
// CHECK-NEXT:          affine.store %[[sum]], %[[C]][%[[m]], %[[n]]] : memref<?x?xf32>
// CHECK-NEXT:        }
// CHECK-NEXT:      }
// CHECK-NEXT:    }
// CHECK-NEXT:    func.return
// CHECK-NEXT:  }
func.func @matmul(%A: tensor<?x?xf32> {ta.shape = affine_map<()[s0, s1, s2] -> (s0, s1)>},
                  %B: tensor<?x?xf32> {ta.shape = affine_map<()[s0, s1, s2] -> (s1, s2)>})
    -> (tensor<?x?xf32> {ta.shape = affine_map<()[s0, s1, s2] -> (s0, s2)>})
    attributes {ta.size_vars = ["M", "K", "N"]} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %M = tensor.dim %A, %c0 : tensor<?x?xf32>
  %K = tensor.dim %A, %c1 : tensor<?x?xf32>
  %N = tensor.dim %B, %c1 : tensor<?x?xf32>
  %C = ta.comprehension reduce(add, init) (m: 0 to %M, n: 0 to %N, r_k: 0 to %K)
         ins(%A[m, r_k], %B[r_k, n] : tensor<?x?xf32>, tensor<?x?xf32>)
         outs[m, n] -> tensor<?x?xf32> {
  ^bb0(%a: f32, %b: f32):
    %p = arith.mulf %a, %b : f32
    ta.yield %p : f32
  }
  func.return %C : tensor<?x?xf32>
}

// -----

// Static shapes: constant bounds, no memref.dim.

// CHECK-LABEL: func.func @matmul_static(
// CHECK-SAME:      %[[A:[^ :]+]]: memref<4x8xf64>, %[[B:[^ :]+]]: memref<8x16xf64>, %[[C:[^ :]+]]: memref<4x16xf64>) {
// CHECK-NOT:     memref.dim
// CHECK:         %[[ZERO:[^ :]+]] = arith.constant 0.000000e+00 : f64
// CHECK:         affine.for %[[I:[^ :]+]] = 0 to 4 {
// CHECK-NEXT:      affine.for %[[J:[^ :]+]] = 0 to 16 {
// CHECK-NEXT:        affine.store %[[ZERO]], %[[C]][%[[I]], %[[J]]] : memref<4x16xf64>
// CHECK:         affine.for %[[m:[^ :]+]] = 0 to 4 {
// CHECK-NEXT:      affine.for %[[n:[^ :]+]] = 0 to 16 {
// CHECK-NEXT:        affine.for %[[k:[^ :]+]] = 0 to 8 {
// CHECK-NEXT:          %[[a:[^ :]+]] = affine.load %[[A]][%[[m]], %[[k]]] : memref<4x8xf64>
// CHECK-NEXT:          %[[b:[^ :]+]] = affine.load %[[B]][%[[k]], %[[n]]] : memref<8x16xf64>
// CHECK-NEXT:          %[[p:[^ :]+]] = arith.mulf %[[a]], %[[b]] : f64
// CHECK-NEXT:          %[[old:[^ :]+]] = affine.load %[[C]][%[[m]], %[[n]]] : memref<4x16xf64>
// CHECK-NEXT:          %[[sum:[^ :]+]] = arith.addf %[[old]], %[[p]] : f64
// CHECK-NEXT:          affine.store %[[sum]], %[[C]][%[[m]], %[[n]]] : memref<4x16xf64>
// CHECK:         func.return
func.func @matmul_static(%A: tensor<4x8xf64>, %B: tensor<8x16xf64>) -> tensor<4x16xf64> {
  %C = ta.comprehension reduce(add, init) (m: 0 to 4, n: 0 to 16, r_k: 0 to 8)
         ins(%A[m, r_k], %B[r_k, n] : tensor<4x8xf64>, tensor<8x16xf64>)
         outs[m, n] -> tensor<4x16xf64> {
  ^bb0(%a: f64, %b: f64):
    %p = arith.mulf %a, %b : f64
    ta.yield %p : f64
  }
  func.return %C : tensor<4x16xf64>
}
