// affine-optimize (irkit's -O3 at the affine level; MLIR has no such pass): Bondhugula's GEMM
// recipe on contractions, vectorization and parallelization of other nests. The options are
// explicit so that the output does not depend on the host. --verify-diagnostics checks that
// the pass is silent, refusals included.
// UNSUPPORTED: reference-mlir-opt
// RUN: irkit-opt %s --split-input-file --verify-diagnostics --affine-optimize="vector-bits=256 register-rows=4 register-vectors=2 reduction-tile=16" | FileCheck %s
// RUN: irkit-opt %s --split-input-file --affine-optimize="vector-bits=256 register-rows=4 register-vectors=2 reduction-tile=16 parallelize=false" | FileCheck %s --check-prefix=NOPAR
// RUN: irkit-opt %s --split-input-file --affine-optimize="vector-bits=128 register-rows=2 register-vectors=1 reduction-tile=8" | FileCheck %s --check-prefix=SMALL
// RUN: not irkit-opt %s --split-input-file --affine-optimize="register-vectors=0" 2>&1 | FileCheck %s --check-prefix=BAD
// RUN: not irkit-opt %s --split-input-file --affine-optimize="register-rows=-1" 2>&1 | FileCheck %s --check-prefix=BAD

// BAD: error: affine-optimize: vector-bits and register-rows must not be negative, register-vectors and reduction-tile must be positive

// Sizes that the tiles divide: no affine.if. K is tiled by 16 outside the register tile;
// the 4x16 output tile (4 rows, 2 vectors of 8) lives in 8 vector iter_args of the
// reduction loop, accumulated with vector.fma, loaded before and stored after it. The row
// tile loop is the affine.parallel.
// CHECK-LABEL: func @matmul_static
// CHECK-NEXT:    affine.for %[[K0:.*]] = 0 to 32 step 16 {
// CHECK-NEXT:      affine.parallel (%[[I:.*]]) = (0) to (16) step (4) {
// CHECK-NEXT:        affine.for %[[J:.*]] = 0 to 64 step 16 {
// CHECK-NEXT:          %[[J8:.*]] = affine.apply affine_map<(d0) -> (d0 + 8)>(%[[J]])
// CHECK-NEXT:          %[[C0:.*]] = affine.vector_load %C[%[[I]], %[[J]]] : memref<16x64xf32>, vector<8xf32>
// CHECK-NEXT:          %[[C1:.*]] = affine.vector_load %C[%[[I]] + 1, %[[J]]] : memref<16x64xf32>, vector<8xf32>
// CHECK-NEXT:          %[[C2:.*]] = affine.vector_load %C[%[[I]] + 2, %[[J]]] : memref<16x64xf32>, vector<8xf32>
// CHECK-NEXT:          %[[C3:.*]] = affine.vector_load %C[%[[I]] + 3, %[[J]]] : memref<16x64xf32>, vector<8xf32>
// CHECK-NEXT:          %[[C4:.*]] = affine.vector_load %C[%[[I]], %[[J8]]] : memref<16x64xf32>, vector<8xf32>
// CHECK-NEXT:          %[[C5:.*]] = affine.vector_load %C[%[[I]] + 1, %[[J8]]] : memref<16x64xf32>, vector<8xf32>
// CHECK-NEXT:          %[[C6:.*]] = affine.vector_load %C[%[[I]] + 2, %[[J8]]] : memref<16x64xf32>, vector<8xf32>
// CHECK-NEXT:          %[[C7:.*]] = affine.vector_load %C[%[[I]] + 3, %[[J8]]] : memref<16x64xf32>, vector<8xf32>
// CHECK-NEXT:          %[[R:.*]]:8 = affine.for %[[K:.*]] = affine_map<(d0) -> (d0)>(%[[K0]]) to affine_map<(d0) -> (d0 + 16)>(%[[K0]])
// CHECK-SAME:            iter_args(%[[T0:.*]] = %[[C0]], %[[T1:.*]] = %[[C1]], %[[T2:.*]] = %[[C2]], %[[T3:.*]] = %[[C3]], %[[T4:.*]] = %[[C4]], %[[T5:.*]] = %[[C5]], %[[T6:.*]] = %[[C6]], %[[T7:.*]] = %[[C7]])
// CHECK-SAME:            -> (vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>) {
// CHECK-NEXT:            %[[A0:.*]] = affine.load %A[%[[I]], %[[K]]] : memref<16x32xf32>
// CHECK-NEXT:            %[[A0V:.*]] = vector.broadcast %[[A0]] : f32 to vector<8xf32>
// CHECK-NEXT:            %[[B0:.*]] = affine.vector_load %B[%[[K]], %[[J]]] : memref<32x64xf32>, vector<8xf32>
// CHECK-NEXT:            %[[F0:.*]] = vector.fma %[[A0V]], %[[B0]], %[[T0]] : vector<8xf32>
// CHECK-NEXT:            %[[A1:.*]] = affine.load %A[%[[I]] + 1, %[[K]]] : memref<16x32xf32>
// CHECK-NEXT:            %[[A1V:.*]] = vector.broadcast %[[A1]] : f32 to vector<8xf32>
// CHECK-NEXT:            %[[F1:.*]] = vector.fma %[[A1V]], %[[B0]], %[[T1]] : vector<8xf32>
// CHECK-NEXT:            %[[A2:.*]] = affine.load %A[%[[I]] + 2, %[[K]]] : memref<16x32xf32>
// CHECK-NEXT:            %[[A2V:.*]] = vector.broadcast %[[A2]] : f32 to vector<8xf32>
// CHECK-NEXT:            %[[F2:.*]] = vector.fma %[[A2V]], %[[B0]], %[[T2]] : vector<8xf32>
// CHECK-NEXT:            %[[A3:.*]] = affine.load %A[%[[I]] + 3, %[[K]]] : memref<16x32xf32>
// CHECK-NEXT:            %[[A3V:.*]] = vector.broadcast %[[A3]] : f32 to vector<8xf32>
// CHECK-NEXT:            %[[F3:.*]] = vector.fma %[[A3V]], %[[B0]], %[[T3]] : vector<8xf32>
// CHECK-NEXT:            %[[A0W:.*]] = vector.broadcast %[[A0]] : f32 to vector<8xf32>
// CHECK-NEXT:            %[[B1:.*]] = affine.vector_load %B[%[[K]], %[[J8]]] : memref<32x64xf32>, vector<8xf32>
// CHECK-NEXT:            %[[F4:.*]] = vector.fma %[[A0W]], %[[B1]], %[[T4]] : vector<8xf32>
// CHECK-NEXT:            %[[A1W:.*]] = vector.broadcast %[[A1]] : f32 to vector<8xf32>
// CHECK-NEXT:            %[[F5:.*]] = vector.fma %[[A1W]], %[[B1]], %[[T5]] : vector<8xf32>
// CHECK-NEXT:            %[[A2W:.*]] = vector.broadcast %[[A2]] : f32 to vector<8xf32>
// CHECK-NEXT:            %[[F6:.*]] = vector.fma %[[A2W]], %[[B1]], %[[T6]] : vector<8xf32>
// CHECK-NEXT:            %[[A3W:.*]] = vector.broadcast %[[A3]] : f32 to vector<8xf32>
// CHECK-NEXT:            %[[F7:.*]] = vector.fma %[[A3W]], %[[B1]], %[[T7]] : vector<8xf32>
// CHECK-NEXT:            affine.yield %[[F0]], %[[F1]], %[[F2]], %[[F3]], %[[F4]], %[[F5]], %[[F6]], %[[F7]] :
// CHECK-NEXT:          }
// CHECK-NEXT:          affine.vector_store %[[R]]#7, %C[%[[I]] + 3, %[[J8]]] : memref<16x64xf32>, vector<8xf32>
// CHECK-NEXT:          affine.vector_store %[[R]]#6, %C[%[[I]] + 2, %[[J8]]] : memref<16x64xf32>, vector<8xf32>
// CHECK-NEXT:          affine.vector_store %[[R]]#5, %C[%[[I]] + 1, %[[J8]]] : memref<16x64xf32>, vector<8xf32>
// CHECK-NEXT:          affine.vector_store %[[R]]#4, %C[%[[I]], %[[J8]]] : memref<16x64xf32>, vector<8xf32>
// CHECK-NEXT:          affine.vector_store %[[R]]#3, %C[%[[I]] + 3, %[[J]]] : memref<16x64xf32>, vector<8xf32>
// CHECK-NEXT:          affine.vector_store %[[R]]#2, %C[%[[I]] + 2, %[[J]]] : memref<16x64xf32>, vector<8xf32>
// CHECK-NEXT:          affine.vector_store %[[R]]#1, %C[%[[I]] + 1, %[[J]]] : memref<16x64xf32>, vector<8xf32>
// CHECK-NEXT:          affine.vector_store %[[R]]#0, %C[%[[I]], %[[J]]] : memref<16x64xf32>, vector<8xf32>
// CHECK-NEXT:        }
// CHECK-NEXT:      }
// CHECK-NEXT:    }
// CHECK-NEXT:    func.return

// The same tiling, sequential.
// NOPAR-LABEL: func @matmul_static
// NOPAR-NOT:     affine.parallel
// NOPAR:         affine.for %{{.*}} = 0 to 32 step 16 {
// NOPAR-NEXT:      affine.for %{{.*}} = 0 to 16 step 4 {
// NOPAR-NEXT:        affine.for %{{.*}} = 0 to 64 step 16 {
// NOPAR-NOT:     affine.parallel
// NOPAR:         func.return

// 128-bit vectors, a 2x4 register tile (2 rows, 1 vector of 4), K tiled by 8.
// SMALL-LABEL: func @matmul_static
// SMALL-NEXT:    affine.for %[[K0:.*]] = 0 to 32 step 8 {
// SMALL-NEXT:      affine.parallel (%[[I:.*]]) = (0) to (16) step (2) {
// SMALL-NEXT:        affine.for %[[J:.*]] = 0 to 64 step 4 {
// SMALL-NEXT:          %[[C0:.*]] = affine.vector_load %C[%[[I]], %[[J]]] : memref<16x64xf32>, vector<4xf32>
// SMALL-NEXT:          %[[C1:.*]] = affine.vector_load %C[%[[I]] + 1, %[[J]]] : memref<16x64xf32>, vector<4xf32>
// SMALL-NEXT:          %[[R:.*]]:2 = affine.for %{{.*}} = affine_map<(d0) -> (d0)>(%[[K0]]) to affine_map<(d0) -> (d0 + 8)>(%[[K0]]) iter_args(%{{.*}} = %[[C0]], %{{.*}} = %[[C1]]) -> (vector<4xf32>, vector<4xf32>) {
// SMALL-COUNT-2: vector.fma
// SMALL:                 affine.yield
// SMALL-NEXT:          }
// SMALL-NEXT:          affine.vector_store %[[R]]#1, %C[%[[I]] + 1, %[[J]]] : memref<16x64xf32>, vector<4xf32>
// SMALL-NEXT:          affine.vector_store %[[R]]#0, %C[%[[I]], %[[J]]] : memref<16x64xf32>, vector<4xf32>
// SMALL-NEXT:        }
func.func @matmul_static(%A: memref<16x32xf32>, %B: memref<32x64xf32>, %C: memref<16x64xf32>) {
  affine.for %i = 0 to 16 {
    affine.for %j = 0 to 64 {
      affine.for %k = 0 to 32 {
        %a = affine.load %A[%i, %k] : memref<16x32xf32>
        %b = affine.load %B[%k, %j] : memref<32x64xf32>
        %p = arith.mulf %a, %b : f32
        %c = affine.load %C[%i, %j] : memref<16x64xf32>
        %s = arith.addf %c, %p : f32
        affine.store %s, %C[%i, %j] : memref<16x64xf32>
      }
    }
  }
  return
}

// -----

// The matmul of examples/tc/matmul.tc as `irkit-tc | irkit-opt --lower-to-affine` gives it.
// The zero-filling nest is vectorized (with a scalar remainder loop) and parallelized. In
// the contraction, full tiles are separated from partial ones: the full 4x16 tile gets the
// register tile; a partial vector tile keeps the scalar nest; the reduction tile is bounded
// by K.
// CHECK-LABEL: func @matmul_dynamic
// CHECK:         %[[M:.*]] = memref.dim %A, %{{.*}} : memref<?x?xf32>
// CHECK:         %[[K:.*]] = memref.dim %A, %{{.*}} : memref<?x?xf32>
// CHECK:         %[[N:.*]] = memref.dim %B, %{{.*}} : memref<?x?xf32>
// CHECK:         affine.parallel (%[[IZ:.*]]) = (0) to (symbol(%[[M]])) {
// CHECK-NEXT:      affine.for %[[JZ:.*]] = 0 to affine_map<()[s0] -> ((s0 floordiv 8) * 8)>()[%[[N]]] step 8 {
// CHECK-NEXT:        %[[ZERO:.*]] = arith.constant dense<0.000000e+00> : vector<8xf32>
// CHECK-NEXT:        affine.vector_store %[[ZERO]], %C[%[[IZ]], %[[JZ]]] : memref<?x?xf32>, vector<8xf32>
// CHECK-NEXT:      }
// CHECK-NEXT:      affine.for %[[JR:.*]] = affine_map<()[s0] -> ((s0 floordiv 8) * 8)>()[%[[N]]] to %[[N]] {
// CHECK-NEXT:        affine.store %{{.*}}, %C[%[[IZ]], %[[JR]]] : memref<?x?xf32>
// CHECK-NEXT:      }
// CHECK-NEXT:    }
// CHECK-NEXT:    affine.for %[[K0:.*]] = 0 to %[[K]] step 16 {
// CHECK-NEXT:      affine.parallel (%[[I:.*]]) = (0) to (symbol(%[[M]])) step (4) {
// CHECK-NEXT:        affine.for %[[J:.*]] = 0 to %[[N]] step 16 {
// CHECK-NEXT:          affine.if affine_set<(d0)[s0] : (-d0 + s0 - 16 >= 0)>(%[[J]])[%[[N]]] {
// CHECK-NEXT:            affine.if affine_set<(d0)[s0] : (-d0 + s0 - 4 >= 0)>(%[[I]])[%[[M]]] {
// CHECK-NEXT:              %[[J8:.*]] = affine.apply affine_map<(d0) -> (d0 + 8)>(%[[J]])
// CHECK-COUNT-8:           affine.vector_load %C
// CHECK-NEXT:              %[[R:.*]]:8 = affine.for %{{.*}} = affine_map<(d0) -> (d0)>(%[[K0]]) to min affine_map<(d0)[s0] -> (d0 + 16, s0)>(%[[K0]])[%[[K]]]
// CHECK-SAME:                iter_args({{.*}}) -> (vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>) {
// CHECK-COUNT-8:             vector.fma
// CHECK-NEXT:                affine.yield
// CHECK-NEXT:              }
// CHECK-NEXT:              affine.vector_store %[[R]]#7, %C[%[[I]] + 3, %[[J8]]] : memref<?x?xf32>, vector<8xf32>
// CHECK-COUNT-6:           affine.vector_store
// CHECK-NEXT:              affine.vector_store %[[R]]#0, %C[%[[I]], %[[J]]] : memref<?x?xf32>, vector<8xf32>
// CHECK-NEXT:            } else {
// The partial row tile, full vector tile: fewer rows, still vectors in iter_args.
// CHECK:                   iter_args
// CHECK-SAME:                -> (vector<8xf32>, vector<8xf32>
// CHECK:                   vector.fma
// The partial vector tile (the outer else): the scalar nest, as it was.
// CHECK:                   affine.for %[[IP:.*]] = affine_map<(d0) -> (d0)>(%[[I]]) to min affine_map<(d0)[s0] -> (d0 + 4, s0)>(%[[I]])[%[[M]]] {
// CHECK-NEXT:                affine.for %[[KP:.*]] = affine_map<(d0) -> (d0)>(%[[K0]]) to min affine_map<(d0)[s0] -> (d0 + 16, s0)>(%[[K0]])[%[[K]]] {
// CHECK-NEXT:                  affine.for %[[JP:.*]] = affine_map<(d0) -> (d0)>(%[[J]]) to min affine_map<(d0)[s0] -> (d0 + 16, s0)>(%[[J]])[%[[N]]] {
// CHECK-NEXT:                    affine.load %A[%[[IP]], %[[KP]]] : memref<?x?xf32>
// CHECK-NEXT:                    affine.load %B[%[[KP]], %[[JP]]] : memref<?x?xf32>
// CHECK-NEXT:                    arith.mulf
// CHECK-NEXT:                    affine.load %C[%[[IP]], %[[JP]]] : memref<?x?xf32>
// CHECK-NEXT:                    arith.addf
// CHECK-NEXT:                    affine.store %{{.*}}, %C[%[[IP]], %[[JP]]] : memref<?x?xf32>
// CHECK-NEXT:                  }
// CHECK-NEXT:                }
// CHECK-NEXT:              }
// CHECK-NEXT:            }
// CHECK-NEXT:          }
// CHECK-NEXT:        }
// CHECK-NEXT:      }
// CHECK-NEXT:      func.return

// NOPAR-LABEL: func @matmul_dynamic
// NOPAR-NOT:     affine.parallel
// NOPAR:         affine.for %{{.*}} = 0 to %{{.*}} step 16 {
// NOPAR-NEXT:      affine.for %{{.*}} = 0 to %{{.*}} step 4 {
// NOPAR-NOT:     affine.parallel
// NOPAR:         func.return
func.func @matmul_dynamic(%A: memref<?x?xf32> {ta.shape = affine_map<()[s0, s1, s2] -> (s0, s1)>}, %B: memref<?x?xf32> {ta.shape = affine_map<()[s0, s1, s2] -> (s1, s2)>}, %C: memref<?x?xf32> {ta.shape = affine_map<()[s0, s1, s2] -> (s0, s2)>}) attributes {ta.size_vars = ["M", "K", "N"]} {
  %c0 = arith.constant 0 : index
  %M = memref.dim %A, %c0 : memref<?x?xf32>
  %c1 = arith.constant 1 : index
  %K = memref.dim %A, %c1 : memref<?x?xf32>
  %N = memref.dim %B, %c1 : memref<?x?xf32>
  %cst = arith.constant 0.000000e+00 : f32
  affine.for %m = 0 to %M {
    affine.for %n = 0 to %N {
      affine.store %cst, %C[%m, %n] : memref<?x?xf32>
    }
  }
  affine.for %m_1 = 0 to %M {
    affine.for %n_1 = 0 to %N {
      affine.for %r_k = 0 to %K {
        %a = affine.load %A[%m_1, %r_k] : memref<?x?xf32>
        %b = affine.load %B[%r_k, %n_1] : memref<?x?xf32>
        %0 = arith.mulf %a, %b : f32
        %1 = affine.load %C[%m_1, %n_1] : memref<?x?xf32>
        %2 = arith.addf %1, %0 : f32
        affine.store %2, %C[%m_1, %n_1] : memref<?x?xf32>
      }
    }
  }
  return
}

// -----

// Not a contraction: the innermost loop is vectorized, the outermost parallelized.
// CHECK-LABEL: func @elementwise
// CHECK-NEXT:    affine.parallel (%[[I:.*]]) = (0) to (8) {
// CHECK-NEXT:      affine.for %[[J:.*]] = 0 to 64 step 8 {
// CHECK-NEXT:        %[[A:.*]] = affine.vector_load %A[%[[I]], %[[J]]] : memref<8x64xf32>, vector<8xf32>
// CHECK-NEXT:        %[[B:.*]] = affine.vector_load %B[%[[I]], %[[J]]] : memref<8x64xf32>, vector<8xf32>
// CHECK-NEXT:        %[[S:.*]] = arith.addf %[[A]], %[[B]] : vector<8xf32>
// CHECK-NEXT:        affine.vector_store %[[S]], %C[%[[I]], %[[J]]] : memref<8x64xf32>, vector<8xf32>
// CHECK-NEXT:      }
// CHECK-NEXT:    }
// CHECK-NEXT:    func.return

// NOPAR-LABEL: func @elementwise
// NOPAR-NEXT:    affine.for %{{.*}} = 0 to 8 {
// NOPAR-NEXT:      affine.for %{{.*}} = 0 to 64 step 8 {

// SMALL-LABEL: func @elementwise
// SMALL-NEXT:    affine.parallel (%{{.*}}) = (0) to (8) {
// SMALL-NEXT:      affine.for %{{.*}} = 0 to 64 step 4 {
// SMALL-NEXT:        affine.vector_load %A{{.*}} vector<4xf32>
func.func @elementwise(%A: memref<8x64xf32>, %B: memref<8x64xf32>, %C: memref<8x64xf32>) {
  affine.for %i = 0 to 8 {
    affine.for %j = 0 to 64 {
      %a = affine.load %A[%i, %j] : memref<8x64xf32>
      %b = affine.load %B[%i, %j] : memref<8x64xf32>
      %s = arith.addf %a, %b : f32
      affine.store %s, %C[%i, %j] : memref<8x64xf32>
    }
  }
  return
}

// -----

// Refused: C[i, j] += C[i, j + 1] * A[i, k] reads the output element that iteration j + 1
// writes, a dependence of distance 1 in the output loop j, so the register tile would
// reorder it. The nest is left as it was but for its parallel outer loop (the reduction
// loop k is not vectorized).
// CHECK-LABEL: func @refused_neighbour_output
// CHECK-NOT:     iter_args
// CHECK-NOT:     vector
// CHECK-NOT:     step
// CHECK:         affine.parallel (%[[I:.*]]) = (0) to (16) {
// CHECK-NEXT:      affine.for %[[J:.*]] = 0 to 64 {
// CHECK-NEXT:        affine.for %[[K:.*]] = 0 to 32 {
// CHECK-NEXT:          affine.load %A[%[[I]], %[[K]]] : memref<16x32xf32>
// CHECK-NEXT:          affine.load %C[%[[I]], %[[J]] + 1] : memref<16x65xf32>
// CHECK-NEXT:          arith.mulf
// CHECK-NEXT:          affine.load %C[%[[I]], %[[J]]] : memref<16x65xf32>
// CHECK-NEXT:          arith.addf
// CHECK-NEXT:          affine.store %{{.*}}, %C[%[[I]], %[[J]]] : memref<16x65xf32>
// CHECK-NEXT:        }
// CHECK-NEXT:      }
// CHECK-NEXT:    }
// CHECK-NEXT:    func.return

// SMALL-LABEL: func @refused_neighbour_output
// SMALL-NOT:     vector
// SMALL:         func.return
func.func @refused_neighbour_output(%A: memref<16x32xf32>, %C: memref<16x65xf32>) {
  affine.for %i = 0 to 16 {
    affine.for %j = 0 to 64 {
      affine.for %k = 0 to 32 {
        %a = affine.load %A[%i, %k] : memref<16x32xf32>
        %n = affine.load %C[%i, %j + 1] : memref<16x65xf32>
        %p = arith.mulf %n, %a : f32
        %c = affine.load %C[%i, %j] : memref<16x65xf32>
        %s = arith.addf %c, %p : f32
        affine.store %s, %C[%i, %j] : memref<16x65xf32>
      }
    }
  }
  return
}

// -----

// Integers get the register tile too, with muli and addi: there is no integer vector.fma.
// CHECK-LABEL: func @matmul_i32
// CHECK:         affine.parallel (%{{.*}}) = (0) to (16) step (4) {
// CHECK:           affine.for %{{.*}} iter_args({{.*}}) -> (vector<8xi32>, vector<8xi32>, vector<8xi32>, vector<8xi32>, vector<8xi32>, vector<8xi32>, vector<8xi32>, vector<8xi32>) {
// CHECK-NOT:         vector.fma
// CHECK:             %[[P:.*]] = arith.muli %{{.*}}, %{{.*}} : vector<8xi32>
// CHECK-NEXT:        arith.addi %{{.*}}, %[[P]] : vector<8xi32>
// CHECK-NOT:         vector.fma
// CHECK:             affine.yield
// CHECK-COUNT-8:   affine.vector_store %{{.*}} vector<8xi32>
func.func @matmul_i32(%A: memref<16x32xi32>, %B: memref<32x64xi32>, %C: memref<16x64xi32>) {
  affine.for %i = 0 to 16 {
    affine.for %j = 0 to 64 {
      affine.for %k = 0 to 32 {
        %a = affine.load %A[%i, %k] : memref<16x32xi32>
        %b = affine.load %B[%k, %j] : memref<32x64xi32>
        %p = arith.muli %a, %b : i32
        %c = affine.load %C[%i, %j] : memref<16x64xi32>
        %s = arith.addi %c, %p : i32
        affine.store %s, %C[%i, %j] : memref<16x64xi32>
      }
    }
  }
  return
}

// -----

// f64: 256-bit vectors hold 4 lanes, so the register tile is 4 rows of 2 vector<4xf64>.
// CHECK-LABEL: func @matmul_f64
// CHECK:         affine.parallel (%{{.*}}) = (0) to (16) step (4) {
// CHECK-NEXT:      affine.for %{{.*}} = 0 to 64 step 8 {
// CHECK:             affine.for %{{.*}} iter_args({{.*}}) -> (vector<4xf64>, vector<4xf64>, vector<4xf64>, vector<4xf64>, vector<4xf64>, vector<4xf64>, vector<4xf64>, vector<4xf64>) {
// CHECK-COUNT-8:       vector.fma %{{.*}} : vector<4xf64>
func.func @matmul_f64(%A: memref<16x32xf64>, %B: memref<32x64xf64>, %C: memref<16x64xf64>) {
  affine.for %i = 0 to 16 {
    affine.for %j = 0 to 64 {
      affine.for %k = 0 to 32 {
        %a = affine.load %A[%i, %k] : memref<16x32xf64>
        %b = affine.load %B[%k, %j] : memref<32x64xf64>
        %p = arith.mulf %a, %b : f64
        %c = affine.load %C[%i, %j] : memref<16x64xf64>
        %s = arith.addf %c, %p : f64
        affine.store %s, %C[%i, %j] : memref<16x64xf64>
      }
    }
  }
  return
}

// -----

// A convolution: the output channel loop k is the vector loop (spatial loops, read through
// windows such as w + s, make short vectors), so W and O are packed with k moved last,
// through transposing copies tiled by 16; O is copied back and both copies are freed. The
// register tile is 4 pixels of w by 2 vectors of k.
// CHECK-LABEL: func.func @conv_packed
// CHECK:         %[[WP:.*]] = memref.alloc() : memref<4x3x3x32xf32>
// CHECK:         affine.for %{{.*}} = 0 to 32 step 16 {
// CHECK:           affine.store %{{.*}}, %[[WP]][%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}] : memref<4x3x3x32xf32>
// CHECK:         %[[OP:.*]] = memref.alloc() : memref<1x8x8x32xf32>
// CHECK:           affine.store %{{.*}}, %[[OP]]
// CHECK:         affine.parallel (%[[W:.*]]) = (0) to (8) step (4) {
// CHECK:           affine.for %[[K:.*]] = 0 to 32 step 16 {
// CHECK:             affine.vector_load %[[OP]][%{{.*}}, %{{.*}}, %[[W]] + 3, %[[K]]] : memref<1x8x8x32xf32>, vector<8xf32>
// CHECK:             affine.for %{{.*}} iter_args({{.*}}) -> (vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>) {
// CHECK:                   affine.vector_load %[[WP]][%{{.*}}, %{{.*}}, %{{.*}}, %[[K]]] : memref<4x3x3x32xf32>, vector<8xf32>
// CHECK-COUNT-4:           vector.fma
// CHECK:                   affine.load %[[OP]]
// CHECK-NEXT:              affine.store %{{.*}}, %O[
// CHECK:         memref.dealloc %[[OP]]
// CHECK-NEXT:    memref.dealloc %[[WP]]
func.func @conv_packed(%I: memref<1x4x10x10xf32>, %W: memref<32x4x3x3xf32>, %O: memref<1x32x8x8xf32>) {
  affine.for %n = 0 to 1 {
    affine.for %k = 0 to 32 {
      affine.for %h = 0 to 8 {
        affine.for %w = 0 to 8 {
          affine.for %c = 0 to 4 {
            affine.for %r = 0 to 3 {
              affine.for %s = 0 to 3 {
                %x = affine.load %I[%n, %c, %h + %r, %w + %s] : memref<1x4x10x10xf32>
                %y = affine.load %W[%k, %c, %r, %s] : memref<32x4x3x3xf32>
                %p = arith.mulf %x, %y : f32
                %o = affine.load %O[%n, %k, %h, %w] : memref<1x32x8x8xf32>
                %q = arith.addf %o, %p : f32
                affine.store %q, %O[%n, %k, %h, %w] : memref<1x32x8x8xf32>
              }
            }
          }
        }
      }
    }
  }
  func.return
}
