// Values that are not returned live in temporaries: memref.alloc sized by the statement's
// ranges (affine.apply where a size is an expression), zero-filled unless the statement
// writes every element, and memref.dealloc right after the last op that uses them.
//
// RUN: irkit-opt %s --split-input-file --lower-ta-to-affine | FileCheck %s

// CHECK-LABEL: func.func @temporaries(
// CHECK-SAME:      %[[A:[^ :]+]]: memref<?x?xf32>, %[[S:[^ :]+]]: memref<?xf32>) {
// CHECK:         %[[M:[^ :]+]] = memref.dim %[[A]]
// CHECK:         %[[N:[^ :]+]] = memref.dim %[[A]]
// CHECK:         %[[T:[^ :]+]] = memref.alloc(%[[M]], %[[N]]) : memref<?x?xf32>
// CHECK-NEXT:    affine.for
// CHECK-NEXT:      affine.for
// CHECK-NEXT:        affine.load %[[A]]
// CHECK-NEXT:        arith.addf
// CHECK-NEXT:        affine.store %{{.*}}, %[[T]]
// CHECK-NEXT:      }
// CHECK-NEXT:    }
// CHECK-NEXT:    %[[PM:[^ :]+]] = affine.apply affine_map<()[s0] -> (s0 + 1)>()[%[[M]]]
// CHECK-NEXT:    %[[P:[^ :]+]] = memref.alloc(%[[PM]], %[[N]]) : memref<?x?xf32>
// CHECK-NEXT:    %[[ZERO:[^ :]+]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT:    affine.for %[[z0:[^ :]+]] = 0 to affine_map<()[s0] -> (s0 + 1)>()[%[[M]]] {
// CHECK-NEXT:      affine.for %[[z1:[^ :]+]] = 0 to %[[N]] {
// CHECK-NEXT:        affine.store %[[ZERO]], %[[P]][%[[z0]], %[[z1]]]
// CHECK-NEXT:      }
// CHECK-NEXT:    }
// CHECK-NEXT:    affine.for %{{.*}} = 1 to affine_map<()[s0] -> (s0 + 1)>()[%[[M]]] {
// CHECK:           affine.store %{{.*}}, %[[P]]
// CHECK:         %[[D:[^ :]+]] = memref.alloc(%[[M]]) : memref<?xf32>
// CHECK:           affine.store %{{.*}}, %[[D]]
// CHECK:         memref.dealloc %[[D]] : memref<?xf32>
// CHECK:         affine.for
// CHECK:           affine.store %{{.*}}, %[[S]]
// CHECK:         affine.for
// CHECK-NEXT:      affine.for
// CHECK-NEXT:        affine.load %[[T]]
// CHECK-NEXT:        affine.load %[[P]]
// CHECK-NEXT:        arith.subf
// CHECK-NEXT:        affine.load %[[S]]
// CHECK-NEXT:        arith.addf
// CHECK-NEXT:        affine.store %{{.*}}, %[[S]]
// CHECK-NEXT:      }
// CHECK-NEXT:    }
// CHECK-NEXT:    memref.dealloc %[[T]] : memref<?x?xf32>
// CHECK-NEXT:    memref.dealloc %[[P]] : memref<?x?xf32>
// CHECK-NEXT:    func.return
func.func @temporaries(%A: tensor<?x?xf32>) -> tensor<?xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %M = tensor.dim %A, %c0 : tensor<?x?xf32>
  %N = tensor.dim %A, %c1 : tensor<?x?xf32>
  // Every element written: no zero fill.
  %T = ta.comprehension (i: 0 to %M, j: 0 to %N) ins(%A[i, j] : tensor<?x?xf32>) outs[i, j]
         -> tensor<?x?xf32> {
  ^bb0(%a: f32):
    %d = arith.addf %a, %a : f32
    ta.yield %d : f32
  }
  // Row 0 is not written: it stays zero.
  %P = ta.comprehension (i: 1 to %M + 1, j: 0 to %N) ins(%A[i - 1, j] : tensor<?x?xf32>)
         outs[i, j] -> tensor<?x?xf32> {
  ^bb0(%a: f32):
    ta.yield %a : f32
  }
  // Never used: freed right after it is computed.
  %D = ta.comprehension (i: 0 to %M) ins(%A[i, 0] : tensor<?x?xf32>) outs[i] -> tensor<?xf32> {
  ^bb0(%a: f32):
    ta.yield %a : f32
  }
  %S = ta.comprehension reduce(add, init) (m: 0 to %M, r_n: 0 to %N)
         ins(%T[m, r_n], %P[m, r_n] : tensor<?x?xf32>, tensor<?x?xf32>) outs[m]
         -> tensor<?xf32> {
  ^bb0(%t: f32, %p: f32):
    %s = arith.subf %t, %p : f32
    ta.yield %s : f32
  }
  func.return %S : tensor<?xf32>
}

// -----

// A chain of temporaries: each is freed as soon as the next statement has read it.

// CHECK-LABEL: func.func @pipeline(
// CHECK-SAME:      %[[A:[^ :]+]]: memref<16xi32>, %[[W:[^ :]+]]: memref<16xi32>) {
// CHECK:         %[[U:[^ :]+]] = memref.alloc() : memref<16xi32>
// CHECK:           affine.store %{{.*}}, %[[U]]
// CHECK:         %[[V:[^ :]+]] = memref.alloc() : memref<16xi32>
// CHECK:           affine.load %[[U]]
// CHECK:           affine.store %{{.*}}, %[[V]]
// CHECK:         memref.dealloc %[[U]] : memref<16xi32>
// CHECK-NEXT:    affine.for
// CHECK-NEXT:      affine.load %[[V]]
// CHECK:           affine.store %{{.*}}, %[[W]]
// CHECK:         memref.dealloc %[[V]] : memref<16xi32>
// CHECK-NEXT:    func.return
func.func @pipeline(%A: tensor<16xi32>) -> tensor<16xi32> {
  %U = ta.comprehension (i: 0 to 16) ins(%A[i] : tensor<16xi32>) outs[i] -> tensor<16xi32> {
  ^bb0(%a: i32):
    %s = arith.muli %a, %a : i32
    ta.yield %s : i32
  }
  %V = ta.comprehension (i: 0 to 16) ins(%U[i] : tensor<16xi32>) outs[i] -> tensor<16xi32> {
  ^bb0(%u: i32):
    %s = arith.addi %u, %u : i32
    ta.yield %s : i32
  }
  %W = ta.comprehension (i: 0 to 16) ins(%V[15 - i] : tensor<16xi32>) outs[i] -> tensor<16xi32> {
  ^bb0(%v: i32):
    ta.yield %v : i32
  }
  func.return %W : tensor<16xi32>
}

// -----

// A function with no tensor in its signature keeps it, and its tensors are all
// temporaries. A dynamic size that the statement makes constant still is an alloc operand.

// CHECK-LABEL: func.func @scalar_signature(
// CHECK-SAME:      %[[N:[^ :]+]]: index, %[[X:[^ :]+]]: f32) -> index {
// CHECK-NEXT:    %[[C4:[^ :]+]] = arith.constant 4 : index
// CHECK-NEXT:    %[[T:[^ :]+]] = memref.alloc(%[[N]]) : memref<?xf32>
// CHECK-NEXT:    affine.for %[[i:[^ :]+]] = 0 to %[[N]] {
// CHECK-NEXT:      affine.store %[[X]], %[[T]][%[[i]]] : memref<?xf32>
// CHECK-NEXT:    }
// CHECK-NEXT:    %[[U:[^ :]+]] = memref.alloc(%[[C4]]) : memref<?xf32>
// CHECK-NEXT:    affine.for %[[j:[^ :]+]] = 0 to 4 {
// CHECK-NEXT:      %[[t:[^ :]+]] = affine.load %[[T]][%[[j]]] : memref<?xf32>
// CHECK-NEXT:      affine.store %[[t]], %[[U]][%[[j]]] : memref<?xf32>
// CHECK-NEXT:    }
// CHECK-NEXT:    memref.dealloc %[[T]] : memref<?xf32>
// CHECK-NEXT:    %[[C0:[^ :]+]] = arith.constant 0 : index
// CHECK-NEXT:    %[[SIZE:[^ :]+]] = memref.dim %[[U]], %[[C0]] : memref<?xf32>
// CHECK-NEXT:    memref.dealloc %[[U]] : memref<?xf32>
// CHECK-NEXT:    func.return %[[SIZE]] : index
func.func @scalar_signature(%n: index, %x: f32) -> index {
  %t = ta.comprehension (i: 0 to %n) outs[i] -> tensor<?xf32> {
  ^bb0:
    ta.yield %x : f32
  }
  %u = ta.comprehension (j: 0 to 4) ins(%t[j] : tensor<?xf32>) outs[j] -> tensor<?xf32> {
  ^bb0(%v: f32):
    ta.yield %v : f32
  }
  %c0 = arith.constant 0 : index
  %size = tensor.dim %u, %c0 : tensor<?xf32>
  func.return %size : index
}
