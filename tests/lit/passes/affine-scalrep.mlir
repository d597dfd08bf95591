// affine-scalrep; the twin RUN line runs MLIR's own pass through the same checks.
// RUN: irkit-opt %s --allow-unregistered-dialect --pass-pipeline='builtin.module(func.func(affine-scalrep))' | FileCheck %s
// RUN: %if mlir-opt %{ mlir-opt %s --allow-unregistered-dialect --pass-pipeline='builtin.module(func.func(affine-scalrep))' | irkit-opt --allow-unregistered-dialect | FileCheck %s %}

// Forwarding through a local buffer, which then disappears; a redundant load; a store to
// another element (%i + 1) does not block forwarding. The first store to %o[%i] stays: the
// load of %m in between may read it (function arguments may alias).
// CHECK-LABEL: func @forward_and_cse
// CHECK-SAME: (%[[M:.*]]: memref<10xf32>, %[[O:.*]]: memref<10xf32>, %[[X:.*]]: f32)
// CHECK-NEXT:   affine.for %[[I:.*]] = 0 to 10 {
// CHECK-NEXT:     affine.store %[[X]], %[[O]][%[[I]]] : memref<10xf32>
// CHECK-NEXT:     %[[W:.*]] = affine.load %[[M]][%[[I]]] : memref<10xf32>
// CHECK-NEXT:     %[[S:.*]] = arith.addf %[[W]], %[[W]] : f32
// CHECK-NEXT:     affine.store %[[S]], %[[O]][%[[I]]] : memref<10xf32>
// CHECK-NEXT:     affine.store %[[S]], %[[O]][%[[I]] + 1] : memref<10xf32>
// CHECK-NEXT:     affine.store %[[S]], %[[M]][0] : memref<10xf32>
// CHECK-NEXT:   }
// CHECK-NEXT:   return
func.func @forward_and_cse(%m: memref<10xf32>, %o: memref<10xf32>, %x: f32) {
  %a = memref.alloc() : memref<10xf32>
  affine.for %i = 0 to 10 {
    affine.store %x, %a[%i] : memref<10xf32>
    %v = affine.load %a[%i] : memref<10xf32>
    affine.store %v, %o[%i] : memref<10xf32>
    %w = affine.load %m[%i] : memref<10xf32>
    %w2 = affine.load %m[%i] : memref<10xf32>
    %s = arith.addf %w, %w2 : f32
    affine.store %s, %o[%i] : memref<10xf32>
    affine.store %s, %o[%i + 1] : memref<10xf32>
    %q = affine.load %o[%i] : memref<10xf32>
    affine.store %q, %m[0] : memref<10xf32>
  }
  memref.dealloc %a : memref<10xf32>
  return
}

// What the pass leaves: the load in the inner loop (the store to %o may alias %m), a load
// after a store to a possibly equal element (%j), and a load after an op with unknown
// effects.
// CHECK-LABEL: func @not_replaced
// CHECK:        affine.for
// CHECK-NEXT:     affine.load
// CHECK-NEXT:     affine.for
// CHECK-NEXT:       affine.load
// CHECK:        affine.store %{{.*}}, %{{.*}}[symbol(%{{.*}})] : memref<10xf32>
// CHECK-NEXT:   affine.store
// CHECK-NEXT:   affine.load
// CHECK-NEXT:   "test.opaque"
// CHECK-NEXT:   affine.load
func.func @not_replaced(%m: memref<10xf32>, %o: memref<10x10xf32>, %b: memref<10xf32>, %i0: index, %j: index, %x: f32) {
  affine.for %i = 0 to 10 {
    %v = affine.load %m[%i] : memref<10xf32>
    affine.for %k = 0 to 10 {
      %w = affine.load %m[%i] : memref<10xf32>
      %s = arith.addf %v, %w : f32
      affine.store %s, %o[%i, %k] : memref<10x10xf32>
    }
  }
  affine.store %x, %b[symbol(%i0)] : memref<10xf32>
  affine.store %x, %b[symbol(%j)] : memref<10xf32>
  %l = affine.load %b[symbol(%i0)] : memref<10xf32>
  "test.opaque"(%l) : (f32) -> ()
  %l2 = affine.load %b[symbol(%j)] : memref<10xf32>
  "test.use"(%l2) : (f32) -> ()
  return
}

// Dead store: overwritten in the same block with no read in between.
// CHECK-LABEL: func @dead_store
// CHECK-NEXT:   affine.for %[[I:.*]] = 0 to 10 {
// CHECK-NEXT:     affine.store %{{.*}}, %{{.*}}[%[[I]]]
// CHECK-NEXT:   }
func.func @dead_store(%m: memref<10xf32>, %x: f32, %y: f32) {
  affine.for %i = 0 to 10 {
    affine.store %x, %m[%i] : memref<10xf32>
    affine.store %y, %m[%i] : memref<10xf32>
  }
  return
}
