// polyhedral-schedule leaves a function unchanged, with a remark, when its loops do not
// fit the polyhedral model.
//
// UNSUPPORTED: reference-mlir-opt
// RUN: irkit-opt %s --split-input-file --polyhedral-schedule --verify-diagnostics | FileCheck %s

// A loop-carried scalar (iter_args) is not a memory dependence the model sees.
// CHECK-LABEL: func.func @iter_args(
// CHECK:         affine.for %{{.*}} = 0 to 10 iter_args(
// expected-remark@below {{polyhedral-schedule: 'affine.for' with results (iter_args or reductions)}}
func.func @iter_args(%A: memref<10xf32>, %init: f32) -> f32 {
  %sum = affine.for %i = 0 to 10 iter_args(%acc = %init) -> (f32) {
    %a = affine.load %A[%i] : memref<10xf32>
    %s = arith.addf %acc, %a : f32
    affine.yield %s : f32
  }
  return %sum : f32
}

// -----

func.func private @update(memref<10xf32>)

// A call may read and write its memref operands anywhere.
// CHECK-LABEL: func.func @call(
// CHECK-NEXT:    affine.for %[[I:.*]] = 0 to 10 {
// CHECK-NEXT:      affine.store %{{.*}}, %{{.*}}[%[[I]]]
// CHECK-NEXT:    }
// CHECK-NEXT:    func.call @update
// expected-remark@below {{polyhedral-schedule: 'func.call' may have unknown memory effects}}
func.func @call(%A: memref<10xf32>, %x: f32) {
  affine.for %i = 0 to 10 {
    affine.store %x, %A[%i] : memref<10xf32>
  }
  func.call @update(%A) : (memref<10xf32>) -> ()
  return
}

// -----

// A value computed by one statement and used by another, in an inner loop.
// CHECK-LABEL: func.func @scalar_between_statements(
// CHECK-NEXT:    affine.for %[[I:.*]] = 0 to 10 {
// CHECK-NEXT:      %[[V:.*]] = affine.load %{{.*}}[%[[I]]]
// CHECK-NEXT:      affine.for %[[J:.*]] = 0 to 10 {
// CHECK-NEXT:        affine.store %[[V]], %{{.*}}[%[[I]], %[[J]]]
// expected-remark@below {{polyhedral-schedule: the value of 'affine.load' flows from one statement into another}}
func.func @scalar_between_statements(%A: memref<10xf32>, %B: memref<10x10xf32>) {
  affine.for %i = 0 to 10 {
    %v = affine.load %A[%i] : memref<10xf32>
    affine.for %j = 0 to 10 {
      affine.store %v, %B[%i, %j] : memref<10x10xf32>
    }
  }
  return
}

// -----

// A top-level load feeding a loop: kept in place, as it depends on the memory state.
// CHECK-LABEL: func.func @top_level_load(
// CHECK-NEXT:    %[[V:.*]] = affine.load
// CHECK-NEXT:    affine.for
// expected-remark@below {{polyhedral-schedule: the value of 'affine.load' flows from one statement into another}}
func.func @top_level_load(%A: memref<10xf32>) {
  %v = affine.load %A[0] : memref<10xf32>
  affine.for %i = 0 to 10 {
    affine.store %v, %A[%i] : memref<10xf32>
  }
  return
}

// -----

// A memref.load is not an affine access: the element it reads is unknown.
// CHECK-LABEL: func.func @non_affine_load(
// CHECK:         memref.load
// expected-remark@below {{polyhedral-schedule: 'memref.load' accesses memory outside the affine model}}
func.func @non_affine_load(%A: memref<10xf32>, %I: memref<10xindex>) {
  affine.for %i = 0 to 10 {
    %k = memref.load %I[%i] : memref<10xindex>
    %v = affine.load %A[%i] : memref<10xf32>
    affine.store %v, %A[%i] : memref<10xf32>
  }
  return
}

// -----

// Two views of one buffer may overlap: the dependences between them are unknown.
// CHECK-LABEL: func.func @aliasing_views(
// CHECK:         memref.subview
// CHECK-NEXT:    affine.for
// expected-remark@below {{polyhedral-schedule: %view and %A may alias}}
func.func @aliasing_views(%A: memref<20xf32>) {
  %view = memref.subview %A[1] [10] [1] : memref<20xf32> to memref<10xf32, strided<[1], offset: 1>>
  affine.for %i = 0 to 10 {
    %v = affine.load %A[%i] : memref<20xf32>
    affine.store %v, %view[%i] : memref<10xf32, strided<[1], offset: 1>>
  }
  return
}

// -----

// An scf.for inside an affine nest is not an affine construct.
// CHECK-LABEL: func.func @scf_loop(
// CHECK:         scf.for
// expected-remark@below {{polyhedral-schedule: 'scf.for' is not an affine construct}}
func.func @scf_loop(%A: memref<10xf32>, %x: f32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c10 = arith.constant 10 : index
  affine.for %i = 0 to 10 {
    scf.for %j = %c0 to %c10 step %c1 {
      memref.store %x, %A[%j] : memref<10xf32>
    }
  }
  return
}
