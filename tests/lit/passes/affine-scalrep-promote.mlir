// affine-scalrep{promote-loop-invariant-accesses=true}, an irkit extension (no mlir-opt twin).
// RUN: irkit-opt %s --allow-unregistered-dialect --pass-pipeline='builtin.module(func.func(affine-scalrep{promote-loop-invariant-accesses=true}))' | FileCheck %s
// RUN: irkit-opt %s --allow-unregistered-dialect --pass-pipeline='builtin.module(func.func(affine-scalrep))' | FileCheck %s --check-prefix=DEFAULT

// The accumulator C[i][j] lives in an iter_arg of the k loop.
// CHECK-LABEL: func @matmul
// CHECK-SAME: (%[[A:.*]]: memref<8x8xf32>, %[[B:.*]]: memref<8x8xf32>, %[[C:.*]]: memref<8x8xf32>)
// CHECK-NEXT:   affine.for %[[I:.*]] = 0 to 8 {
// CHECK-NEXT:     affine.for %[[J:.*]] = 0 to 8 {
// CHECK-NEXT:       %[[INIT:.*]] = affine.load %[[C]][%[[I]], %[[J]]] : memref<8x8xf32>
// CHECK-NEXT:       %[[R:.*]] = affine.for %[[K:.*]] = 0 to 8 iter_args(%[[ACC:.*]] = %[[INIT]]) -> (f32) {
// CHECK-NEXT:         %[[AV:.*]] = affine.load %[[A]][%[[I]], %[[K]]]
// CHECK-NEXT:         %[[BV:.*]] = affine.load %[[B]][%[[K]], %[[J]]]
// CHECK-NEXT:         %[[P:.*]] = arith.mulf %[[AV]], %[[BV]] : f32
// CHECK-NEXT:         %[[S:.*]] = arith.addf %[[ACC]], %[[P]] : f32
// CHECK-NEXT:         affine.yield %[[S]] : f32
// CHECK-NEXT:       }
// CHECK-NEXT:       affine.store %[[R]], %[[C]][%[[I]], %[[J]]] : memref<8x8xf32>
// DEFAULT-LABEL: func @matmul
// DEFAULT-NOT:   iter_args
// DEFAULT:       return
func.func @matmul(%A: memref<8x8xf32>, %B: memref<8x8xf32>, %C: memref<8x8xf32>) {
  affine.for %i = 0 to 8 {
    affine.for %j = 0 to 8 {
      affine.for %k = 0 to 8 {
        %a = affine.load %A[%i, %k] : memref<8x8xf32>
        %b = affine.load %B[%k, %j] : memref<8x8xf32>
        %c = affine.load %C[%i, %j] : memref<8x8xf32>
        %p = arith.mulf %a, %b : f32
        %s = arith.addf %c, %p : f32
        affine.store %s, %C[%i, %j] : memref<8x8xf32>
      }
    }
  }
  return
}

// Existing iter_args are kept in front of the new one.
// CHECK-LABEL: func @existing_iter_args
// CHECK:        %[[R:.*]]:2 = affine.for %{{.*}} = 0 to 8 iter_args(%[[N:.*]] = %{{.*}}, %[[ACC:.*]] = %{{.*}}) -> (index, f32) {
// CHECK:          affine.yield %{{.*}}, %{{.*}} : index, f32
// CHECK:        affine.store %[[R]]#1, %{{.*}}[0]
// CHECK:        return %[[R]]#0
func.func @existing_iter_args(%S: memref<1xf32>, %x: f32, %n0: index) -> index {
  %r = affine.for %k = 0 to 8 iter_args(%n = %n0) -> index {
    %c = affine.load %S[0] : memref<1xf32>
    %s = arith.addf %c, %x : f32
    affine.store %s, %S[0] : memref<1xf32>
    %n1 = arith.addi %n, %k : index
    affine.yield %n1 : index
  }
  return %r : index
}

// Not promoted: the element depends on the loop; another access of the memref in the
// loop; an op with unknown effects; only loads (loop-invariant code motion's job).
// CHECK-LABEL: func @not_promoted
// CHECK-NOT:    iter_args
// CHECK:        return
func.func @not_promoted(%S: memref<8xf32>, %T: memref<8xf32>, %x: f32) {
  affine.for %k = 0 to 8 {
    %c = affine.load %S[%k] : memref<8xf32>
    %s = arith.addf %c, %x : f32
    affine.store %s, %S[%k] : memref<8xf32>
  }
  affine.for %k = 0 to 8 {
    %c = affine.load %S[0] : memref<8xf32>
    %s = arith.addf %c, %x : f32
    affine.store %s, %S[0] : memref<8xf32>
    %d = affine.load %S[%k] : memref<8xf32>
    "test.use"(%d) : (f32) -> ()
  }
  affine.for %k = 0 to 8 {
    %c = affine.load %T[0] : memref<8xf32>
    %s = arith.addf %c, %x : f32
    affine.store %s, %T[0] : memref<8xf32>
    "test.opaque"() : () -> ()
  }
  affine.for %k = 0 to 8 {
    %c = affine.load %T[1] : memref<8xf32>
    "test.use"(%c) : (f32) -> ()
  }
  return
}
