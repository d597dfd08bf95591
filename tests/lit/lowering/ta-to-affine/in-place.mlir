// Comprehensions with `init` update their init's buffer in place when nothing else can
// see the old elements afterwards, and otherwise copy it into a fresh buffer first.
//
// RUN: irkit-opt %s --split-input-file --lower-ta-to-affine | FileCheck %s

// An update chain, as TC's `H(b, n) +=! ...` then `H(b, n) = fmax(H(b, n) + B1(n), 0)`:
// the second statement reads H only at the element it writes, so both work in the
// out-parameter, and nothing is allocated or copied.

// CHECK-LABEL: func.func @chain(
// CHECK-SAME:      %[[I:[^ :]+]]: memref<?x?xf32>, %[[W:[^ :]+]]: memref<?x?xf32>, %[[B:[^ :]+]]: memref<?xf32>, %[[H:[^ :]+]]: memref<?x?xf32>) {
// CHECK-NOT:     memref.alloc
// CHECK-NOT:     memref.copy
// CHECK:         affine.for %[[zb:[^ :]+]] = 0 to
// CHECK-NEXT:      affine.for %[[zn:[^ :]+]] = 0 to
// CHECK-NEXT:        affine.store %{{.*}}, %[[H]][%[[zb]], %[[zn]]]
// CHECK:         affine.for %[[b:[^ :]+]] = 0 to
// CHECK-NEXT:      affine.for %[[n:[^ :]+]] = 0 to
// CHECK-NEXT:        affine.for %[[m:[^ :]+]] = 0 to
// CHECK:               affine.store %{{.*}}, %[[H]][%[[b]], %[[n]]]
// CHECK:         affine.for %[[b2:[^ :]+]] = 0 to
// CHECK-NEXT:      affine.for %[[n2:[^ :]+]] = 0 to
// CHECK-NEXT:        %[[h:[^ :]+]] = affine.load %[[H]][%[[b2]], %[[n2]]]
// CHECK-NEXT:        %[[bias:[^ :]+]] = affine.load %[[B]][%[[n2]]]
// CHECK-NEXT:        %[[sum:[^ :]+]] = arith.addf %[[h]], %[[bias]] : f32
// CHECK-NEXT:        %[[zero:[^ :]+]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT:        %[[relu:[^ :]+]] = arith.maximumf %[[sum]], %[[zero]] : f32
// CHECK-NEXT:        affine.store %[[relu]], %[[H]][%[[b2]], %[[n2]]]
// CHECK-NOT:     memref.dealloc
// CHECK:         func.return
func.func @chain(%I: tensor<?x?xf32>, %W1: tensor<?x?xf32>, %B1: tensor<?xf32>) -> tensor<?x?xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %B = tensor.dim %I, %c0 : tensor<?x?xf32>
  %M = tensor.dim %I, %c1 : tensor<?x?xf32>
  %N = tensor.dim %W1, %c0 : tensor<?x?xf32>
  %H0 = ta.comprehension reduce(add, init) (b: 0 to %B, n: 0 to %N, r_m: 0 to %M)
          ins(%I[b, r_m], %W1[n, r_m] : tensor<?x?xf32>, tensor<?x?xf32>)
          outs[b, n] -> tensor<?x?xf32> {
  ^bb0(%i: f32, %w: f32):
    %p = arith.mulf %i, %w : f32
    ta.yield %p : f32
  }
  %H1 = ta.comprehension (b: 0 to %B, n: 0 to %N)
          ins(%H0[b, n], %B1[n] : tensor<?x?xf32>, tensor<?xf32>)
          outs(%H0[b, n] : tensor<?x?xf32>) -> tensor<?x?xf32> {
  ^bb0(%h: f32, %bias: f32):
    %sum = arith.addf %h, %bias : f32
    %zero = arith.constant 0.0 : f32
    %relu = arith.maximumf %sum, %zero : f32
    ta.yield %relu : f32
  }
  func.return %H1 : tensor<?x?xf32>
}

// -----

// The init is read again after the update: the update works on a copy.

// CHECK-LABEL: func.func @read_after(
// CHECK-SAME:      %[[A:[^ :]+]]: memref<8xf32>, %[[U:[^ :]+]]: memref<8xf32>, %[[S:[^ :]+]]: memref<8xf32>) {
// CHECK:         %[[T:[^ :]+]] = memref.alloc() : memref<8xf32>
// CHECK:         affine.store %{{.*}}, %[[T]]
// CHECK:         memref.copy{{.*}}%[[T]], %[[U]]
// CHECK:         affine.for %[[i:[^ :]+]] = 2 to 4 {
// CHECK-NEXT:      %[[a:[^ :]+]] = affine.load %[[A]][%[[i]]]
// CHECK-NEXT:      affine.store %[[a]], %[[U]][%[[i]]]
// CHECK:         affine.for %[[j:[^ :]+]] = 0 to 8 {
// CHECK-NEXT:      %[[t:[^ :]+]] = affine.load %[[T]][%[[j]]]
// CHECK-NEXT:      %[[u:[^ :]+]] = affine.load %[[U]][%[[j]]]
// CHECK:           affine.store %{{.*}}, %[[S]][%[[j]]]
// CHECK-NEXT:    }
// CHECK-NEXT:    memref.dealloc %[[T]]
// CHECK-NEXT:    func.return
func.func @read_after(%A: tensor<8xf32>) -> (tensor<8xf32>, tensor<8xf32>) {
  %T = ta.comprehension (i: 0 to 8) ins(%A[i] : tensor<8xf32>) outs[i] -> tensor<8xf32> {
  ^bb0(%a: f32):
    %d = arith.addf %a, %a : f32
    ta.yield %d : f32
  }
  %U = ta.comprehension (i: 2 to 4) ins(%A[i] : tensor<8xf32>) outs(%T[i] : tensor<8xf32>)
         -> tensor<8xf32> {
  ^bb0(%a: f32):
    ta.yield %a : f32
  }
  %S = ta.comprehension (j: 0 to 8) ins(%T[j], %U[j] : tensor<8xf32>, tensor<8xf32>) outs[j]
         -> tensor<8xf32> {
  ^bb0(%t: f32, %u: f32):
    %s = arith.subf %t, %u : f32
    ta.yield %s : f32
  }
  func.return %U, %S : tensor<8xf32>, tensor<8xf32>
}

// -----

// The init is read before the update (and its shape taken after it): in place.

// CHECK-LABEL: func.func @read_before(
// CHECK-SAME:      %[[A:[^ :]+]]: memref<?xf32>, %[[R:[^ :]+]]: memref<?xf32>, %[[U:[^ :]+]]: memref<?xf32>) {
// CHECK-NOT:     memref.copy
// CHECK:         affine.store %{{.*}}, %[[U]]
// CHECK:         affine.load %[[U]]
// CHECK:         affine.store %{{.*}}, %[[R]]
// CHECK:         affine.store %{{.*}}, %[[U]]
// CHECK:         memref.dim %[[U]]
// CHECK-NOT:     memref.copy
// CHECK:         func.return
func.func @read_before(%A: tensor<?xf32>) -> (tensor<?xf32>, tensor<?xf32>) {
  %c0 = arith.constant 0 : index
  %N = tensor.dim %A, %c0 : tensor<?xf32>
  %T = ta.comprehension (i: 0 to %N) ins(%A[i] : tensor<?xf32>) outs[i] -> tensor<?xf32> {
  ^bb0(%a: f32):
    ta.yield %a : f32
  }
  %R = ta.comprehension (i: 0 to %N) ins(%T[%N - 1 - i] : tensor<?xf32>) outs[i] -> tensor<?xf32> {
  ^bb0(%t: f32):
    ta.yield %t : f32
  }
  %U = ta.comprehension (i: 0 to 1) ins(%A[i] : tensor<?xf32>) outs(%T[i] : tensor<?xf32>)
         -> tensor<?xf32> {
  ^bb0(%a: f32):
    %n = arith.negf %a : f32
    ta.yield %n : f32
  }
  %size = tensor.dim %T, %c0 : tensor<?xf32>
  %V = ta.comprehension (i: 0 to %size) outs(%U[i] : tensor<?xf32>) -> tensor<?xf32> {
  ^bb0:
    %one = arith.constant 1.0 : f32
    ta.yield %one : f32
  }
  func.return %R, %V : tensor<?xf32>, tensor<?xf32>
}

// -----

// Reading the init at another element than the one written (here, the mirror image) would
// see updated elements: copy.

// CHECK-LABEL: func.func @mirror(
// CHECK-SAME:      %[[A:[^ :]+]]: memref<?xf32>, %[[F:[^ :]+]]: memref<?xf32>) {
// CHECK:         %[[T:[^ :]+]] = memref.alloc(%{{.*}}) : memref<?xf32>
// CHECK:         memref.copy{{.*}}%[[T]], %[[F]]
// CHECK:         affine.load %[[T]]
// CHECK:         affine.store %{{.*}}, %[[F]]
// CHECK:         memref.dealloc %[[T]]
func.func @mirror(%A: tensor<?xf32>) -> tensor<?xf32> {
  %c0 = arith.constant 0 : index
  %N = tensor.dim %A, %c0 : tensor<?xf32>
  %T = ta.comprehension (i: 0 to %N) ins(%A[i] : tensor<?xf32>) outs[i] -> tensor<?xf32> {
  ^bb0(%a: f32):
    ta.yield %a : f32
  }
  %F = ta.comprehension (i: 0 to %N) ins(%T[%N - 1 - i] : tensor<?xf32>)
         outs(%T[i] : tensor<?xf32>) -> tensor<?xf32> {
  ^bb0(%t: f32):
    ta.yield %t : f32
  }
  func.return %F : tensor<?xf32>
}

// -----

// A reduction that reads its own init, even at the element it writes, would read partial
// sums: copy.

// CHECK-LABEL: func.func @reduce_self(
// CHECK-SAME:      %[[A:[^ :]+]]: memref<4x3xf32>, %[[R:[^ :]+]]: memref<4xf32>) {
// CHECK:         %[[T:[^ :]+]] = memref.alloc() : memref<4xf32>
// CHECK:         memref.copy{{.*}}%[[T]], %[[R]]
// CHECK:         affine.for %[[m:[^ :]+]] = 0 to 4 {
// CHECK-NEXT:      affine.for %[[k:[^ :]+]] = 0 to 3 {
// CHECK-NEXT:        %[[t:[^ :]+]] = affine.load %[[T]][%[[m]]]
// CHECK-NEXT:        %[[a:[^ :]+]] = affine.load %[[A]][%[[m]], %[[k]]]
// CHECK-NEXT:        %[[p:[^ :]+]] = arith.mulf %[[t]], %[[a]]
// CHECK-NEXT:        %[[old:[^ :]+]] = affine.load %[[R]][%[[m]]]
// CHECK-NEXT:        %[[new:[^ :]+]] = arith.addf %[[old]], %[[p]]
// CHECK-NEXT:        affine.store %[[new]], %[[R]][%[[m]]]
// CHECK:         memref.dealloc %[[T]]
func.func @reduce_self(%A: tensor<4x3xf32>) -> tensor<4xf32> {
  %T = ta.comprehension (m: 0 to 4) outs[m] -> tensor<4xf32> {
  ^bb0:
    %one = arith.constant 1.0 : f32
    ta.yield %one : f32
  }
  %R = ta.comprehension reduce(add) (m: 0 to 4, r_k: 0 to 3)
         ins(%T[m], %A[m, r_k] : tensor<4xf32>, tensor<4x3xf32>)
         outs(%T[m] : tensor<4xf32>) -> tensor<4xf32> {
  ^bb0(%t: f32, %a: f32):
    %p = arith.mulf %t, %a : f32
    ta.yield %p : f32
  }
  func.return %R : tensor<4xf32>
}

// -----

// A parameter is never written: an update of a parameter starts from a copy, except with
// TC's `!`, where only the parameter's shape matters.

// CHECK-LABEL: func.func @parameter_init(
// CHECK-SAME:      %[[A:[^ :]+]]: memref<?xi32>, %[[U:[^ :]+]]: memref<?xi32>, %[[V:[^ :]+]]: memref<?xi32>) {
// CHECK:         memref.copy{{.*}}%[[A]], %[[U]]
// CHECK:         affine.store %{{.*}}, %[[U]]
// CHECK-NOT:     memref.copy
// CHECK:         %[[ONE:[^ :]+]] = arith.constant 1 : i32
// CHECK-NEXT:    affine.for %[[z:[^ :]+]] = 0 to %[[DIM:[^ :]+]] {
// CHECK-NEXT:      affine.store %[[ONE]], %[[V]][%[[z]]]
// CHECK:         affine.for %[[i:[^ :]+]] = 0 to %[[N:[^ :]+]] {
// CHECK-NEXT:      affine.for %[[j:[^ :]+]] = 0 to 2 {
// CHECK-NEXT:        %[[three:[^ :]+]] = arith.constant 3 : i32
// CHECK-NEXT:        %[[old:[^ :]+]] = affine.load %[[V]][%[[i]]]
// CHECK-NEXT:        %[[new:[^ :]+]] = arith.muli %[[old]], %[[three]] : i32
// CHECK-NEXT:        affine.store %[[new]], %[[V]][%[[i]]]
func.func @parameter_init(%A: tensor<?xi32>) -> (tensor<?xi32>, tensor<?xi32>) {
  %c0 = arith.constant 0 : index
  %N = tensor.dim %A, %c0 : tensor<?xi32>
  %U = ta.comprehension (i: 0 to 1) outs(%A[i] : tensor<?xi32>) -> tensor<?xi32> {
  ^bb0:
    %seven = arith.constant 7 : i32
    ta.yield %seven : i32
  }
  %V = ta.comprehension reduce(mul, init) (i: 0 to %N, r_j: 0 to 2) outs(%A[i] : tensor<?xi32>)
         -> tensor<?xi32> {
  ^bb0:
    %three = arith.constant 3 : i32
    ta.yield %three : i32
  }
  func.return %U, %V : tensor<?xi32>, tensor<?xi32>
}
