// affine-loop-fusion leaves nests unchanged when fusing would violate a dependence; with
// test-remarks=true it says why on the consumer loop.
//
// RUN: irkit-opt %s --split-input-file '--affine-loop-fusion=test-remarks=true' --verify-diagnostics | FileCheck %s
// RUN: not irkit-opt %s '--affine-loop-fusion=mode=bogus' 2>&1 | FileCheck %s --check-prefix=OPTION
// RUN: not irkit-opt %s '--affine-loop-fusion=fusion-fast-mem-space=1' 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// UNSUPPORTED: reference-mlir-opt

// OPTION: invalid options for pass 'affine-loop-fusion': mode=bogus is not one of greedy, producer, sibling
// UNKNOWN: invalid options for pass 'affine-loop-fusion'

// The producer reads B[i - 1], which the consumer writes at j = i - 1: fused, the read
// would come after the write.
// CHECK-LABEL: func.func @anti_dependence_refused(
// CHECK-NEXT:    affine.for %[[I:.*]] = 1 to 10 {
// CHECK-NEXT:      affine.load %{{.*}}[%[[I]] - 1]
// CHECK-NEXT:      affine.store %{{.*}}, %{{.*}}[%[[I]]]
// CHECK-NEXT:    }
// CHECK-NEXT:    affine.for %[[J:.*]] = 1 to 10 {
// CHECK-NEXT:      affine.load %{{.*}}[%[[J]]]
// CHECK-NEXT:      affine.store %{{.*}}, %{{.*}}[%[[J]]]
// CHECK-NEXT:    }
func.func @anti_dependence_refused(%A: memref<11xf32>, %B: memref<11xf32>) {
  affine.for %i = 1 to 10 {
    %b = affine.load %B[%i - 1] : memref<11xf32>
    affine.store %b, %A[%i] : memref<11xf32>
  }
  // expected-remark@below {{fusion of 'affine.for' into this loop nest refused: it would violate the anti dependence from 'affine.load' to 'affine.store' on %B}}
  affine.for %j = 1 to 10 {
    %a = affine.load %A[%j] : memref<11xf32>
    affine.store %a, %B[%j] : memref<11xf32>
  }
  return
}

// -----

// From MLIR's should_not_fuse_would_create_cycle: the middle nest depends on the first
// (WAR on %a) and the last depends on it (RAW on %c).
// CHECK-LABEL: func.func @should_not_fuse_would_create_cycle() {
// CHECK-COUNT-3: affine.for %{{.*}} = 0 to 10 {
func.func @should_not_fuse_would_create_cycle() {
  %a = memref.alloc() : memref<10xf32>
  %b = memref.alloc() : memref<10xf32>
  %c = memref.alloc() : memref<10xf32>
  %cf7 = arith.constant 7.0 : f32
  affine.for %i0 = 0 to 10 {
    %v0 = affine.load %a[%i0] : memref<10xf32>
    affine.store %cf7, %b[%i0] : memref<10xf32>
  }
  affine.for %i1 = 0 to 10 {
    affine.store %cf7, %a[%i1] : memref<10xf32>
    %v1 = affine.load %c[%i1] : memref<10xf32>
  }
  // expected-remark@below {{fusion of 'affine.for' into this loop nest refused: the ops between the nests depend on both: anti dependence from 'affine.load' to 'affine.store' on %a}}
  affine.for %i2 = 0 to 10 {
    %v2 = affine.load %b[%i2] : memref<10xf32>
    affine.store %cf7, %c[%i2] : memref<10xf32>
  }
  return
}
