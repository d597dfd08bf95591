// What affine-super-vectorize leaves alone, silently as MLIR does (--verify-diagnostics
// checks that no remark is emitted), and its option errors.
// UNSUPPORTED: reference-mlir-opt
// RUN: irkit-opt %s --pass-pipeline='builtin.module(affine-super-vectorize{virtual-vector-size=4})' --verify-diagnostics | FileCheck %s
// RUN: irkit-opt %s --pass-pipeline='builtin.module(affine-super-vectorize{virtual-vector-size=4 vectorize-reductions=true})' | FileCheck %s --check-prefix=NOVEC
// RUN: not irkit-opt %s --pass-pipeline='builtin.module(affine-super-vectorize{virtual-vector-size=4,8})' 2>&1 | FileCheck %s --check-prefix=TWO-D
// RUN: not irkit-opt %s --pass-pipeline='builtin.module(affine-super-vectorize)' 2>&1 | FileCheck %s --check-prefix=TWO-D
// RUN: not irkit-opt %s --pass-pipeline='builtin.module(affine-super-vectorize{virtual-vector-size=4 test-fastest-varying=1})' 2>&1 | FileCheck %s --check-prefix=FASTEST

// TWO-D: error: affine-super-vectorize: 'virtual-vector-size' must be one positive size (only 1-D vectorization is supported)
// FASTEST: error: affine-super-vectorize: only 'test-fastest-varying=0' is supported

// Nothing anywhere is vectorized.
// NOVEC-NOT: vector

// A flow dependence carried by the loop: A[i] = A[i - 1].
// CHECK-LABEL: func @loop_carried_dependence
// CHECK-NEXT:    affine.for %{{.*}} = 1 to 64 {
func.func @loop_carried_dependence(%A: memref<64xf32>) {
  affine.for %i = 1 to 64 {
    %a = affine.load %A[%i - 1] : memref<64xf32>
    affine.store %a, %A[%i] : memref<64xf32>
  }
  return
}

// vec_rejected_1: the loop walks a diagonal.
// CHECK-LABEL: func @vec_rejected_1
// CHECK-NEXT:    affine.for %{{.*}} = 0 to 64 {
func.func @vec_rejected_1(%A: memref<64x64xf32>, %B: memref<64xf32>) {
  affine.for %i1 = 0 to 64 {
    %a1 = affine.load %A[%i1, %i1] : memref<64x64xf32>
    affine.store %a1, %B[%i1] : memref<64xf32>
  }
  return
}

// vec_rejected_2: varies along a non-innermost dimension (MLIR would need
// test-fastest-varying=1 and a transfer_read with a permutation map).
// CHECK-LABEL: func @vec_rejected_2
// CHECK-NEXT:    affine.for %{{.*}} = 0 to 64 {
func.func @vec_rejected_2(%A: memref<64x64xf32>, %B: memref<64xf32>) {
  affine.for %i2 = 0 to 64 {
    %a2 = affine.load %A[%i2, 0] : memref<64x64xf32>
    affine.store %a2, %B[%i2] : memref<64xf32>
  }
  return
}

// vec_rejected_5: load and store transposed to each other.
// CHECK-LABEL: func @vec_rejected_5
// CHECK-NEXT:    affine.for %{{.*}} = 0 to 64 {
// CHECK-NEXT:      affine.for %{{.*}} = 0 to 64 {
// CHECK-NEXT:        affine.load
// CHECK-NEXT:        affine.store
func.func @vec_rejected_5(%A: memref<64x64xf32>) {
  affine.for %i10 = 0 to 64 {
    affine.for %i11 = 0 to 64 {
      %a11 = affine.load %A[%i10, %i11] : memref<64x64xf32>
      affine.store %a11, %A[%i11, %i10] : memref<64x64xf32>
    }
  }
  return
}

// A stride of 2 is not contiguous.
// CHECK-LABEL: func @strided
// CHECK-NEXT:    affine.for %{{.*}} = 0 to 32 {
func.func @strided(%A: memref<64xf32>, %B: memref<32xf32>) {
  affine.for %i = 0 to 32 {
    %a = affine.load %A[%i * 2] : memref<64xf32>
    affine.store %a, %B[%i] : memref<32xf32>
  }
  return
}

// An invariant store.
// CHECK-LABEL: func @invariant_store
// CHECK-NEXT:    affine.for %{{.*}} = 0 to 32 {
func.func @invariant_store(%A: memref<32xf32>, %B: memref<1xf32>) {
  affine.for %i = 0 to 32 {
    %a = affine.load %A[%i] : memref<32xf32>
    affine.store %a, %B[0] : memref<1xf32>
  }
  return
}

// The induction variable used as a value.
// CHECK-LABEL: func @iv_as_value
// CHECK-NEXT:    affine.for %{{.*}} = 0 to 32 {
func.func @iv_as_value(%A: memref<32xi32>) {
  affine.for %i = 0 to 32 {
    %v = arith.index_cast %i : index to i32
    affine.store %v, %A[%i] : memref<32xi32>
  }
  return
}

// math.tanh lowers to a scalar libm call: not widened.
// CHECK-LABEL: func @libm_math
// CHECK-NEXT:    affine.for %{{.*}} = 0 to 32 {
func.func @libm_math(%A: memref<32xf32>) {
  affine.for %i = 0 to 32 {
    %a = affine.load %A[%i] : memref<32xf32>
    %t = math.tanh %a : f32
    affine.store %t, %A[%i] : memref<32xf32>
  }
  return
}

// Fewer iterations than the vector size.
// CHECK-LABEL: func @short_loop
// CHECK-NEXT:    affine.for %{{.*}} = 0 to 3 {
func.func @short_loop(%A: memref<3xf32>) {
  affine.for %i = 0 to 3 {
    %a = affine.load %A[%i] : memref<3xf32>
    %b = arith.addf %a, %a : f32
    affine.store %b, %A[%i] : memref<3xf32>
  }
  return
}

// Not a reduction: the iter_arg is used twice.
// CHECK-LABEL: func @not_a_reduction
// CHECK:         affine.for %{{.*}} = 0 to 32 iter_args
func.func @not_a_reduction(%A: memref<32xf32>, %init: f32) -> f32 {
  %r = affine.for %i = 0 to 32 iter_args(%acc = %init) -> (f32) {
    %a = affine.load %A[%i] : memref<32xf32>
    %s = arith.addf %acc, %a : f32
    %t = arith.mulf %s, %acc : f32
    affine.yield %t : f32
  }
  return %r : f32
}
