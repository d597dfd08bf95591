// What affine-loop-tile refuses, with a remark on the band's outermost loop. MLIR 22 tiles
// the first band anyway (its pass no longer checks dependences); irkit does not.
// RUN: irkit-opt %s --pass-pipeline='builtin.module(func.func(affine-loop-tile{tile-size=4}))' --verify-diagnostics | FileCheck %s
// RUN: not irkit-opt %s --pass-pipeline='builtin.module(func.func(affine-loop-tile{tile-size=0}))' 2>&1 | FileCheck %s --check-prefix=ZERO

// ZERO: error: affine-loop-tile: tile sizes and the cache size must be positive

// A[i][j] = A[i-1][j+1]: distance (1, -1), so the band is not fully permutable.
// CHECK-LABEL: func @skewed_dependence
// CHECK-NEXT:   affine.for %{{.*}} = 1 to 64 {
// CHECK-NEXT:     affine.for %{{.*}} = 0 to 63 {
// CHECK-NEXT:       affine.load
// CHECK-NEXT:       affine.store
func.func @skewed_dependence(%A: memref<64x64xf32>) {
  // expected-remark @below {{tiling nest is invalid due to dependences: band is not fully permutable: flow dependence from 'affine.store' to 'affine.load' on %A}}
  affine.for %i = 1 to 64 {
    affine.for %j = 0 to 63 {
      %v = affine.load %A[%i - 1, %j + 1] : memref<64x64xf32>
      affine.store %v, %A[%i, %j] : memref<64x64xf32>
    }
  }
  return
}

// CHECK-LABEL: func @triangular
// CHECK-NEXT:   affine.for %[[I:.*]] = 0 to 64 {
// CHECK-NEXT:     affine.for %{{.*}} = 0 to affine_map<(d0) -> (d0)>(%[[I]]) {
func.func @triangular(%A: memref<64x64xf32>, %x: f32) {
  // expected-remark @below {{Non-hyperrectangular nests not supported for tiling!}}
  affine.for %i = 0 to 64 {
    affine.for %j = 0 to affine_map<(d0) -> (d0)>(%i) {
      affine.store %x, %A[%i, %j] : memref<64x64xf32>
    }
  }
  return
}

// CHECK-LABEL: func @reduction_iter_args
// CHECK-NEXT:   affine.for %{{.*}} = 0 to 64 iter_args
func.func @reduction_iter_args(%A: memref<64xf32>, %x: f32) -> f32 {
  // expected-remark @below {{affine-loop-tile: loops with iter_args are not tiled}}
  %r = affine.for %i = 0 to 64 iter_args(%acc = %x) -> f32 {
    %v = affine.load %A[%i] : memref<64xf32>
    %s = arith.addf %acc, %v : f32
    affine.yield %s : f32
  }
  return %r : f32
}

// A dependence with only non-negative distances (1, 1) does not prevent tiling.
// CHECK-LABEL: func @forward_dependence
// CHECK-NEXT:   affine.for %{{.*}} = 1 to 64 step 4 {
func.func @forward_dependence(%A: memref<64x64xf32>) {
  affine.for %i = 1 to 64 {
    affine.for %j = 1 to 64 {
      %v = affine.load %A[%i - 1, %j - 1] : memref<64x64xf32>
      affine.store %v, %A[%i, %j] : memref<64x64xf32>
    }
  }
  return
}
