// affine-loop-tile{separate}: full tiles in the then region of an `affine.if`, partial ones
// in its else region. The twin RUN line runs MLIR's own pass through the same checks.
// RUN: irkit-opt %s --pass-pipeline='builtin.module(func.func(affine-loop-tile{tile-size=32 separate=true}))' | FileCheck %s
// RUN: %if mlir-opt %{ mlir-opt %s --pass-pipeline='builtin.module(func.func(affine-loop-tile{tile-size=32 separate=true}))' | irkit-opt | FileCheck %s %}

// CHECK-LABEL: func @separate
// CHECK-SAME: (%[[A:.*]]: memref<?x?xf32>, %[[B:.*]]: memref<?x?xf32>, %[[N:.*]]: index, %[[M:.*]]: index)
// CHECK-NEXT:   affine.for %[[I:.*]] = 0 to %[[N]] step 32 {
// CHECK-NEXT:     affine.for %[[J:.*]] = 0 to %[[M]] step 32 {
// CHECK-NEXT:       affine.for %[[K:.*]] = 0 to 70 step 32 {
// CHECK-NEXT:         affine.if affine_set<(d0, d1, d2)[s0, s1] : (-d0 + s0 - 32 >= 0, -d1 + s1 - 32 >= 0, -d2 + 38 >= 0)>(%[[I]], %[[J]], %[[K]])[%[[N]], %[[M]]] {
// CHECK-NEXT:           affine.for %{{.*}} = affine_map<(d0) -> (d0)>(%[[I]]) to affine_map<(d0) -> (d0 + 32)>(%[[I]]) {
// CHECK-NEXT:             affine.for %{{.*}} = affine_map<(d0) -> (d0)>(%[[J]]) to affine_map<(d0) -> (d0 + 32)>(%[[J]]) {
// CHECK-NEXT:               affine.for %{{.*}} = affine_map<(d0) -> (d0)>(%[[K]]) to affine_map<(d0) -> (d0 + 32)>(%[[K]]) {
// CHECK-NEXT:                 affine.load
// CHECK-NEXT:                 affine.store
// CHECK-NEXT:               }
// CHECK-NEXT:             }
// CHECK-NEXT:           }
// CHECK-NEXT:         } else {
// CHECK-NEXT:           affine.for %{{.*}} = affine_map<(d0) -> (d0)>(%[[I]]) to min affine_map<(d0)[s0] -> (d0 + 32, s0)>(%[[I]])[%[[N]]] {
// CHECK-NEXT:             affine.for %{{.*}} = affine_map<(d0) -> (d0)>(%[[J]]) to min affine_map<(d0)[s0] -> (d0 + 32, s0)>(%[[J]])[%[[M]]] {
// CHECK-NEXT:               affine.for %{{.*}} = affine_map<(d0) -> (d0)>(%[[K]]) to min affine_map<(d0) -> (d0 + 32, 70)>(%[[K]]) {
func.func @separate(%A: memref<?x?xf32>, %B: memref<?x?xf32>, %n: index, %m: index) {
  affine.for %i = 0 to %n {
    affine.for %j = 0 to %m {
      affine.for %k = 0 to 70 {
        %v = affine.load %A[%i, %j] : memref<?x?xf32>
        affine.store %v, %B[%k, %j] : memref<?x?xf32>
      }
    }
  }
  return
}

// Every tile is full: the condition always holds.
// CHECK-LABEL: func @always_full
// CHECK:         affine.if affine_set<() : (0 == 0)>() {
// CHECK-NEXT:      affine.for %{{.*}} = affine_map<(d0) -> (d0)>(%{{.*}}) to affine_map<(d0) -> (d0 + 32)>(%{{.*}}) {
// CHECK:         } else {
// CHECK-NEXT:      affine.for %{{.*}} = affine_map<(d0) -> (d0)>(%{{.*}}) to affine_map<(d0) -> (d0 + 32)>(%{{.*}}) {
func.func @always_full(%A: memref<64xf32>, %x: f32) {
  affine.for %i = 0 to 64 {
    affine.store %x, %A[%i] : memref<64xf32>
  }
  return
}
