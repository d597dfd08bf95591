// affine-data-copy-generate: cases ported from MLIR's Affine/affine-data-copy.mlir. Unlike
// MLIR, copies are not hoisted out of loops in which the region is invariant (the result
// matrix below is copied inside %k), and the copy loops walk the region's bounding box.
// UNSUPPORTED: reference-mlir-opt
// RUN: irkit-opt %s --pass-pipeline='builtin.module(affine-data-copy-generate{fast-mem-space=0 skip-non-unit-stride-loops=true})' | FileCheck %s
// MLIR 22 reads the result back.
// RUN: %if mlir-opt %{ irkit-opt %s --pass-pipeline='builtin.module(affine-data-copy-generate{fast-mem-space=0 skip-non-unit-stride-loops=true})' | mlir-opt | irkit-opt | FileCheck %s %}
// RUN: irkit-opt %s --pass-pipeline='builtin.module(affine-data-copy-generate{fast-mem-space=0 fast-mem-capacity=1})' | FileCheck %s --check-prefix=CHECK-SMALL
// RUN: irkit-opt %s --pass-pipeline='builtin.module(affine-data-copy-generate)' | FileCheck %s --check-prefix=SPACE
// RUN: not irkit-opt %s --pass-pipeline='builtin.module(affine-data-copy-generate{generate-dma=true})' 2>&1 | FileCheck %s --check-prefix=DMA

// DMA: error: affine-data-copy-generate: 'generate-dma=true' is not supported (irkit generates point-wise copy loops only)

#id = affine_map<(d0) -> (d0)>
#ub = affine_map<(d0) -> (d0 + 128)>

// Tiles of 128x128 of each matrix, at the depth of the innermost tile loop.
// CHECK-LABEL: func @matmul
// CHECK:       affine.for %[[I:.*]] = 0 to 4096 step 128 {
// CHECK-NEXT:    affine.for %[[J:.*]] = 0 to 4096 step 128 {
// CHECK-NEXT:      affine.for %[[K:.*]] = 0 to 4096 step 128 {
// LHS copy-in.
// CHECK-NEXT:        %[[BUFA:.*]] = memref.alloc() : memref<128x128xf32>
// CHECK-NEXT:        affine.for %[[II:.*]] = {{.*}}(%[[I]]) to {{.*}}(%[[I]]) {
// CHECK-NEXT:          affine.for %[[KK:.*]] = {{.*}}(%[[K]]) to {{.*}}(%[[K]]) {
// CHECK-NEXT:            %[[V:.*]] = affine.load %{{.*}}[%[[II]], %[[KK]]] : memref<4096x4096xf32>
// CHECK-NEXT:            affine.store %[[V]], %[[BUFA]][%[[II]] - %[[I]], %[[KK]] - %[[K]]] : memref<128x128xf32>
// CHECK-NEXT:          }
// CHECK-NEXT:        }
// RHS copy-in.
// CHECK-NEXT:        %[[BUFB:.*]] = memref.alloc() : memref<128x128xf32>
// CHECK-NEXT:        affine.for %[[KK:.*]] = {{.*}}(%[[K]]) to {{.*}}(%[[K]]) {
// CHECK-NEXT:          affine.for %[[JJ:.*]] = {{.*}}(%[[J]]) to {{.*}}(%[[J]]) {
// CHECK-NEXT:            %[[V:.*]] = affine.load %{{.*}}[%[[KK]], %[[JJ]]] : memref<4096x4096xf32>
// CHECK-NEXT:            affine.store %[[V]], %[[BUFB]][%[[KK]] - %[[K]], %[[JJ]] - %[[J]]] : memref<128x128xf32>
// CHECK-NEXT:          }
// CHECK-NEXT:        }
// Result copy-in.
// CHECK-NEXT:        %[[BUFC:.*]] = memref.alloc() : memref<128x128xf32>
// CHECK-NEXT:        affine.for
// CHECK-NEXT:          affine.for
// CHECK-NEXT:            affine.load %{{.*}} : memref<4096x4096xf32>
// CHECK-NEXT:            affine.store %{{.*}}, %[[BUFC]]
// CHECK-NEXT:          }
// CHECK-NEXT:        }
// Computation on the fast buffers.
// CHECK-NEXT:        affine.for %[[II:.*]] = {{.*}}(%[[I]]) to {{.*}}(%[[I]]) {
// CHECK-NEXT:          affine.for %[[JJ:.*]] = {{.*}}(%[[J]]) to {{.*}}(%[[J]]) {
// CHECK-NEXT:            affine.for %[[KK:.*]] = {{.*}}(%[[K]]) to {{.*}}(%[[K]]) {
// CHECK-NEXT:              affine.load %[[BUFA]][%[[II]] - %[[I]], %[[KK]] - %[[K]]] : memref<128x128xf32>
// CHECK-NEXT:              affine.load %[[BUFB]][%[[KK]] - %[[K]], %[[JJ]] - %[[J]]] : memref<128x128xf32>
// CHECK-NEXT:              affine.load %[[BUFC]][%[[II]] - %[[I]], %[[JJ]] - %[[J]]] : memref<128x128xf32>
// CHECK-NEXT:              arith.mulf
// CHECK-NEXT:              arith.addf
// CHECK-NEXT:              affine.store %{{.*}}, %[[BUFC]][%[[II]] - %[[I]], %[[JJ]] - %[[J]]] : memref<128x128xf32>
// CHECK-NEXT:            }
// CHECK-NEXT:          }
// CHECK-NEXT:        }
// Result copy-out.
// CHECK-NEXT:        affine.for %[[II:.*]] = {{.*}}(%[[I]]) to {{.*}}(%[[I]]) {
// CHECK-NEXT:          affine.for %[[JJ:.*]] = {{.*}}(%[[J]]) to {{.*}}(%[[J]]) {
// CHECK-NEXT:            %[[V:.*]] = affine.load %[[BUFC]][%[[II]] - %[[I]], %[[JJ]] - %[[J]]] : memref<128x128xf32>
// CHECK-NEXT:            affine.store %[[V]], %{{.*}}[%[[II]], %[[JJ]]] : memref<4096x4096xf32>
// CHECK-NEXT:          }
// CHECK-NEXT:        }
// CHECK-NEXT:        memref.dealloc %[[BUFC]] : memref<128x128xf32>
// CHECK-NEXT:        memref.dealloc %[[BUFB]] : memref<128x128xf32>
// CHECK-NEXT:        memref.dealloc %[[BUFA]] : memref<128x128xf32>
// CHECK-NEXT:      }
func.func @matmul(%A: memref<4096x4096xf32>, %B: memref<4096x4096xf32>, %C: memref<4096x4096xf32>) -> memref<4096x4096xf32> {
  affine.for %i = 0 to 4096 step 128 {
    affine.for %j = 0 to 4096 step 128 {
      affine.for %k = 0 to 4096 step 128 {
        affine.for %ii = #id(%i) to #ub(%i) {
          affine.for %jj = #id(%j) to #ub(%j) {
            affine.for %kk = #id(%k) to #ub(%k) {
              %5 = affine.load %A[%ii, %kk] : memref<4096x4096xf32>
              %6 = affine.load %B[%kk, %jj] : memref<4096x4096xf32>
              %7 = affine.load %C[%ii, %jj] : memref<4096x4096xf32>
              %8 = arith.mulf %5, %6 : f32
              %9 = arith.addf %7, %8 : f32
              affine.store %9, %C[%ii, %jj] : memref<4096x4096xf32>
            }
          }
        }
      }
    }
  }
  return %C : memref<4096x4096xf32>
}

// Single element buffers: with a capacity of 1 KiB, copies go inside the innermost loop,
// and the single-iteration copy loops are promoted.
// CHECK-SMALL-LABEL: func @single_elt_buffers
// CHECK-SMALL:       affine.for %{{.*}} = 0 to 1024 {
// CHECK-SMALL-NEXT:    affine.for %{{.*}} = 0 to 1024 {
// CHECK-SMALL-NEXT:      affine.for %{{.*}} = 0 to 1024 {
// CHECK-SMALL-NEXT:        %[[B1:.*]] = memref.alloc() : memref<1x1xf32>
// CHECK-SMALL-NEXT:        affine.load %{{.*}}[%{{.*}}, %{{.*}}] : memref<1024x1024xf32>
// CHECK-SMALL-NEXT:        affine.store %{{.*}}, %[[B1]][0, 0] : memref<1x1xf32>
// CHECK-SMALL-NEXT:        %[[B2:.*]] = memref.alloc() : memref<1x1xf32>
// CHECK-SMALL-NEXT:        affine.load %{{.*}}[%{{.*}}, %{{.*}}] : memref<1024x1024xf32>
// CHECK-SMALL-NEXT:        affine.store %{{.*}}, %[[B2]][0, 0] : memref<1x1xf32>
// CHECK-SMALL-NEXT:        affine.load %[[B1]][0, 0] : memref<1x1xf32>
// CHECK-SMALL-NEXT:        affine.load %[[B2]][0, 0] : memref<1x1xf32>
// CHECK-SMALL-NEXT:        arith.addf
// CHECK-SMALL-NEXT:        affine.store %{{.*}}, %[[B2]][0, 0] : memref<1x1xf32>
// CHECK-SMALL-NEXT:        %[[V:.*]] = affine.load %[[B2]][0, 0] : memref<1x1xf32>
// CHECK-SMALL-NEXT:        affine.store %[[V]], %{{.*}}[%{{.*}}, %{{.*}}] : memref<1024x1024xf32>
// CHECK-SMALL-NEXT:        memref.dealloc %[[B2]] : memref<1x1xf32>
// CHECK-SMALL-NEXT:        memref.dealloc %[[B1]] : memref<1x1xf32>
func.func @single_elt_buffers(%arg0: memref<1024x1024xf32>, %arg1: memref<1024x1024xf32>, %arg2: memref<1024x1024xf32>) -> memref<1024x1024xf32> {
  affine.for %i = 0 to 1024 {
    affine.for %j = 0 to 1024 {
      affine.for %k = 0 to 1024 {
        %6 = affine.load %arg1[%k, %j] : memref<1024x1024xf32>
        %7 = affine.load %arg2[%i, %j] : memref<1024x1024xf32>
        %9 = arith.addf %6, %7 : f32
        affine.store %9, %arg2[%i, %j] : memref<1024x1024xf32>
      }
    }
  }
  return %arg2 : memref<1024x1024xf32>
}

// A min upper bound (tiles that do not divide the trip count): the copy loops are clipped
// to the memref's size.
// CHECK-LABEL: func @min_upper_bound
// CHECK:         affine.for %[[IV1:.*]] = 0 to 4096 step 100 {
// CHECK-NEXT:      %[[BUF:.*]] = memref.alloc() : memref<100xf32>
// CHECK-NEXT:      affine.for %[[IV2:.*]] = {{.*}}(%[[IV1]]) to min {{.*}}(%[[IV1]]) {
// CHECK-NEXT:        affine.load %{{.*}}[%[[IV2]]] : memref<4096xf32>
// CHECK-NEXT:        affine.store %{{.*}}, %[[BUF]][%[[IV2]] - %[[IV1]]] : memref<100xf32>
// CHECK-NEXT:      }
// CHECK-NEXT:      affine.for %[[IV2:.*]] = {{.*}}(%[[IV1]]) to min {{.*}}(%[[IV1]]) {
// CHECK-NEXT:        affine.load %[[BUF]][%[[IV2]] - %[[IV1]]] : memref<100xf32>
// CHECK-NEXT:        arith.mulf
// CHECK-NEXT:        affine.store %{{.*}}, %[[BUF]][%[[IV2]] - %[[IV1]]] : memref<100xf32>
// CHECK-NEXT:      }
// CHECK-NEXT:      affine.for %[[IV2:.*]] = {{.*}}(%[[IV1]]) to min {{.*}}(%[[IV1]]) {
// CHECK-NEXT:        affine.load %[[BUF]][%[[IV2]] - %[[IV1]]] : memref<100xf32>
// CHECK-NEXT:        affine.store %{{.*}}, %{{.*}}[%[[IV2]]] : memref<4096xf32>
// CHECK-NEXT:      }
// CHECK-NEXT:      memref.dealloc %[[BUF]] : memref<100xf32>
// CHECK-NEXT:    }
#map_ub = affine_map<(d0) -> (4096, d0 + 100)>
func.func @min_upper_bound(%A: memref<4096xf32>) -> memref<4096xf32> {
  affine.for %i = 0 to 4096 step 100 {
    affine.for %ii = affine_map<(d0) -> (d0)>(%i) to min #map_ub(%i) {
      %5 = affine.load %A[%ii] : memref<4096xf32>
      %6 = arith.mulf %5, %5 : f32
      affine.store %6, %A[%ii] : memref<4096xf32>
    }
  }
  return %A : memref<4096xf32>
}

// A max lower bound: the buffer's lower bound is the one with a constant extent, s1 * 6.
// CHECK-LABEL: func @max_lower_bound
// CHECK-SAME:    %{{.*}}: memref<2048x516xf64>, %{{.*}}: index, %[[J:.*]]: index
// CHECK-NEXT:    %[[BUF:.*]] = memref.alloc() : memref<2048x6xf64>
// CHECK-NEXT:    affine.for %[[II:.*]] = 0 to 2048 {
// CHECK-NEXT:      affine.for %[[JJ:.*]] = {{.*}}()[%[[J]]] to min {{.*}}()[%[[J]]] {
// CHECK-NEXT:        affine.load %{{.*}}[%[[II]], %[[JJ]]] : memref<2048x516xf64>
// CHECK-NEXT:        affine.store %{{.*}}, %[[BUF]][%[[II]], %[[JJ]] - symbol(%[[J]]) * 6] : memref<2048x6xf64>
// CHECK-NEXT:      }
// CHECK-NEXT:    }
// CHECK-NEXT:    affine.for %[[II:.*]] = 0 to 2048 {
// CHECK-NEXT:      affine.for %[[JJ:.*]] = max {{.*}}()[%{{.*}}, %{{.*}}] to min {{.*}}()[%{{.*}}, %{{.*}}] {
// CHECK-NEXT:        affine.load %[[BUF]][%[[II]], %[[JJ]] - symbol(%[[J]]) * 6] : memref<2048x6xf64>
// CHECK-NEXT:      }
// CHECK-NEXT:    }
// CHECK-NEXT:    memref.dealloc %[[BUF]] : memref<2048x6xf64>
#lb = affine_map<()[s0, s1] -> (s0 * 512, s1 * 6)>
#ub2 = affine_map<()[s0, s1] -> (s0 * 512 + 512, s1 * 6 + 6)>
func.func @max_lower_bound(%M: memref<2048x516xf64>, %i : index, %j : index) {
  affine.for %ii = 0 to 2048 {
    affine.for %jj = max #lb()[%i, %j] to min #ub2()[%i, %j] {
      affine.load %M[%ii, %jj] : memref<2048x516xf64>
    }
  }
  return
}

// Empty loops: no copy.
// CHECK-LABEL: func @empty_loops
// CHECK-NOT:     memref.alloc
// CHECK:         return
func.func @empty_loops(%arg0: memref<1024x1024xf64>) {
  affine.for %i = 0 to 0 {
    affine.load %arg0[0, %i] : memref<1024x1024xf64>
  }
  affine.for %i = 0 to -16 {
    affine.load %arg0[0, %i] : memref<1024x1024xf64>
  }
  return
}

// By default the buffers are in memory space 1, and only memrefs of the slow memory space
// (0) are copied: %B, in space 2, is not.
// SPACE-LABEL: func @memory_spaces
// SPACE-NEXT:    %[[BUF:.*]] = memref.alloc() : memref<16xf32, 1>
// SPACE-NEXT:    affine.for
// SPACE-NEXT:      affine.load %{{.*}} : memref<16xf32>
// SPACE-NEXT:      affine.store %{{.*}}, %[[BUF]][%{{.*}}] : memref<16xf32, 1>
// SPACE-NEXT:    }
// SPACE-NEXT:    affine.for %[[I:.*]] = 0 to 16 {
// SPACE-NEXT:      %[[V:.*]] = affine.load %[[BUF]][%[[I]]] : memref<16xf32, 1>
// SPACE-NEXT:      affine.store %[[V]], %{{.*}}[%[[I]]] : memref<16xf32, 2>
// SPACE-NEXT:    }
// SPACE-NEXT:    memref.dealloc %[[BUF]] : memref<16xf32, 1>
// SPACE-NEXT:    return
func.func @memory_spaces(%A: memref<16xf32>, %B: memref<16xf32, 2>) {
  affine.for %i = 0 to 16 {
    %a = affine.load %A[%i] : memref<16xf32>
    affine.store %a, %B[%i] : memref<16xf32, 2>
  }
  return
}

// MLIR cannot bound this region (floordiv/mod of the iv) and copies nothing; isl gives
// the exact region, the whole memref, so irkit copies it at the function level.
// CHECK-LABEL: func @affine_parallel
// CHECK-NEXT:    %[[BUF:.*]] = memref.alloc() : memref<2x5x4x2xi64>
// CHECK-NEXT:    affine.for %[[A:.*]] = 0 to 2 {
// CHECK-NEXT:      affine.for %[[B:.*]] = 0 to 5 {
// CHECK-NEXT:        affine.for %[[C:.*]] = 0 to 4 {
// CHECK-NEXT:          affine.for %[[D:.*]] = 0 to 2 {
// CHECK-NEXT:            %[[V:.*]] = affine.load %{{.*}}[%[[A]], %[[B]], %[[C]], %[[D]]] : memref<2x5x4x2xi64>
// CHECK-NEXT:            affine.store %[[V]], %[[BUF]][%[[A]], %[[B]], %[[C]], %[[D]]] : memref<2x5x4x2xi64>
// CHECK:         affine.for
// CHECK-NEXT:      affine.parallel
// CHECK-NEXT:        affine.parallel
// CHECK-NEXT:          affine.for
// CHECK-NEXT:            affine.load %[[BUF]][
// CHECK:         memref.dealloc %[[BUF]]
// CHECK-NEXT:    return
#map16 = affine_map<(d0, d1, d2) -> (d0 * 40 + d1 * 8 + d2 * 2)>
#map17 = affine_map<(d0, d1, d2) -> (d0 * 40 + d1 * 8 + d2 * 2 + 2)>
func.func @affine_parallel(%85:memref<2x5x4x2xi64>) {
  affine.for %arg0 = 0 to 2 {
    affine.parallel (%arg1) = (0) to (5) {
      affine.parallel (%arg2) = (0) to (4) {
        affine.for %arg3 = #map16(%arg0, %arg1, %arg2) to #map17(%arg0, %arg1, %arg2) {
          %105 = affine.load %85[((%arg3 floordiv 2) floordiv 4) floordiv 5, ((%arg3 floordiv 2) floordiv 4) mod 5, (%arg3 floordiv 2) mod 4, %arg3 mod 2] : memref<2x5x4x2xi64>
        }
      }
    }
  }
  return
}

// index_elt_type: the single-iteration copy loop is promoted (as in MLIR).
// CHECK-LABEL: func @index_elt_type
// CHECK-NEXT:    memref.alloc() : memref<1x2x4x8xindex>
// CHECK-NEXT:    affine.for %{{.*}} = 0 to 2
// CHECK-NEXT:      affine.for %{{.*}} = 0 to 4
// CHECK-NEXT:        affine.for %{{.*}} = 0 to 8
// CHECK-NEXT:          affine.load %{{.*}}[0, %{{.*}}, %{{.*}}, %{{.*}}] : memref<1x2x4x8xindex>
// CHECK:         affine.for %{{.*}} = 0 to 1
// CHECK-NEXT:      affine.for %{{.*}} = 0 to 2
// CHECK-NEXT:        affine.for %{{.*}} = 0 to 4
// CHECK-NEXT:          affine.for %{{.*}} = 0 to 8
// CHECK:         affine.for %{{.*}} = 0 to 2
// CHECK-NEXT:      affine.for %{{.*}} = 0 to 4
// CHECK-NEXT:        affine.for %{{.*}} = 0 to 8
func.func @index_elt_type(%arg0: memref<1x2x4x8xindex>) {
  affine.for %arg1 = 0 to 1 {
    affine.for %arg2 = 0 to 2 {
      affine.for %arg3 = 0 to 4 {
        affine.for %arg4 = 0 to 8 {
          affine.store %arg4, %arg0[%arg1, %arg2, %arg3, %arg4] : memref<1x2x4x8xindex>
        }
      }
    }
  }
  return
}
