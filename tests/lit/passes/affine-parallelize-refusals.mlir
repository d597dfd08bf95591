// affine-parallelize leaves alone, with a remark, the loops whose memory accesses the
// dependence analysis cannot model exactly.
//
// RUN: irkit-opt %s --split-input-file --affine-parallelize --verify-diagnostics | FileCheck %s
// UNSUPPORTED: reference-mlir-opt

// A memref.load is not an affine access: its element is unknown.
// CHECK-LABEL: func.func @non_affine_load(
// CHECK:         affine.for
// CHECK-NOT:     affine.parallel
func.func @non_affine_load(%A: memref<10xf32>, %I: memref<10xindex>) {
  // expected-remark@below {{cannot parallelize: 'memref.load' accesses memory outside the affine model}}
  affine.for %i = 0 to 10 {
    %c0 = arith.constant 0 : index
    %k = memref.load %I[%c0] : memref<10xindex>
    %v = affine.load %A[%i] : memref<10xf32>
    affine.store %v, %A[%i] : memref<10xf32>
  }
  return
}

// -----

func.func private @update(memref<10xf32>)

// A call may read and write its memref operands anywhere.
// CHECK-LABEL: func.func @call_in_loop(
// CHECK:         affine.for
// CHECK-NOT:     affine.parallel
func.func @call_in_loop(%A: memref<10xf32>) {
  // expected-remark@below {{cannot parallelize: 'func.call' may have unknown memory effects}}
  affine.for %i = 0 to 10 {
    func.call @update(%A) : (memref<10xf32>) -> ()
  }
  return
}

// -----

// Two views of one buffer may overlap: the analysis does not relate their elements.
// CHECK-LABEL: func.func @aliasing_views(
// CHECK:         affine.for
// CHECK-NOT:     affine.parallel
func.func @aliasing_views(%A: memref<20xf32>) {
  %view = memref.subview %A[1] [10] [1] : memref<20xf32> to memref<10xf32, strided<[1], offset: 1>>
  // expected-remark@below {{cannot parallelize: %view and %A may alias}}
  affine.for %i = 0 to 10 {
    %v = affine.load %A[%i] : memref<20xf32>
    affine.store %v, %view[%i] : memref<10xf32, strided<[1], offset: 1>>
  }
  return
}
