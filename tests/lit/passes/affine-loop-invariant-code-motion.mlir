// affine-loop-invariant-code-motion; the second RUN line runs MLIR's own pass through the
// same checks.
// RUN: irkit-opt %s --allow-unregistered-dialect --pass-pipeline='builtin.module(func.func(affine-loop-invariant-code-motion))' | FileCheck %s
// RUN: %if mlir-opt %{ mlir-opt %s --allow-unregistered-dialect --pass-pipeline='builtin.module(func.func(affine-loop-invariant-code-motion))' | irkit-opt --allow-unregistered-dialect | FileCheck %s %}

// Pure ops and a load of a memref that nothing in the loop writes are hoisted, in order;
// the store to it after the loop does not matter.
// CHECK-LABEL: func @hoist_pure_and_load
// CHECK-SAME: (%[[M:.*]]: memref<10xf32>, %[[O:.*]]: memref<10xf32>, %[[X:.*]]: f32)
// CHECK-NEXT:   %[[C:.*]] = arith.addf %[[X]], %[[X]] : f32
// CHECK-NEXT:   %[[V:.*]] = affine.load %[[M]][0] : memref<10xf32>
// CHECK-NEXT:   %[[W:.*]] = arith.mulf %[[V]], %[[C]] : f32
// CHECK-NEXT:   affine.for %[[I:.*]] = 0 to 10 {
// CHECK-NEXT:     affine.store %[[W]], %[[O]][%[[I]]] : memref<10xf32>
// CHECK-NEXT:   }
// CHECK-NEXT:   affine.store %[[X]], %[[M]][1] : memref<10xf32>
func.func @hoist_pure_and_load(%m: memref<10xf32>, %o: memref<10xf32>, %x: f32) {
  affine.for %i = 0 to 10 {
    %c = arith.addf %x, %x : f32
    %v = affine.load %m[0] : memref<10xf32>
    %w = arith.mulf %v, %c : f32
    affine.store %w, %o[%i] : memref<10xf32>
  }
  affine.store %x, %m[1] : memref<10xf32>
  return
}

// A store to the loaded memref inside the loop keeps the load (and its user) there.
// CHECK-LABEL: func @store_in_loop_blocks_load
// CHECK-NEXT:   affine.for %{{.*}} = 0 to 10 {
// CHECK-NEXT:     affine.load
// CHECK-NEXT:     affine.store
// CHECK-NEXT:     affine.store
// CHECK-NEXT:   }
func.func @store_in_loop_blocks_load(%m: memref<10xf32>, %o: memref<10xf32>, %x: f32) {
  affine.for %i = 0 to 10 {
    %v = affine.load %m[0] : memref<10xf32>
    affine.store %v, %o[%i] : memref<10xf32>
    affine.store %x, %m[3] : memref<10xf32>
  }
  return
}

// An invariant store is hoisted; a non-affine load (memory effects) and an `affine.if`
// holding an op with unknown effects are not; a load that only depends on the outer
// induction variable leaves the inner loop.
// CHECK-LABEL: func @mixed
// CHECK-SAME: (%[[M:.*]]: memref<10xf32>, %[[O:.*]]: memref<10xf32>, %[[X:.*]]: f32)
// CHECK-NEXT:   affine.store %[[X]], %[[O]][0] : memref<10xf32>
// CHECK-NEXT:   %[[C0:.*]] = arith.constant 0 : index
// CHECK-NEXT:   arith.divf %[[X]], %[[X]] : f32
// CHECK-NEXT:   affine.for %[[I:.*]] = 0 to 10 {
// CHECK-NEXT:     affine.for %[[J:.*]] = 0 to 10 {
// CHECK-NEXT:       affine.load %[[M]][%[[J]]]
// CHECK-NEXT:       arith.addf
// CHECK-NEXT:       "test.use"
// CHECK-NEXT:     }
// CHECK-NEXT:     %[[L:.*]] = affine.load %[[M]][%[[I]]] : memref<10xf32>
// CHECK-NEXT:     affine.for %{{.*}} = 0 to 10 iter_args(%[[A:.*]] = %[[X]]) -> (f32) {
// CHECK-NEXT:       %[[S:.*]] = arith.addf %[[L]], %[[A]] : f32
// CHECK-NEXT:       affine.yield %[[S]] : f32
// CHECK-NEXT:     }
// CHECK-NEXT:     memref.load %[[M]][%[[C0]]] : memref<10xf32>
// CHECK-NEXT:     affine.if
// CHECK-NEXT:       "test.foo"
func.func @mixed(%m: memref<10xf32>, %o: memref<10xf32>, %x: f32) {
  affine.for %i = 0 to 10 {
    affine.store %x, %o[0] : memref<10xf32>
    affine.for %j = 0 to 10 {
      %v = affine.load %m[%j] : memref<10xf32>
      %s = arith.addf %v, %x : f32
      "test.use"(%s) : (f32) -> ()
    }
    %r = affine.for %j = 0 to 10 iter_args(%a = %x) -> f32 {
      %v = affine.load %m[%i] : memref<10xf32>
      %s = arith.addf %v, %a : f32
      affine.yield %s : f32
    }
    %c0 = arith.constant 0 : index
    %d = arith.divf %x, %x : f32
    %e = memref.load %m[%c0] : memref<10xf32>
    affine.if affine_set<(d0) : (d0 - 5 >= 0)>(%i) {
       "test.foo"() : () -> ()
    }
  }
  return
}

// A whole inner loop that does not depend on the outer one is hoisted; a store of a value
// computed in the loop stays.
// CHECK-LABEL: func @invariant_nest
// CHECK-NEXT:   affine.for %[[J:.*]] = 0 to 10 {
// CHECK-NEXT:     affine.load %{{.*}}[%[[J]]]
// CHECK-NEXT:     arith.addf
// CHECK-NEXT:     affine.store %{{.*}}, %{{.*}}[%[[J]]]
// CHECK-NEXT:   }
// CHECK-NEXT:   affine.for %{{.*}} = 0 to 10 {
// CHECK-NEXT:   }
// CHECK-NEXT:   affine.for %[[K:.*]] = 0 to 10 {
// CHECK-NEXT:     affine.load %{{.*}}[%[[K]]]
// CHECK-NEXT:     affine.store %{{.*}}, %{{.*}}[0]
// CHECK-NEXT:   }
// CHECK-NEXT:   return
func.func @invariant_nest(%m: memref<10xf32>, %o: memref<10xf32>, %x: f32) {
  affine.for %i = 0 to 10 {
    affine.for %j = 0 to 10 {
      %v = affine.load %m[%j] : memref<10xf32>
      %w = arith.addf %v, %x : f32
      affine.store %w, %o[%j] : memref<10xf32>
    }
  }
  affine.for %k = 0 to 10 {
    %v = affine.load %m[%k] : memref<10xf32>
    affine.store %v, %o[0] : memref<10xf32>
  }
  return
}

// The load stays in the inner loop's parent only: the store in the outer loop writes its
// memref.
// CHECK-LABEL: func @outer_store
// CHECK-NEXT:   affine.for %{{.*}} = 0 to 10 {
// CHECK-NEXT:     %[[V:.*]] = affine.load %{{.*}}[0]
// CHECK-NEXT:     affine.for %[[J:.*]] = 0 to 10 {
// CHECK-NEXT:       affine.store %[[V]], %{{.*}}[%[[J]]]
// CHECK-NEXT:     }
// CHECK-NEXT:     affine.store
// CHECK-NEXT:   }
func.func @outer_store(%m: memref<10xf32>, %o: memref<10xf32>, %x: f32) {
  affine.for %i = 0 to 10 {
    affine.for %j = 0 to 10 {
      %v = affine.load %m[0] : memref<10xf32>
      affine.store %v, %o[%j] : memref<10xf32>
    }
    affine.store %x, %m[1] : memref<10xf32>
  }
  return
}
