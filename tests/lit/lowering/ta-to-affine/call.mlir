// Calls between functions on tensors: the callee takes out-parameters too, and the caller
// passes its own out-parameter when it returns the call's result, or else a temporary
// sized by the callee's `ta.shape` result attribute, evaluated on the sizes of the actual
// arguments (or by the static result type).
//
// RUN: irkit-opt %s --lower-ta-to-affine | FileCheck %s

// CHECK-LABEL: func.func @matmul(
// CHECK-SAME:      %{{[^ :]+}}: memref<?x?xf32> {ta.shape = affine_map<()[s0, s1, s2] -> (s0, s1)>},
// CHECK-SAME:      %{{[^ :]+}}: memref<?x?xf32> {ta.shape = affine_map<()[s0, s1, s2] -> (s1, s2)>},
// CHECK-SAME:      %{{[^ :]+}}: memref<?x?xf32> {ta.shape = affine_map<()[s0, s1, s2] -> (s0, s2)>})
// CHECK-SAME:      attributes {ta.size_vars = ["M", "K", "N"]} {
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

// The first call's result is returned: it is written straight into the out-parameter.
// The second's is a temporary of size M x N (@matmul's shape for its result) evaluated
// on the arguments: M is dimension 0 of AB, N dimension 1 of Z.

// CHECK-LABEL: func.func @chain(
// CHECK-SAME:      %[[A:[^ :]+]]: memref<?x?xf32>, %[[B:[^ :]+]]: memref<?x?xf32>, %[[Z:[^ :]+]]: memref<?x?xf32>,
// CHECK-SAME:      %[[AB:[^ :]+]]: memref<?x?xf32>, %[[T:[^ :]+]]: memref<?x?xf32>) {
// CHECK-NEXT:    %[[C0:[^ :]+]] = arith.constant 0 : index
// CHECK-NEXT:    %[[ABM:[^ :]+]] = memref.dim %[[AB]], %[[C0]] : memref<?x?xf32>
// CHECK-NEXT:    %[[C1:[^ :]+]] = arith.constant 1 : index
// CHECK-NEXT:    %[[ZP:[^ :]+]] = memref.dim %[[Z]], %[[C1]] : memref<?x?xf32>
// CHECK-NEXT:    func.call @matmul(%[[A]], %[[B]], %[[AB]]) : (memref<?x?xf32>, memref<?x?xf32>, memref<?x?xf32>) -> ()
// CHECK-NEXT:    %[[ABZ:[^ :]+]] = memref.alloc(%[[ABM]], %[[ZP]]) : memref<?x?xf32>
// CHECK-NEXT:    func.call @matmul(%[[AB]], %[[Z]], %[[ABZ]]) : (memref<?x?xf32>, memref<?x?xf32>, memref<?x?xf32>) -> ()
// CHECK-NEXT:    func.call @matmul(%[[ABZ]], %[[A]], %[[T]]) : (memref<?x?xf32>, memref<?x?xf32>, memref<?x?xf32>) -> ()
// CHECK-NEXT:    memref.dealloc %[[ABZ]] : memref<?x?xf32>
// CHECK-NEXT:    func.return
func.func @chain(%A: tensor<?x?xf32>, %B: tensor<?x?xf32>, %Z: tensor<?x?xf32>)
    -> (tensor<?x?xf32>, tensor<?x?xf32>) {
  %AB = func.call @matmul(%A, %B) : (tensor<?x?xf32>, tensor<?x?xf32>) -> tensor<?x?xf32>
  %ABZ = func.call @matmul(%AB, %Z) : (tensor<?x?xf32>, tensor<?x?xf32>) -> tensor<?x?xf32>
  %T = func.call @matmul(%ABZ, %A) : (tensor<?x?xf32>, tensor<?x?xf32>) -> tensor<?x?xf32>
  func.return %AB, %T : tensor<?x?xf32>, tensor<?x?xf32>
}

// A size that is an expression of the size variables is computed with affine.apply; a
// static result needs no shape at all.

func.func @pad(%A: tensor<?xf32> {ta.shape = affine_map<()[s0] -> (s0)>})
    -> (tensor<?xf32> {ta.shape = affine_map<()[s0] -> (s0 + 2)>}, tensor<3xf32>)
    attributes {ta.size_vars = ["N"]} {
  %c0 = arith.constant 0 : index
  %N = tensor.dim %A, %c0 : tensor<?xf32>
  %P = ta.comprehension (i: 1 to %N + 1) ins(%A[i - 1] : tensor<?xf32>) outs[i] -> tensor<?xf32> {
  ^bb0(%a: f32):
    ta.yield %a : f32
  }
  %S = ta.comprehension reduce(add, init) (i: 0 to 3, r_j: 0 to %N) ins(%A[r_j] : tensor<?xf32>)
         outs[i] -> tensor<3xf32> {
  ^bb0(%a: f32):
    ta.yield %a : f32
  }
  func.return %P, %S : tensor<?xf32>, tensor<3xf32>
}

// CHECK-LABEL: func.func @use_pad(
// CHECK-SAME:      %[[X:[^ :]+]]: memref<5x?xf32>, %[[Y:[^ :]+]]: memref<?xf32>, %[[R:[^ :]+]]: memref<?xf32>) {
// CHECK:         %[[N:[^ :]+]] = memref.dim %[[X]], %{{.*}} : memref<5x?xf32>
// CHECK-NEXT:    %[[ROW:[^ :]+]] = memref.alloc(%[[N]]) : memref<?xf32>
// CHECK:         %[[SIZE:[^ :]+]] = affine.apply affine_map<()[s0] -> (s0 + 2)>()[%[[N]]]
// CHECK-NEXT:    %[[P:[^ :]+]] = memref.alloc(%[[SIZE]]) : memref<?xf32>
// CHECK-NEXT:    %[[S:[^ :]+]] = memref.alloc() : memref<3xf32>
// CHECK-NEXT:    func.call @pad(%[[ROW]], %[[P]], %[[S]]) : (memref<?xf32>, memref<?xf32>, memref<3xf32>) -> ()
// CHECK-NEXT:    memref.dealloc %[[ROW]]
// CHECK-NEXT:    memref.dealloc %[[S]]
// CHECK:         affine.load %[[P]]
// CHECK-NEXT:      affine.store %{{.*}}, %[[R]]
// CHECK-NEXT:    }
// CHECK-NEXT:    memref.dealloc %[[P]]
// CHECK-NEXT:    func.return
func.func @use_pad(%X: tensor<5x?xf32>, %Y: tensor<?xf32>) -> tensor<?xf32> {
  %c1 = arith.constant 1 : index
  %N = tensor.dim %X, %c1 : tensor<5x?xf32>
  %row = ta.comprehension (j: 0 to %N) ins(%X[0, j] : tensor<5x?xf32>) outs[j] -> tensor<?xf32> {
  ^bb0(%x: f32):
    ta.yield %x : f32
  }
  %P, %S = func.call @pad(%row) : (tensor<?xf32>) -> (tensor<?xf32>, tensor<3xf32>)
  %c0 = arith.constant 0 : index
  %NY = tensor.dim %Y, %c0 : tensor<?xf32>
  %R = ta.comprehension (i: 0 to %NY) ins(%P[i] : tensor<?xf32>) outs[i] -> tensor<?xf32> {
  ^bb0(%p: f32):
    ta.yield %p : f32
  }
  func.return %R : tensor<?xf32>
}
