// What affine-loop-unroll-jam refuses where MLIR 22 does not check (and would produce
// wrong code): a remark on the loop, which stays as it is.
// RUN: irkit-opt %s --allow-unregistered-dialect --pass-pipeline='builtin.module(func.func(affine-loop-unroll-jam))' -split-input-file --verify-diagnostics | FileCheck %s
// RUN: not irkit-opt %s --pass-pipeline='builtin.module(func.func(affine-loop-unroll-jam{unroll-jam-factor=0}))' 2>&1 | FileCheck %s --check-prefix=ZERO
// ZERO: error: affine-loop-unroll-jam: invalid unroll-jam-factor 0

// The store of B[i][j] after the k loop feeds the load of B[k][j] at a later i: jamming
// would run that load first.
// CHECK-LABEL: func @dependence_across_sub_blocks
// CHECK-NEXT:   affine.for %{{.*}} = 0 to 8 {
func.func @dependence_across_sub_blocks(%A: memref<64x64xf32>, %B: memref<64x64xf32>) {
  // expected-remark @below {{affine-loop-unroll-jam: unroll-and-jam would violate a flow dependence from 'affine.store' to 'affine.load' on %B}}
  affine.for %i = 0 to 8 {
    affine.for %j = 0 to 64 {
      affine.for %k = 0 to 8 {
        %b = affine.load %B[%k, %j] : memref<64x64xf32>
        affine.store %b, %A[%i, %j] : memref<64x64xf32>
      }
      %w = affine.load %A[%i, %j] : memref<64x64xf32>
      affine.store %w, %B[%i, %j] : memref<64x64xf32>
    }
  }
  return
}

// -----

// A[i][j] = A[i-1][j+1]: distance (1, -1), which unroll-and-jam would reverse.
// CHECK-LABEL: func @negative_inner_distance
// CHECK-NEXT:   affine.for %{{.*}} = 1 to 64 {
func.func @negative_inner_distance(%A: memref<64x64xf32>) {
  // expected-remark @below {{affine-loop-unroll-jam: unroll-and-jam would violate a flow dependence from 'affine.store' to 'affine.load' on %A with distances [1, 1][-1, -1]}}
  affine.for %i = 1 to 64 {
    affine.for %j = 0 to 63 {
      %v = affine.load %A[%i - 1, %j + 1] : memref<64x64xf32>
      affine.store %v, %A[%i, %j] : memref<64x64xf32>
    }
  }
  return
}

// -----

// Distance (1, 1) stays lexicographically positive after jamming: allowed.
// CHECK-LABEL: func @positive_inner_distance
// CHECK-NEXT:   affine.for %{{.*}} = 1 to 65 step 4 {
func.func @positive_inner_distance(%A: memref<65x65xf32>) {
  affine.for %i = 1 to 65 {
    affine.for %j = 1 to 65 {
      %v = affine.load %A[%i - 1, %j - 1] : memref<65x65xf32>
      affine.store %v, %A[%i, %j] : memref<65x65xf32>
    }
  }
  return
}

// -----

// CHECK-LABEL: func @iter_args
// CHECK-NEXT:   affine.for %{{.*}} = 0 to 8 iter_args
func.func @iter_args(%A: memref<8xf32>, %x: f32) -> f32 {
  // expected-remark @below {{affine-loop-unroll-jam: a loop with iter_args is not unroll-jammed}}
  %r = affine.for %i = 0 to 8 iter_args(%acc = %x) -> f32 {
    %v = affine.load %A[%i] : memref<8xf32>
    %s = arith.addf %acc, %v : f32
    affine.yield %s : f32
  }
  return %r : f32
}
