// Ops that lower-affine reports instead of lowering, because xDSL lacks a target that
// MLIR's passes and parser would accept: affine.prefetch (no memref.prefetch) and
// affine.dma_start/dma_wait (xDSL's memref.dma_start/dma_wait have neither MLIR's syntax
// nor its strided form). mlir-opt lowers all three. Nothing is rewritten, and irkit-opt
// exits with status 1.
//
// UNSUPPORTED: reference-mlir-opt
// RUN: irkit-opt %s --split-input-file --verify-diagnostics --lower-affine
// RUN: not irkit-opt %s --split-input-file --lower-affine 2>&1 >/dev/null | FileCheck %s

func.func @prefetch(%A: memref<400x400xi32>, %i: index) {
  // expected-error @+1 {{'affine.prefetch' cannot be lowered: there is no 'memref.prefetch' op}}
  affine.prefetch %A[%i, %i + 5], read, locality<3>, data : memref<400x400xi32>
  return
}

// CHECK:     unsupported-ops.mlir:13:3: error: 'affine.prefetch' cannot be lowered: there is no 'memref.prefetch' op
// CHECK-NOT: Traceback

// -----

func.func @dma(%src: memref<40x128xf32>, %dst: memref<2x1024xf32, 1>, %tag: memref<1xi32>, %i: index, %n: index) {
  %c0 = arith.constant 0 : index
  // expected-error @+1 {{'affine.dma_start' cannot be lowered: there is no MLIR-compatible 'memref.dma_start' op}}
  affine.dma_start %src[%i, %i + 1], %dst[%c0, %i], %tag[%c0], %n : memref<40x128xf32>, memref<2x1024xf32, 1>, memref<1xi32>
  // expected-error @+1 {{'affine.dma_wait' cannot be lowered: there is no MLIR-compatible 'memref.dma_wait' op}}
  affine.dma_wait %tag[%c0], %n : memref<1xi32>
  return
}

// CHECK:     unsupported-ops.mlir:25:3: error: 'affine.dma_start' cannot be lowered
// CHECK:     unsupported-ops.mlir:27:3: error: 'affine.dma_wait' cannot be lowered
// CHECK-NOT: Traceback
