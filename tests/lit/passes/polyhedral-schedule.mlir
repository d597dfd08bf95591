// polyhedral-schedule: isl reschedules the statements of each function under TC's
// constraints, and the loops are regenerated from isl's AST.
//
// irkit's own pass: mlir-opt does not have it.
// UNSUPPORTED: reference-mlir-opt
// RUN: irkit-opt %s --split-input-file --polyhedral-schedule | FileCheck %s --check-prefixes=CHECK,MAX
// RUN: irkit-opt %s --split-input-file '--polyhedral-schedule=fusion=min' | FileCheck %s --check-prefixes=CHECK,MIN
// RUN: irkit-opt %s --split-input-file '--polyhedral-schedule=fusion=preserve' | FileCheck %s --check-prefixes=CHECK,PRESERVE
// RUN: irkit-opt %s --split-input-file '--polyhedral-schedule=tile-sizes=32,32' | FileCheck %s --check-prefix=TILE
// RUN: irkit-opt %s --split-input-file '--polyhedral-schedule=parallelize=true' | FileCheck %s --check-prefix=PAR
// The output is valid affine IR that reads back to itself.
// RUN: irkit-opt %s --split-input-file '--polyhedral-schedule=tile-sizes=32,32 parallelize=true' > %t.mlir
// RUN: FileCheck %s --check-prefix=TILEPAR < %t.mlir
// RUN: irkit-opt %t.mlir --split-input-file > %t.again.mlir
// RUN: irkit-opt %t.again.mlir --split-input-file | diff %t.again.mlir -

// Matrix product with its initialisation: the init statement and the reduction share
// the (m, n) loops under maximal fusion; min and preserve keep the two nests.
// CHECK-LABEL: func.func @matmul(
// CHECK:         %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// MAX-NEXT:      affine.for %[[M:.*]] = 0 to 64 {
// MAX-NEXT:        affine.for %[[N:.*]] = 0 to 80 {
// MAX-NEXT:          affine.store %[[ZERO]], %{{.*}}[%[[M]], %[[N]]]
// MAX-NEXT:          affine.for %[[K:.*]] = 0 to 48 {
// MAX-NEXT:            affine.load %{{.*}}[%[[M]], %[[K]]]
// MAX-NEXT:            affine.load %{{.*}}[%[[K]], %[[N]]]
// MAX:                 affine.store %{{.*}}, %{{.*}}[%[[M]], %[[N]]]
// MAX-NEXT:          }
// MAX-NEXT:        }
// MAX-NEXT:      }
// MAX-NEXT:      func.return
// MIN-NEXT:      affine.for %[[M0:.*]] = 0 to 64 {
// MIN-NEXT:        affine.for %[[N0:.*]] = 0 to 80 {
// MIN-NEXT:          affine.store %[[ZERO]], %{{.*}}[%[[M0]], %[[N0]]]
// MIN-NEXT:        }
// MIN-NEXT:      }
// MIN-NEXT:      affine.for %[[M1:.*]] = 0 to 64 {
// MIN-NEXT:        affine.for %[[N1:.*]] = 0 to 80 {
// MIN-NEXT:          affine.for %[[K1:.*]] = 0 to 48 {
// MIN-NEXT:            affine.load %{{.*}}[%[[M1]], %[[K1]]]
// PRESERVE-NEXT: affine.for %[[M0:.*]] = 0 to 64 {
// PRESERVE-NEXT:   affine.for %[[N0:.*]] = 0 to 80 {
// PRESERVE-NEXT:     affine.store %[[ZERO]], %{{.*}}[%[[M0]], %[[N0]]]
// PRESERVE-NEXT:   }
// PRESERVE-NEXT: }
// PRESERVE-NEXT: affine.for %[[M1:.*]] = 0 to 64 {
// PRESERVE-NEXT:   affine.for %[[N1:.*]] = 0 to 80 {
// PRESERVE-NEXT:     affine.for %[[K1:.*]] = 0 to 48 {
// PRESERVE-NEXT:       affine.load %{{.*}}[%[[M1]], %[[K1]]]

// Tiling the outermost band (m, n) by 32x32: tile loops step 32, point loops from the
// tile's start to the smaller of its end and the loop's end (80 is not a multiple of 32).
// TILE-LABEL: func.func @matmul(
// TILE:         affine.for %[[TM:.*]] = 0 to 64 step 32 {
// TILE-NEXT:      affine.for %[[TN:.*]] = 0 to 80 step 32 {
// TILE-NEXT:        affine.for %[[M:.*]] = affine_map<(d0) -> (d0)>(%[[TM]]) to affine_map<(d0) -> (d0 + 32)>(%[[TM]]) {
// TILE-NEXT:          affine.for %[[N:.*]] = affine_map<(d0) -> (d0)>(%[[TN]]) to min affine_map<(d0) -> (80, d0 + 32)>(%[[TN]]) {
// TILE-NEXT:            affine.store %{{.*}}, %{{.*}}[%[[M]], %[[N]]]
// TILE-NEXT:            affine.for %[[K:.*]] = 0 to 48 {

// The outermost loop carries no dependence: it becomes an affine.parallel.
// PAR-LABEL: func.func @matmul(
// PAR:         affine.parallel (%[[M:.*]]) = (0) to (64) {
// PAR-NEXT:      affine.for %[[N:.*]] = 0 to 80 {
// PAR-NEXT:        affine.store %{{.*}}, %{{.*}}[%[[M]], %[[N]]]
// PAR-NEXT:        affine.for

// With tiling, the outermost tile loop is the parallel one.
// TILEPAR-LABEL: func.func @matmul(
// TILEPAR:         affine.parallel (%[[TM:.*]]) = (0) to (64) step (32) {
// TILEPAR-NEXT:      affine.for %{{.*}} = 0 to 80 step 32 {
// TILEPAR-NEXT:        affine.for %{{.*}} = affine_map<(d0) -> (d0)>(%[[TM]]) to affine_map<(d0) -> (d0 + 32)>(%[[TM]]) {
// TILEPAR-NOT:     affine.parallel
// TILEPAR:         func.return
func.func @matmul(%A: memref<64x48xf32>, %B: memref<48x80xf32>, %C: memref<64x80xf32>) {
  %cst = arith.constant 0.000000e+00 : f32
  affine.for %m = 0 to 64 {
    affine.for %n = 0 to 80 {
      affine.store %cst, %C[%m, %n] : memref<64x80xf32>
    }
  }
  affine.for %m = 0 to 64 {
    affine.for %n = 0 to 80 {
      affine.for %k = 0 to 48 {
        %a = affine.load %A[%m, %k] : memref<64x48xf32>
        %b = affine.load %B[%k, %n] : memref<48x80xf32>
        %p = arith.mulf %a, %b : f32
        %c = affine.load %C[%m, %n] : memref<64x80xf32>
        %s = arith.addf %c, %p : f32
        affine.store %s, %C[%m, %n] : memref<64x80xf32>
      }
    }
  }
  return
}

// -----

// A producer and its consumer: maximal fusion puts both in one loop, the consumer after
// the producer in each iteration; min and preserve keep two loops.
// CHECK-LABEL: func.func @producer_consumer(
// MAX-NEXT:      affine.for %[[I:.*]] = 0 to 64 {
// MAX-NEXT:        %[[A:.*]] = affine.load %{{.*}}[%[[I]]] : memref<64xf32>
// MAX-NEXT:        %[[D:.*]] = arith.addf %[[A]], %[[A]] : f32
// MAX-NEXT:        affine.store %[[D]], %[[TMP:.*]][%[[I]]] : memref<64xf32>
// MAX-NEXT:        %[[B:.*]] = affine.load %[[TMP]][%[[I]]] : memref<64xf32>
// MAX-NEXT:        %[[P:.*]] = arith.mulf %[[B]], %[[B]] : f32
// MAX-NEXT:        affine.store %[[P]], %{{.*}}[%[[I]]] : memref<64xf32>
// MAX-NEXT:      }
// MAX-NEXT:      func.return
// MIN-NEXT:      affine.for %[[I0:.*]] = 0 to 64 {
// MIN-NEXT:        affine.load %{{.*}}[%[[I0]]]
// MIN-NEXT:        arith.addf
// MIN-NEXT:        affine.store
// MIN-NEXT:      }
// MIN-NEXT:      affine.for %[[I1:.*]] = 0 to 64 {
// MIN-NEXT:        affine.load %{{.*}}[%[[I1]]]
// MIN-NEXT:        arith.mulf
// MIN-NEXT:        affine.store
// MIN-NEXT:      }
// MIN-NEXT:      func.return
// PRESERVE-NEXT: affine.for %[[I0:.*]] = 0 to 64 {
// PRESERVE-NEXT:   affine.load %{{.*}}[%[[I0]]]
// PRESERVE-NEXT:   arith.addf
// PRESERVE-NEXT:   affine.store
// PRESERVE-NEXT: }
// PRESERVE-NEXT: affine.for %[[I1:.*]] = 0 to 64 {
// PRESERVE-NEXT:   affine.load %{{.*}}[%[[I1]]]
// PRESERVE-NEXT:   arith.mulf
// PRESERVE-NEXT:   affine.store
// PRESERVE-NEXT: }
// PRESERVE-NEXT: func.return
// PAR-LABEL: func.func @producer_consumer(
// PAR-NEXT:    affine.parallel (%{{.*}}) = (0) to (64) {
func.func @producer_consumer(%A: memref<64xf32>, %B: memref<64xf32>, %C: memref<64xf32>) {
  affine.for %i = 0 to 64 {
    %a = affine.load %A[%i] : memref<64xf32>
    %d = arith.addf %a, %a : f32
    affine.store %d, %B[%i] : memref<64xf32>
  }
  affine.for %i = 0 to 64 {
    %b = affine.load %B[%i] : memref<64xf32>
    %m = arith.mulf %b, %b : f32
    affine.store %m, %C[%i] : memref<64xf32>
  }
  return
}

// -----

// Preserve fuses within an original nest: the two inner loops of one nest are fused
// as under max; min keeps the two statements, separate components, in two nests.
// CHECK-LABEL: func.func @one_nest(
// MAX-NEXT:      affine.for %[[I:.*]] = 0 to 32 {
// MAX-NEXT:        affine.for %[[J:.*]] = 0 to 8 {
// MAX-NEXT:          affine.store %{{.*}}, %{{.*}}[%[[I]], %[[J]]]
// MAX-NEXT:          affine.load %{{.*}}[%[[I]], %[[J]]]
// MAX-NEXT:          affine.store %{{.*}}, %{{.*}}[%[[I]], %[[J]]]
// MAX-NEXT:        }
// MAX-NEXT:      }
// MAX-NEXT:      func.return
// PRESERVE-NEXT: affine.for %[[I:.*]] = 0 to 32 {
// PRESERVE-NEXT:   affine.for %[[J:.*]] = 0 to 8 {
// PRESERVE-NEXT:     affine.store %{{.*}}, %{{.*}}[%[[I]], %[[J]]]
// PRESERVE-NEXT:     affine.load %{{.*}}[%[[I]], %[[J]]]
// PRESERVE-NEXT:     affine.store %{{.*}}, %{{.*}}[%[[I]], %[[J]]]
// PRESERVE-NEXT:   }
// PRESERVE-NEXT: }
// PRESERVE-NEXT: func.return
// MIN-NEXT:      affine.for %[[I0:.*]] = 0 to 32 {
// MIN-NEXT:        affine.for %[[J0:.*]] = 0 to 8 {
// MIN-NEXT:          affine.store %{{.*}}, %{{.*}}[%[[I0]], %[[J0]]]
// MIN-NEXT:        }
// MIN-NEXT:      }
// MIN-NEXT:      affine.for %[[I1:.*]] = 0 to 32 {
// MIN-NEXT:        affine.for %[[J1:.*]] = 0 to 8 {
// MIN-NEXT:          affine.load %{{.*}}[%[[I1]], %[[J1]]]
// MIN-NEXT:          affine.store %{{.*}}, %{{.*}}[%[[I1]], %[[J1]]]
// MIN-NEXT:        }
// MIN-NEXT:      }
// MIN-NEXT:      func.return
// The 32x8 nest fits in one 32x32 tile: isl emits no tile loops, and the outermost point
// loop is the parallel one.
// TILEPAR-LABEL: func.func @one_nest(
// TILEPAR-NEXT:    affine.parallel (%{{.*}}) = (0) to (32) {
// TILEPAR-NEXT:      affine.for %{{.*}} = 0 to 8 {
func.func @one_nest(%A: memref<32x8xf32>, %B: memref<32x8xf32>, %x: f32) {
  affine.for %i = 0 to 32 {
    affine.for %j = 0 to 8 {
      affine.store %x, %A[%i, %j] : memref<32x8xf32>
    }
    affine.for %j = 0 to 8 {
      %a = affine.load %A[%i, %j] : memref<32x8xf32>
      affine.store %a, %B[%i, %j] : memref<32x8xf32>
    }
  }
  return
}

// -----

// Symbolic sizes: memref.dim results stay above the loops and bound them as symbols;
// tiles end at the smaller of the tile's end and the size.
// CHECK-LABEL: func.func @transpose(
// CHECK:         %[[N:.*]] = memref.dim %{{.*}}, %{{.*}}
// CHECK-NEXT:    %[[M:.*]] = memref.dim %{{.*}}, %{{.*}}
// CHECK-NEXT:    affine.for %[[I:.*]] = 0 to %[[N]] {
// CHECK-NEXT:      affine.for %[[J:.*]] = 0 to %[[M]] {
// CHECK-NEXT:        %[[V:.*]] = affine.load %{{.*}}[%[[I]], %[[J]]]
// CHECK-NEXT:        affine.store %[[V]], %{{.*}}[%[[J]], %[[I]]]
// TILE-LABEL: func.func @transpose(
// TILE:         %[[N:.*]] = memref.dim %{{.*}}, %{{.*}}
// TILE-NEXT:    %[[M:.*]] = memref.dim %{{.*}}, %{{.*}}
// TILE-NEXT:    affine.for %[[TI:.*]] = 0 to %[[N]] step 32 {
// TILE-NEXT:      affine.for %[[TJ:.*]] = 0 to %[[M]] step 32 {
// TILE-NEXT:        affine.for %[[I:.*]] = affine_map<(d0) -> (d0)>(%[[TI]]) to min affine_map<(d0)[s0] -> (s0, d0 + 32)>(%[[TI]])[%[[N]]] {
// TILE-NEXT:          affine.for %[[J:.*]] = affine_map<(d0) -> (d0)>(%[[TJ]]) to min affine_map<(d0)[s0] -> (s0, d0 + 32)>(%[[TJ]])[%[[M]]] {
// TILE-NEXT:            %[[V:.*]] = affine.load %{{.*}}[%[[I]], %[[J]]]
// TILE-NEXT:            affine.store %[[V]], %{{.*}}[%[[J]], %[[I]]]
// PAR-LABEL: func.func @transpose(
// PAR:         affine.parallel (%{{.*}}) = (0) to (symbol(%{{.*}})) {
func.func @transpose(%A: memref<?x?xf32>, %B: memref<?x?xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = memref.dim %A, %c0 : memref<?x?xf32>
  %m = memref.dim %A, %c1 : memref<?x?xf32>
  affine.for %i = 0 to %n {
    affine.for %j = 0 to %m {
      %a = affine.load %A[%i, %j] : memref<?x?xf32>
      affine.store %a, %B[%j, %i] : memref<?x?xf32>
    }
  }
  return
}

// -----

// The two branches of an affine.if are two statements whose domains split the loop.
// CHECK-LABEL: func.func @guarded(
// CHECK:         affine.for %[[I:.*]] = 5 to 10 {
// CHECK-NEXT:      affine.load %{{.*}}[%[[I]]]
// CHECK-NEXT:      affine.store %{{.*}}, %{{.*}}[%[[I]]]
// CHECK-NEXT:    }
// CHECK-NEXT:    affine.for %[[J:.*]] = 0 to 5 {
// CHECK-NEXT:      arith.constant 0.000000e+00 : f32
// CHECK-NEXT:      affine.store %{{.*}}, %{{.*}}[%[[J]]]
// CHECK-NEXT:    }
func.func @guarded(%A: memref<10xf32>, %B: memref<10xf32>) {
  affine.for %i = 0 to 10 {
    affine.if affine_set<(d0) : (d0 - 5 >= 0)>(%i) {
      %a = affine.load %A[%i] : memref<10xf32>
      affine.store %a, %B[%i] : memref<10xf32>
    } else {
      %c = arith.constant 0.0 : f32
      affine.store %c, %B[%i] : memref<10xf32>
    }
  }
  return
}

// -----

// A time-iterated stencil: isl skews the space loop by the time loop, so that the band
// is permutable; the statement reads its original index back with an affine.apply.
// CHECK-LABEL: func.func @stencil(
// CHECK:         affine.for %[[T:.*]] = 0 to 10 {
// CHECK-NEXT:      affine.for %[[S:.*]] = affine_map<(d0) -> (d0 + 1)>(%[[T]]) to affine_map<(d0) -> (d0 + 99)>(%[[T]]) {
// CHECK-NEXT:        %[[I:.*]] = affine.apply affine_map<(d0, d1) -> (-d0 + d1)>(%[[T]], %[[S]])
// CHECK-NEXT:        affine.load %{{.*}}[%[[I]] - 1]
// CHECK-NEXT:        affine.load %{{.*}}[%[[I]] + 1]
// CHECK-NEXT:        arith.addf
// CHECK-NEXT:        affine.store %{{.*}}, %{{.*}}[%[[I]]]
// The time loop carries dependences: it stays sequential.
// PAR-LABEL: func.func @stencil(
// PAR-NOT:     affine.parallel
// PAR:         func.return
func.func @stencil(%A: memref<100xf32>) {
  affine.for %t = 0 to 10 {
    affine.for %i = 1 to 99 {
      %l = affine.load %A[%i - 1] : memref<100xf32>
      %r = affine.load %A[%i + 1] : memref<100xf32>
      %s = arith.addf %l, %r : f32
      affine.store %s, %A[%i] : memref<100xf32>
    }
  }
  return
}

// -----

// A loop with a step: isl scans the lattice of its iterations with the same step.
// CHECK-LABEL: func.func @strided(
// CHECK:         affine.for %[[I:.*]] = 3 to 100 step 4 {
// CHECK-NEXT:      affine.load %{{.*}}[%[[I]]]
func.func @strided(%A: memref<100xf32>) {
  affine.for %i = 3 to 100 step 4 {
    %l = affine.load %A[%i] : memref<100xf32>
    %s = arith.addf %l, %l : f32
    affine.store %s, %A[%i] : memref<100xf32>
  }
  return
}

// -----

// Allocations stay above the loops and deallocations go below them.
// CHECK-LABEL: func.func @temporary(
// CHECK-NEXT:    %[[T:.*]] = memref.alloc() : memref<16xf32>
// CHECK-NEXT:    affine.for
// CHECK:         memref.dealloc %[[T]] : memref<16xf32>
// CHECK-NEXT:    func.return
func.func @temporary(%A: memref<16xf32>, %B: memref<16xf32>) {
  %t = memref.alloc() : memref<16xf32>
  affine.for %i = 0 to 16 {
    %a = affine.load %A[%i] : memref<16xf32>
    affine.store %a, %t[%i] : memref<16xf32>
  }
  affine.for %i = 0 to 16 {
    %a = affine.load %t[%i] : memref<16xf32>
    affine.store %a, %B[%i] : memref<16xf32>
  }
  memref.dealloc %t : memref<16xf32>
  return
}
