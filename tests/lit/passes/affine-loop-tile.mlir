// affine-loop-tile; every RUN line has a twin running MLIR's own pass through the same checks.
// RUN: irkit-opt %s --pass-pipeline='builtin.module(func.func(affine-loop-tile{tile-size=32}))' | FileCheck %s
// RUN: %if mlir-opt %{ mlir-opt %s --pass-pipeline='builtin.module(func.func(affine-loop-tile{tile-size=32}))' | irkit-opt | FileCheck %s %}
// RUN: irkit-opt %s --pass-pipeline='builtin.module(func.func(affine-loop-tile{tile-sizes=16,3}))' | FileCheck %s --check-prefix=SIZES
// RUN: %if mlir-opt %{ mlir-opt %s --pass-pipeline='builtin.module(func.func(affine-loop-tile{tile-sizes=16,3}))' | irkit-opt | FileCheck %s --check-prefix=SIZES %}
// RUN: irkit-opt %s --pass-pipeline='builtin.module(func.func(affine-loop-tile{cache-size=64}))' | FileCheck %s --check-prefix=CACHE
// RUN: %if mlir-opt %{ mlir-opt %s --pass-pipeline='builtin.module(func.func(affine-loop-tile{cache-size=64}))' 2>/dev/null | irkit-opt | FileCheck %s --check-prefix=CACHE %}

// 256 is divided by 32: no `min`; 250 is not.
// CHECK-LABEL: func @matmul
// CHECK-NEXT:   affine.for %[[I:.*]] = 0 to 256 step 32 {
// CHECK-NEXT:     affine.for %[[J:.*]] = 0 to 256 step 32 {
// CHECK-NEXT:       affine.for %[[K:.*]] = 0 to 250 step 32 {
// CHECK-NEXT:         affine.for %[[II:.*]] = affine_map<(d0) -> (d0)>(%[[I]]) to affine_map<(d0) -> (d0 + 32)>(%[[I]]) {
// CHECK-NEXT:           affine.for %[[JJ:.*]] = affine_map<(d0) -> (d0)>(%[[J]]) to affine_map<(d0) -> (d0 + 32)>(%[[J]]) {
// CHECK-NEXT:             affine.for %[[KK:.*]] = affine_map<(d0) -> (d0)>(%[[K]]) to min affine_map<(d0) -> (d0 + 32, 250)>(%[[K]]) {
// CHECK-NEXT:               affine.load %{{.*}}[%[[II]], %[[KK]]]
// CHECK-NEXT:               affine.load %{{.*}}[%[[KK]], %[[JJ]]]
// CHECK-NEXT:               affine.load %{{.*}}[%[[II]], %[[JJ]]]
// CHECK-NEXT:               arith.mulf
// CHECK-NEXT:               arith.addf
// CHECK-NEXT:               affine.store %{{.*}}, %{{.*}}[%[[II]], %[[JJ]]]
// CHECK-NEXT:             }
// CHECK-NEXT:           }
// CHECK-NEXT:         }
// CHECK-NEXT:       }
// CHECK-NEXT:     }
// CHECK-NEXT:   }
// SIZES-LABEL: func @matmul
// SIZES-NEXT:   affine.for %[[I:.*]] = 0 to 256 step 16 {
// SIZES-NEXT:     affine.for %[[J:.*]] = 0 to 256 step 3 {
// SIZES-NEXT:       affine.for %[[K:.*]] = 0 to 250 step 4 {
// SIZES-NEXT:         affine.for %{{.*}} = affine_map<(d0) -> (d0)>(%[[I]]) to affine_map<(d0) -> (d0 + 16)>(%[[I]]) {
// SIZES-NEXT:           affine.for %{{.*}} = affine_map<(d0) -> (d0)>(%[[J]]) to min affine_map<(d0) -> (d0 + 3, 256)>(%[[J]]) {
// SIZES-NEXT:             affine.for %{{.*}} = affine_map<(d0) -> (d0)>(%[[K]]) to min affine_map<(d0) -> (d0 + 4, 250)>(%[[K]]) {
// The footprint, 774144 bytes, is 12 times 64 KiB (rounded up): tiles 2, 2 and 12 / 4 = 3,
// lowered to 2, a divisor of 250.
// CACHE-LABEL: func @matmul
// CACHE-NEXT:   affine.for %[[I:.*]] = 0 to 256 step 2 {
// CACHE-NEXT:     affine.for %[[J:.*]] = 0 to 256 step 2 {
// CACHE-NEXT:       affine.for %[[K:.*]] = 0 to 250 step 2 {
// CACHE-NEXT:         affine.for %{{.*}} = affine_map<(d0) -> (d0)>(%[[I]]) to affine_map<(d0) -> (d0 + 2)>(%[[I]]) {
func.func @matmul(%A: memref<256x256xf32>, %B: memref<256x256xf32>, %C: memref<256x256xf32>) {
  affine.for %i = 0 to 256 {
    affine.for %j = 0 to 256 {
      affine.for %k = 0 to 250 {
        %a = affine.load %A[%i, %k] : memref<256x256xf32>
        %b = affine.load %B[%k, %j] : memref<256x256xf32>
        %c = affine.load %C[%i, %j] : memref<256x256xf32>
        %p = arith.mulf %a, %b : f32
        %s = arith.addf %c, %p : f32
        affine.store %s, %C[%i, %j] : memref<256x256xf32>
      }
    }
  }
  return
}

// Symbolic bounds get a `min` with the original bound; a trip count below the tile size
// gives `iv + trip count * step`; the original steps are kept inside the tiles. Loops that
// are not perfectly nested are not part of the band.
// CHECK-LABEL: func @symbolic
// CHECK-SAME: (%[[M:.*]]: memref<?xf32>, %[[N:.*]]: index)
// CHECK-NEXT:   affine.for %[[I:.*]] = 0 to %[[N]] step 64 {
// CHECK-NEXT:     affine.for %[[J:.*]] = 0 to 10 step 32 {
// CHECK-NEXT:       affine.for %[[II:.*]] = affine_map<(d0) -> (d0)>(%[[I]]) to min affine_map<(d0)[s0] -> (d0 + 64, s0)>(%[[I]])[%[[N]]] step 2 {
// CHECK-NEXT:         affine.for %[[JJ:.*]] = affine_map<(d0) -> (d0)>(%[[J]]) to affine_map<(d0) -> (d0 + 10)>(%[[J]]) {
// CHECK-NEXT:           affine.load %[[M]][%[[II]]]
// CHECK-NEXT:           affine.store %{{.*}}, %[[M]][%[[II]]]
// CHECK-NEXT:           affine.for %{{.*}} = 0 to 5 {
// CHECK:      }
// An unknown footprint (a symbolic size) gives 4s, lowered to divisors of constant trip
// counts.
// CACHE-LABEL: func @symbolic
// CACHE-NEXT:   affine.for %{{.*}} = 0 to %{{.*}} step 8 {
// CACHE-NEXT:     affine.for %{{.*}} = 0 to 10 step 2 {
func.func @symbolic(%M: memref<?xf32>, %n: index) {
  affine.for %i = 0 to %n step 2 {
    affine.for %j = 0 to 10 {
      %v = affine.load %M[%i] : memref<?xf32>
      affine.store %v, %M[%i] : memref<?xf32>
      affine.for %k = 0 to 5 {
      }
    }
  }
  return
}
