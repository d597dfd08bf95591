// Convolutions: access maps with sums of index variables (h + r_kh) and strides
// (2 * x + r_k), and upper bounds that are affine expressions of several sizes, which
// become affine maps of memref.dim symbols.
//
// RUN: irkit-opt %s --split-input-file --lower-ta-to-affine | FileCheck %s

// CHECK-LABEL: func.func @conv2d(
// CHECK-SAME:      %[[I:[^ :]+]]: memref<?x?xf32>, %[[K:[^ :]+]]: memref<?x?xf32>, %[[O:[^ :]+]]: memref<?x?xf32>) {
// CHECK:         %[[H:[^ :]+]] = memref.dim %[[I]], %{{.*}} : memref<?x?xf32>
// CHECK:         %[[W:[^ :]+]] = memref.dim %[[I]], %{{.*}} : memref<?x?xf32>
// CHECK:         %[[KH:[^ :]+]] = memref.dim %[[K]], %{{.*}} : memref<?x?xf32>
// CHECK:         %[[KW:[^ :]+]] = memref.dim %[[K]], %{{.*}} : memref<?x?xf32>
// CHECK:         affine.for %{{.*}} = 0 to affine_map<()[s0, s1] -> (s0 - s1 + 1)>()[%[[H]], %[[KH]]] {
// CHECK-NEXT:      affine.for %{{.*}} = 0 to affine_map<()[s0, s1] -> (s0 - s1 + 1)>()[%[[W]], %[[KW]]] {
// CHECK-NEXT:        affine.store
// CHECK:         affine.for %[[h:[^ :]+]] = 0 to affine_map<()[s0, s1] -> (s0 - s1 + 1)>()[%[[H]], %[[KH]]] {
// CHECK-NEXT:      affine.for %[[w:[^ :]+]] = 0 to affine_map<()[s0, s1] -> (s0 - s1 + 1)>()[%[[W]], %[[KW]]] {
// CHECK-NEXT:        affine.for %[[kh:[^ :]+]] = 0 to %[[KH]] {
// CHECK-NEXT:          affine.for %[[kw:[^ :]+]] = 0 to %[[KW]] {
// CHECK-NEXT:            %[[i:[^ :]+]] = affine.load %[[I]][%[[h]] + %[[kh]], %[[w]] + %[[kw]]] : memref<?x?xf32>
// CHECK-NEXT:            %[[k:[^ :]+]] = affine.load %[[K]][%[[kh]], %[[kw]]] : memref<?x?xf32>
// CHECK-NEXT:            %[[p:[^ :]+]] = arith.mulf %[[i]], %[[k]] : f32
// CHECK-NEXT:            %[[old:[^ :]+]] = affine.load %[[O]][%[[h]], %[[w]]] : memref<?x?xf32>
// CHECK-NEXT:            %[[sum:[^ :]+]] = arith.addf %[[old]], %[[p]] : f32
// CHECK-NEXT:            affine.store %[[sum]], %[[O]][%[[h]], %[[w]]] : memref<?x?xf32>
func.func @conv2d(%I: tensor<?x?xf32>, %K: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %H = tensor.dim %I, %c0 : tensor<?x?xf32>
  %W = tensor.dim %I, %c1 : tensor<?x?xf32>
  %KH = tensor.dim %K, %c0 : tensor<?x?xf32>
  %KW = tensor.dim %K, %c1 : tensor<?x?xf32>
  %O = ta.comprehension reduce(add, init)
         (h: 0 to %H - %KH + 1, w: 0 to %W - %KW + 1, r_kh: 0 to %KH, r_kw: 0 to %KW)
         ins(%I[h + r_kh, w + r_kw], %K[r_kh, r_kw] : tensor<?x?xf32>, tensor<?x?xf32>)
         outs[h, w] -> tensor<?x?xf32> {
  ^bb0(%i: f32, %k: f32):
    %p = arith.mulf %i, %k : f32
    ta.yield %p : f32
  }
  func.return %O : tensor<?x?xf32>
}

// -----

// A strided convolution whose result is a temporary: its size, a floordiv of the sizes,
// is computed with affine.apply for the memref.alloc.

// CHECK-LABEL: func.func @conv1d_strided_relu(
// CHECK-SAME:      %[[I:[^ :]+]]: memref<?xf32>, %[[K:[^ :]+]]: memref<?xf32>, %[[R:[^ :]+]]: memref<?xf32>) {
// CHECK:         %[[N:[^ :]+]] = memref.dim %[[I]]
// CHECK:         %[[KN:[^ :]+]] = memref.dim %[[K]]
// CHECK:         %[[SIZE:[^ :]+]] = affine.apply affine_map<()[s0, s1] -> ((s0 - s1) floordiv 2 + 1)>()[%[[N]], %[[KN]]]
// CHECK:         %[[O:[^ :]+]] = memref.alloc(%[[SIZE]]) : memref<?xf32>
// CHECK:         affine.for %{{.*}} = 0 to affine_map<()[s0, s1] -> ((s0 - s1) floordiv 2 + 1)>()[%[[N]], %[[KN]]] {
// CHECK-NEXT:      affine.store %{{.*}}, %[[O]]
// CHECK:         affine.for %[[x:[^ :]+]] = 0 to affine_map<()[s0, s1] -> ((s0 - s1) floordiv 2 + 1)>()[%[[N]], %[[KN]]] {
// CHECK-NEXT:      affine.for %[[k:[^ :]+]] = 0 to %[[KN]] {
// CHECK-NEXT:        affine.load %[[I]][%[[x]] * 2 + %[[k]]] : memref<?xf32>
// CHECK-NEXT:        affine.load %[[K]][%[[k]]] : memref<?xf32>
// CHECK:             affine.store %{{.*}}, %[[O]][%[[x]]] : memref<?xf32>
// CHECK:         affine.for %[[y:[^ :]+]] = 0 to affine_map<()[s0, s1] -> ((s0 - s1) floordiv 2 + 1)>()[%[[N]], %[[KN]]] {
// CHECK-NEXT:      %[[o:[^ :]+]] = affine.load %[[O]][%[[y]]] : memref<?xf32>
// CHECK-NEXT:      %[[zero:[^ :]+]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT:      %[[relu:[^ :]+]] = arith.maximumf %[[o]], %[[zero]] : f32
// CHECK-NEXT:      affine.store %[[relu]], %[[R]][%[[y]]] : memref<?xf32>
// CHECK-NEXT:    }
// CHECK-NEXT:    memref.dealloc %[[O]] : memref<?xf32>
// CHECK-NEXT:    func.return
func.func @conv1d_strided_relu(%I: tensor<?xf32>, %K: tensor<?xf32>) -> tensor<?xf32> {
  %c0 = arith.constant 0 : index
  %N = tensor.dim %I, %c0 : tensor<?xf32>
  %KN = tensor.dim %K, %c0 : tensor<?xf32>
  %O = ta.comprehension reduce(add, init) (x: 0 to (%N - %KN) floordiv 2 + 1, r_k: 0 to %KN)
         ins(%I[2 * x + r_k], %K[r_k] : tensor<?xf32>, tensor<?xf32>)
         outs[x] -> tensor<?xf32> {
  ^bb0(%i: f32, %k: f32):
    %p = arith.mulf %i, %k : f32
    ta.yield %p : f32
  }
  %R = ta.comprehension (y: 0 to (%N - %KN) floordiv 2 + 1) ins(%O[y] : tensor<?xf32>)
         outs[y] -> tensor<?xf32> {
  ^bb0(%o: f32):
    %zero = arith.constant 0.0 : f32
    %relu = arith.maximumf %o, %zero : f32
    ta.yield %relu : f32
  }
  func.return %R : tensor<?xf32>
}
