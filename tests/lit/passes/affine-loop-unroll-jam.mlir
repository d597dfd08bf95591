// affine-loop-unroll-jam; the twin RUN lines run MLIR's own pass through the same checks.
// RUN: irkit-opt %s --allow-unregistered-dialect --pass-pipeline='builtin.module(func.func(affine-loop-unroll-jam))' -split-input-file | FileCheck %s
// RUN: %if mlir-opt %{ mlir-opt %s --allow-unregistered-dialect --pass-pipeline='builtin.module(func.func(affine-loop-unroll-jam))' -split-input-file | irkit-opt --allow-unregistered-dialect -split-input-file | FileCheck %s %}
// RUN: irkit-opt %s --allow-unregistered-dialect --pass-pipeline='builtin.module(func.func(affine-loop-unroll-jam{unroll-jam-factor=3}))' -split-input-file | FileCheck %s --check-prefix=JAM3
// RUN: %if mlir-opt %{ mlir-opt %s --allow-unregistered-dialect --pass-pipeline='builtin.module(func.func(affine-loop-unroll-jam{unroll-jam-factor=3}))' -split-input-file | irkit-opt --allow-unregistered-dialect -split-input-file | FileCheck %s --check-prefix=JAM3 %}

// Each run of non-loop ops is followed by its copies; the inner loops are shared. With
// factor 3, the single leftover iteration (9) is promoted after the loop.
// CHECK-LABEL: func @jam
// CHECK-NEXT:   affine.for %[[I:.*]] = 0 to 8 step 4 {
// CHECK-NEXT:     arith.constant
// CHECK-NEXT:     affine.store %{{.*}}, %{{.*}}[%[[I]], 0]
// CHECK-NEXT:     %[[I1:.*]] = affine.apply affine_map<(d0) -> (d0 + 1)>(%[[I]])
// CHECK-NEXT:     arith.constant
// CHECK-NEXT:     affine.store %{{.*}}, %{{.*}}[%[[I1]], 0]
// CHECK-NEXT:     %[[I2:.*]] = affine.apply affine_map<(d0) -> (d0 + 2)>(%[[I]])
// CHECK-NEXT:     arith.constant
// CHECK-NEXT:     affine.store %{{.*}}, %{{.*}}[%[[I2]], 0]
// CHECK-NEXT:     %[[I3:.*]] = affine.apply affine_map<(d0) -> (d0 + 3)>(%[[I]])
// CHECK-NEXT:     arith.constant
// CHECK-NEXT:     affine.store %{{.*}}, %{{.*}}[%[[I3]], 0]
// CHECK-NEXT:     affine.for %[[J:.*]] = 0 to 64 {
// CHECK-NEXT:       affine.for %[[K:.*]] = 0 to 64 {
// CHECK-NEXT:         affine.load %{{.*}}[%[[I]], %[[K]]]
// CHECK-COUNT-5:      {{^ *}}{{%|affine.store}}
// CHECK-NEXT:         %[[K1:.*]] = affine.apply affine_map<(d0) -> (d0 + 1)>(%[[I]])
// CHECK-NEXT:         affine.load %{{.*}}[%[[K1]], %[[K]]]
// CHECK:              affine.apply affine_map<(d0) -> (d0 + 3)>(%[[I]])
// CHECK:            }
// CHECK-NEXT:       %[[W:.*]] = affine.load %{{.*}}[%[[I]], %[[J]]]
// CHECK-NEXT:       "test.use"(%[[W]])
// CHECK-NEXT:       %[[J1:.*]] = affine.apply affine_map<(d0) -> (d0 + 1)>(%[[I]])
// CHECK-NEXT:       affine.load %{{.*}}[%[[J1]], %[[J]]]
// CHECK:          }
// CHECK-NEXT:   }
// CHECK-NEXT:   affine.for %[[R:.*]] = 8 to 10 {
// JAM3-LABEL: func @jam
// JAM3-NEXT:  %[[C9:.*]] = arith.constant 9 : index
// JAM3-NEXT:  affine.for %{{.*}} = 0 to 9 step 3 {
// JAM3:       affine.store %{{.*}}, %{{.*}}[%[[C9]], 0]
// JAM3-NEXT:  affine.for
func.func @jam(%A: memref<64x64xf32>, %B: memref<64x64xf32>, %C: memref<64x64xf32>) {
  affine.for %i = 0 to 10 {
    %z = arith.constant 0.0 : f32
    affine.store %z, %C[%i, 0] : memref<64x64xf32>
    affine.for %j = 0 to 64 {
      affine.for %k = 0 to 64 {
        %a = affine.load %A[%i, %k] : memref<64x64xf32>
        %b = affine.load %B[%k, %j] : memref<64x64xf32>
        %c = affine.load %C[%i, %j] : memref<64x64xf32>
        %p = arith.mulf %a, %b : f32
        %s = arith.addf %c, %p : f32
        affine.store %s, %C[%i, %j] : memref<64x64xf32>
      }
      %w = affine.load %C[%i, %j] : memref<64x64xf32>
      "test.use"(%w) : (f32) -> ()
    }
  }
  return
}

// -----

// A symbolic trip count: cleanup loop from (n floordiv 4) * 4.
// CHECK-LABEL: func @symbolic
// CHECK-SAME: (%[[A:.*]]: memref<?x?xf32>, %[[N:.*]]: index, %[[M:.*]]: index)
// CHECK-NEXT:   affine.for %[[I:.*]] = 0 to affine_map<()[s0] -> ((s0 floordiv 4) * 4)>()[%[[N]]] step 4 {
// CHECK-NEXT:     affine.for %[[J:.*]] = 0 to %[[M]] {
// CHECK-NEXT:       affine.load %[[A]][%[[I]], %[[J]]]
// CHECK-NEXT:       arith.addf
// CHECK-NEXT:       affine.store
// CHECK-NEXT:       affine.apply affine_map<(d0) -> (d0 + 1)>(%[[I]])
// CHECK:        affine.for %{{.*}} = affine_map<()[s0] -> ((s0 floordiv 4) * 4)>()[%[[N]]] to %[[N]] {
func.func @symbolic(%A: memref<?x?xf32>, %n: index, %m: index) {
  affine.for %i = 0 to %n {
    affine.for %j = 0 to %m {
      %a = affine.load %A[%i, %j] : memref<?x?xf32>
      %s = arith.addf %a, %a : f32
      affine.store %s, %A[%i, %j] : memref<?x?xf32>
    }
  }
  return
}

// -----

// An inner loop with iter_args gets one set per copy.
// JAM3-LABEL: func @inner_iter_args
// JAM3:         affine.for %[[I:.*]] = 0 to 9 step 3 {
// JAM3-NEXT:      affine.for %[[J:.*]] = 0 to 8 {
// JAM3-NEXT:        %[[C0:.*]] = affine.load %{{.*}}[%[[I]], %[[J]]]
// JAM3-NEXT:        %[[I1:.*]] = affine.apply affine_map<(d0) -> (d0 + 1)>(%[[I]])
// JAM3-NEXT:        %[[C1:.*]] = affine.load %{{.*}}[%[[I1]], %[[J]]]
// JAM3-NEXT:        %[[I2:.*]] = affine.apply affine_map<(d0) -> (d0 + 2)>(%[[I]])
// JAM3-NEXT:        %[[C2:.*]] = affine.load %{{.*}}[%[[I2]], %[[J]]]
// JAM3-NEXT:        %[[R:.*]]:3 = affine.for %{{.*}} = 0 to 8 iter_args(%[[A0:.*]] = %[[C0]], %[[A1:.*]] = %[[C1]], %[[A2:.*]] = %[[C2]]) -> (f32, f32, f32) {
// JAM3:               %[[S0:.*]] = arith.addf %[[A0]], %{{.*}} : f32
// JAM3:               %[[S1:.*]] = arith.addf %[[A1]], %{{.*}} : f32
// JAM3:               %[[S2:.*]] = arith.addf %[[A2]], %{{.*}} : f32
// JAM3-NEXT:          affine.yield %[[S0]], %[[S1]], %[[S2]] : f32, f32, f32
// JAM3-NEXT:        }
// JAM3-NEXT:        affine.store %[[R]]#0, %{{.*}}[%[[I]], %[[J]]]
// JAM3-NEXT:        %[[I1B:.*]] = affine.apply affine_map<(d0) -> (d0 + 1)>(%[[I]])
// JAM3-NEXT:        affine.store %[[R]]#1, %{{.*}}[%[[I1B]], %[[J]]]
func.func @inner_iter_args(%A: memref<9x8xf32>, %B: memref<8x8xf32>, %C: memref<9x8xf32>) {
  affine.for %i = 0 to 9 {
    affine.for %j = 0 to 8 {
      %0 = affine.load %C[%i, %j] : memref<9x8xf32>
      %1 = affine.for %k = 0 to 8 iter_args(%c = %0) -> (f32) {
        %a = affine.load %A[%i, %k] : memref<9x8xf32>
        %b = affine.load %B[%k, %j] : memref<8x8xf32>
        %p = arith.mulf %a, %b : f32
        %s = arith.addf %c, %p : f32
        affine.yield %s : f32
      }
      affine.store %1, %C[%i, %j] : memref<9x8xf32>
    }
  }
  return
}

// -----

// Refused as in MLIR, without a remark: a trip count below the factor; an inner bound
// defined inside the loop. Only the first op of the entry block is looked at.
// CHECK-LABEL: func @refused_like_mlir
// CHECK-NEXT:   affine.for %{{.*}} = 0 to 3 {
// CHECK:        affine.for %{{.*}} = 0 to 16 {
// CHECK-NEXT:     affine.for %{{.*}} = 0 to affine_map<(d0) -> (d0)>(%{{.*}}) {
func.func @refused_like_mlir(%A: memref<16xf32>, %x: f32) {
  affine.for %i = 0 to 3 {
    affine.store %x, %A[%i] : memref<16xf32>
  }
  affine.for %i = 0 to 16 {
    affine.for %j = 0 to affine_map<(d0) -> (d0)>(%i) {
      affine.store %x, %A[%j] : memref<16xf32>
    }
  }
  return
}
