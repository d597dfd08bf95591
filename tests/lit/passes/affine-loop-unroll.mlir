// affine-loop-unroll. Each irkit-opt RUN line has a twin that runs MLIR's own pass through
// the same checks (printed back by irkit-opt). MLIR 22's pass takes `unroll-full` only as a
// constructor argument, so the UNROLL-FULL checks have no mlir-opt twin.
// RUN: irkit-opt %s --allow-unregistered-dialect --pass-pipeline='builtin.module(func.func(affine-loop-unroll))' | FileCheck %s
// RUN: %if mlir-opt %{ mlir-opt %s --allow-unregistered-dialect --pass-pipeline='builtin.module(func.func(affine-loop-unroll))' | irkit-opt --allow-unregistered-dialect | FileCheck %s %}
// RUN: irkit-opt %s --allow-unregistered-dialect --pass-pipeline='builtin.module(func.func(affine-loop-unroll{unroll-factor=-1}))' | FileCheck %s --check-prefix=FULL
// RUN: %if mlir-opt %{ mlir-opt %s --allow-unregistered-dialect --pass-pipeline='builtin.module(func.func(affine-loop-unroll{unroll-factor=-1}))' | irkit-opt --allow-unregistered-dialect | FileCheck %s --check-prefix=FULL %}
// RUN: irkit-opt %s --allow-unregistered-dialect --pass-pipeline='builtin.module(func.func(affine-loop-unroll{unroll-factor=3 unroll-up-to-factor=true}))' | FileCheck %s --check-prefix=UPTO
// RUN: %if mlir-opt %{ mlir-opt %s --allow-unregistered-dialect --pass-pipeline='builtin.module(func.func(affine-loop-unroll{unroll-factor=3 unroll-up-to-factor=true}))' | irkit-opt --allow-unregistered-dialect | FileCheck %s --check-prefix=UPTO %}
// RUN: irkit-opt %s --allow-unregistered-dialect --pass-pipeline='builtin.module(func.func(affine-loop-unroll{unroll-factor=2 unroll-num-reps=2}))' | FileCheck %s --check-prefix=REPS
// RUN: %if mlir-opt %{ mlir-opt %s --allow-unregistered-dialect --pass-pipeline='builtin.module(func.func(affine-loop-unroll{unroll-factor=2 unroll-num-reps=2}))' | irkit-opt --allow-unregistered-dialect | FileCheck %s --check-prefix=REPS %}
// RUN: irkit-opt %s --allow-unregistered-dialect --pass-pipeline='builtin.module(func.func(affine-loop-unroll{cleanup-unroll=true}))' | FileCheck %s --check-prefix=CLEANUP
// RUN: %if mlir-opt %{ mlir-opt %s --allow-unregistered-dialect --pass-pipeline='builtin.module(func.func(affine-loop-unroll{cleanup-unroll=true}))' | irkit-opt --allow-unregistered-dialect | FileCheck %s --check-prefix=CLEANUP %}
// RUN: irkit-opt %s --allow-unregistered-dialect --pass-pipeline='builtin.module(func.func(affine-loop-unroll{unroll-full=true unroll-full-threshold=3}))' | FileCheck %s --check-prefix=THRESHOLD

// A constant trip count that 4 does not divide: the unrolled loop runs to 8, a cleanup
// loop does the rest.
// CHECK-LABEL: func @constant_cleanup
// CHECK-NEXT:   affine.for %[[I:.*]] = 0 to 8 step 4 {
// CHECK-NEXT:     "test.foo"(%[[I]])
// CHECK-NEXT:     %[[I1:.*]] = affine.apply affine_map<(d0) -> (d0 + 1)>(%[[I]])
// CHECK-NEXT:     "test.foo"(%[[I1]])
// CHECK-NEXT:     %[[I2:.*]] = affine.apply affine_map<(d0) -> (d0 + 2)>(%[[I]])
// CHECK-NEXT:     "test.foo"(%[[I2]])
// CHECK-NEXT:     %[[I3:.*]] = affine.apply affine_map<(d0) -> (d0 + 3)>(%[[I]])
// CHECK-NEXT:     "test.foo"(%[[I3]])
// CHECK-NEXT:   }
// CHECK-NEXT:   affine.for %[[J:.*]] = 8 to 10 {
// CHECK-NEXT:     "test.foo"(%[[J]])
// CHECK-NEXT:   }
// FULL-LABEL: func @constant_cleanup
// FULL-COUNT-10: "test.foo"
// FULL-NOT: affine.for
// FULL: return
// UPTO-LABEL: func @constant_cleanup
// UPTO:       affine.for %{{.*}} = 0 to 9 step 3 {
// UPTO-COUNT-3: "test.foo"
// UPTO:       }
// UPTO-NEXT:  "test.foo"(%{{.*}})
// CLEANUP-LABEL: func @constant_cleanup
// CLEANUP-COUNT-10: "test.foo"
// CLEANUP-NOT: affine.for
// CLEANUP: return
func.func @constant_cleanup() {
  affine.for %i = 0 to 10 {
    "test.foo"(%i) : (index) -> ()
  }
  return
}

// A symbolic trip count: the cleanup loop starts at lb + (tc - tc mod 4) * step.
// CHECK-LABEL: func @symbolic_cleanup
// CHECK-SAME: (%[[N:.*]]: index)
// CHECK-NEXT:   affine.for %[[I:.*]] = 1 to affine_map<()[s0] -> ((((s0 - 1) ceildiv 2) floordiv 4) * 8 + 1)>()[%[[N]]] step 8 {
// CHECK-NEXT:     "test.foo"(%[[I]])
// CHECK-NEXT:     %[[I1:.*]] = affine.apply affine_map<(d0) -> (d0 + 2)>(%[[I]])
// CHECK-NEXT:     "test.foo"(%[[I1]])
// CHECK-NEXT:     %[[I2:.*]] = affine.apply affine_map<(d0) -> (d0 + 4)>(%[[I]])
// CHECK-NEXT:     "test.foo"(%[[I2]])
// CHECK-NEXT:     %[[I3:.*]] = affine.apply affine_map<(d0) -> (d0 + 6)>(%[[I]])
// CHECK-NEXT:     "test.foo"(%[[I3]])
// CHECK-NEXT:   }
// CHECK-NEXT:   affine.for %[[J:.*]] = affine_map<()[s0] -> ((((s0 - 1) ceildiv 2) floordiv 4) * 8 + 1)>()[%[[N]]] to %[[N]] step 2 {
// CHECK-NEXT:     "test.foo"(%[[J]])
// CHECK-NEXT:   }
// FULL-LABEL: func @symbolic_cleanup
// FULL-NEXT:  affine.for %{{.*}} = 1 to %{{.*}} step 2 {
func.func @symbolic_cleanup(%n: index) {
  affine.for %i = 1 to %n step 2 {
    "test.foo"(%i) : (index) -> ()
  }
  return
}

// iter_args: each copy takes what the previous one yields; the single leftover iteration
// of the cleanup loop is promoted, its induction variable a constant at the function entry.
// CHECK-LABEL: func @iter_args
// CHECK-SAME: (%[[M:.*]]: memref<?xf32>, %[[INIT:.*]]: f32)
// CHECK-NEXT:   %[[C8:.*]] = arith.constant 8 : index
// CHECK-NEXT:   %[[R:.*]] = affine.for %[[I:.*]] = 0 to 8 step 4 iter_args(%[[ACC:.*]] = %[[INIT]]) -> (f32) {
// CHECK-NEXT:     %[[V0:.*]] = affine.load %[[M]][%[[I]]]
// CHECK-NEXT:     %[[S0:.*]] = arith.addf %[[ACC]], %[[V0]]
// CHECK-NEXT:     %[[I1:.*]] = affine.apply affine_map<(d0) -> (d0 + 1)>(%[[I]])
// CHECK-NEXT:     %[[V1:.*]] = affine.load %[[M]][%[[I1]]]
// CHECK-NEXT:     %[[S1:.*]] = arith.addf %[[S0]], %[[V1]]
// CHECK-NEXT:     %[[I2:.*]] = affine.apply affine_map<(d0) -> (d0 + 2)>(%[[I]])
// CHECK-NEXT:     %[[V2:.*]] = affine.load %[[M]][%[[I2]]]
// CHECK-NEXT:     %[[S2:.*]] = arith.addf %[[S1]], %[[V2]]
// CHECK-NEXT:     %[[I3:.*]] = affine.apply affine_map<(d0) -> (d0 + 3)>(%[[I]])
// CHECK-NEXT:     %[[V3:.*]] = affine.load %[[M]][%[[I3]]]
// CHECK-NEXT:     %[[S3:.*]] = arith.addf %[[S2]], %[[V3]]
// CHECK-NEXT:     affine.yield %[[S3]] : f32
// CHECK-NEXT:   }
// CHECK-NEXT:   %[[V8:.*]] = affine.load %[[M]][%[[C8]]]
// CHECK-NEXT:   %[[S8:.*]] = arith.addf %[[R]], %[[V8]]
// CHECK-NEXT:   return %[[S8]]
func.func @iter_args(%m: memref<?xf32>, %init: f32) -> f32 {
  %r = affine.for %i = 0 to 9 iter_args(%acc = %init) -> f32 {
    %v = affine.load %m[%i] : memref<?xf32>
    %s = arith.addf %acc, %v : f32
    affine.yield %s : f32
  }
  return %r : f32
}

// Only innermost loops are unrolled. The second nest repeats with two reps of factor 2.
// CHECK-LABEL: func @innermost_only
// CHECK-NEXT:   affine.for %{{.*}} = 0 to 8 {
// CHECK-NEXT:     affine.for %{{.*}} = 0 to 8 step 4 {
// REPS-LABEL: func @innermost_only
// REPS-NEXT:    affine.for %{{.*}} = 0 to 8 {
// REPS-NEXT:      affine.for %{{.*}} = 0 to 8 step 4 {
// REPS-COUNT-4:     "test.foo"
// REPS-NEXT:      }
// REPS-NEXT:    }
// THRESHOLD-LABEL: func @innermost_only
// THRESHOLD-NEXT:  affine.for %{{.*}} = 0 to 8 {
// THRESHOLD-NEXT:    affine.for %{{.*}} = 0 to 8 {
func.func @innermost_only() {
  affine.for %i = 0 to 8 {
    affine.for %j = 0 to 8 {
      "test.foo"(%i, %j) : (index, index) -> ()
    }
  }
  return
}

// What the pass refuses: a trip count below the factor, and a `min` upper bound that the
// factor may not divide (no affine cleanup lower bound exists).
// CHECK-LABEL: func @refused
// CHECK-NEXT:   affine.for %{{.*}} = 0 to 3 {
// CHECK-NEXT:     "test.foo"
// CHECK-NEXT:   }
// CHECK-NEXT:   affine.for %{{.*}} = 0 to min affine_map<()[s0] -> (s0, 100)>()[%{{.*}}] {
// CHECK-NEXT:     "test.bar"
// CHECK-NEXT:   }
// UPTO-LABEL: func @refused
// UPTO-NEXT:  %[[C0:.*]] = arith.constant 0 : index
// UPTO-NEXT:  "test.foo"(%[[C0]])
// UPTO-NEXT:  %[[I1:.*]] = affine.apply affine_map<(d0) -> (d0 + 1)>(%[[C0]])
// UPTO-NEXT:  "test.foo"(%[[I1]])
// UPTO-NEXT:  %[[I2:.*]] = affine.apply affine_map<(d0) -> (d0 + 2)>(%[[C0]])
// UPTO-NEXT:  "test.foo"(%[[I2]])
// UPTO-NEXT:  affine.for %{{.*}} = 0 to min
// THRESHOLD-LABEL: func @refused
// THRESHOLD-COUNT-3: "test.foo"
// THRESHOLD:       affine.for %{{.*}} = 0 to min
func.func @refused(%n: index) {
  affine.for %i = 0 to 3 {
    "test.foo"(%i) : (index) -> ()
  }
  affine.for %i = 0 to min affine_map<()[s0] -> (s0, 100)>()[%n] {
    "test.bar"(%i) : (index) -> ()
  }
  return
}
