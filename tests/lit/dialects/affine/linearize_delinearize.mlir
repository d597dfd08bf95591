// Round trip of affine.linearize_index and affine.delinearize_index (MLIR 22
// syntax): `disjoint`, static, dynamic and mixed bases, with and without an
// outer bound.
//
// RUN: irkit-opt %s | FileCheck %s
// RUN: irkit-opt %s | irkit-opt | FileCheck %s
// RUN: irkit-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC
// RUN: irkit-opt %s > %t.custom && irkit-opt %s --mlir-print-op-generic | irkit-opt > %t.roundtrip && diff %t.custom %t.roundtrip
// RUN: irkit-opt %t.custom > %t.again && diff %t.custom %t.again
//
// Syntax:
//   affine.linearize_index [disjoint] [%i, %j, ...] by (basis) : index
//   affine.delinearize_index %x into (basis) : index, index, ...
// A basis mixes integers and SSA values; the generic form keeps the integers
// in `static_basis` (an array<i64>) with -9223372036854775808 (kDynamic)
// where an SSA value from `dynamic_basis` goes. linearize_index takes either
// one index per basis element or one more (no outer bound); delinearize_index
// likewise returns one result per basis element or one more. `disjoint` is a
// unit property, printed as `disjoint` when set and as `disjoint = false`
// otherwise in the generic form.

// CHECK-LABEL: func.func @linearize(
// CHECK-SAME:    %[[A:[^:]+]]: index, %[[B:[^:]+]]: index, %[[C:[^:]+]]: index, %[[N:[^:]+]]: index)
// CHECK-NEXT:    %{{[^ ]+}} = affine.linearize_index disjoint [%[[A]], %[[B]], %[[C]]] by (%[[N]], 4, 8) : index
// CHECK-NEXT:    %{{[^ ]+}} = affine.linearize_index [%[[A]], %[[B]]] by (4) : index
// CHECK-NEXT:    %{{[^ ]+}} = affine.linearize_index [%[[A]], %[[B]]] by (3, 4) : index
// CHECK-NEXT:    %{{[^ ]+}} = affine.linearize_index disjoint [%[[A]], %[[B]]] by (%[[N]], %[[C]]) : index
// CHECK-NEXT:    %{{[^ ]+}} = affine.linearize_index [%[[A]]] by () : index
// CHECK-NEXT:    %{{[^ ]+}} = affine.linearize_index [%[[A]], %[[B]], %[[C]]] by (2, %[[N]]) : index
// CHECK-NEXT:    return
// GENERIC-LABEL: sym_name = "linearize"
// GENERIC:       ^bb0(%[[GA:[^:]+]]: index, %[[GB:[^:]+]]: index, %[[GC:[^:]+]]: index, %[[GN:[^:]+]]: index):
// GENERIC-NEXT:  "affine.linearize_index"(%[[GA]], %[[GB]], %[[GC]], %[[GN]]) <{disjoint, operandSegmentSizes = array<i32: 3, 1>, static_basis = array<i64: -9223372036854775808, 4, 8>}> : (index, index, index, index) -> index
// GENERIC-NEXT:  "affine.linearize_index"(%[[GA]], %[[GB]]) <{disjoint = false, operandSegmentSizes = array<i32: 2, 0>, static_basis = array<i64: 4>}> : (index, index) -> index
// GENERIC-NEXT:  "affine.linearize_index"(%[[GA]], %[[GB]]) <{disjoint = false, operandSegmentSizes = array<i32: 2, 0>, static_basis = array<i64: 3, 4>}> : (index, index) -> index
// GENERIC-NEXT:  "affine.linearize_index"(%[[GA]], %[[GB]], %[[GN]], %[[GC]]) <{disjoint, operandSegmentSizes = array<i32: 2, 2>, static_basis = array<i64: -9223372036854775808, -9223372036854775808>}> : (index, index, index, index) -> index
// GENERIC-NEXT:  "affine.linearize_index"(%[[GA]]) <{disjoint = false, operandSegmentSizes = array<i32: 1, 0>, static_basis = array<i64>}> : (index) -> index
// GENERIC-NEXT:  "affine.linearize_index"(%[[GA]], %[[GB]], %[[GC]], %[[GN]]) <{disjoint = false, operandSegmentSizes = array<i32: 3, 1>, static_basis = array<i64: 2, -9223372036854775808>}> : (index, index, index, index) -> index
func.func @linearize(%a: index, %b: index, %c: index, %n: index) {
  %0 = affine.linearize_index disjoint [%a, %b, %c] by (%n, 4, 8) : index
  %1 = affine.linearize_index [%a, %b] by (4) : index
  %2 = affine.linearize_index [%a, %b] by (3, 4) : index
  %3 = affine.linearize_index disjoint [%a, %b] by (%n, %c) : index
  %4 = affine.linearize_index [%a] by () : index
  %5 = affine.linearize_index [%a, %b, %c] by (2, %n) : index
  return
}

// CHECK-LABEL: func.func @delinearize(
// CHECK-SAME:    %[[X:[^:]+]]: index, %[[N:[^:]+]]: index, %[[M:[^:]+]]: index)
// CHECK-NEXT:    %[[D0:[^ :]+]]:2 = affine.delinearize_index %[[X]] into (%[[N]], 4) : index, index
// CHECK-NEXT:    %[[D1:[^ :]+]]:3 = affine.delinearize_index %[[X]] into (4, 8) : index, index, index
// CHECK-NEXT:    %[[D2:[^ :]+]]:2 = affine.delinearize_index %[[X]] into (%[[N]], %[[M]]) : index, index
// CHECK-NEXT:    %[[D3:[^ :]+]]:2 = affine.delinearize_index %[[X]] into (%[[M]]) : index, index
// CHECK-NEXT:    %[[D4:[^ ]+]] = affine.delinearize_index %[[X]] into () : index
// CHECK-NEXT:    %[[D5:[^ ]+]] = affine.delinearize_index %[[X]] into (16) : index
// CHECK-NEXT:    return %[[D0]]#1, %[[D1]]#2, %[[D2]]#0, %[[D3]]#1, %[[D4]], %[[D5]] : index, index, index, index, index, index
// GENERIC-LABEL: sym_name = "delinearize"
// GENERIC:       ^bb0(%[[GX:[^:]+]]: index, %[[GN:[^:]+]]: index, %[[GM:[^:]+]]: index):
// GENERIC-NEXT:  %{{[^ :]+}}:2 = "affine.delinearize_index"(%[[GX]], %[[GN]]) <{static_basis = array<i64: -9223372036854775808, 4>}> : (index, index) -> (index, index)
// GENERIC-NEXT:  %{{[^ :]+}}:3 = "affine.delinearize_index"(%[[GX]]) <{static_basis = array<i64: 4, 8>}> : (index) -> (index, index, index)
// GENERIC-NEXT:  %{{[^ :]+}}:2 = "affine.delinearize_index"(%[[GX]], %[[GN]], %[[GM]]) <{static_basis = array<i64: -9223372036854775808, -9223372036854775808>}> : (index, index, index) -> (index, index)
// GENERIC-NEXT:  %{{[^ :]+}}:2 = "affine.delinearize_index"(%[[GX]], %[[GM]]) <{static_basis = array<i64: -9223372036854775808>}> : (index, index) -> (index, index)
// GENERIC-NEXT:  %{{[^ ]+}} = "affine.delinearize_index"(%[[GX]]) <{static_basis = array<i64>}> : (index) -> index
// GENERIC-NEXT:  %{{[^ ]+}} = "affine.delinearize_index"(%[[GX]]) <{static_basis = array<i64: 16>}> : (index) -> index
func.func @delinearize(%x: index, %n: index, %m: index) -> (index, index, index, index, index, index) {
  %0:2 = affine.delinearize_index %x into (%n, 4) : index, index
  %1:3 = affine.delinearize_index %x into (4, 8) : index, index, index
  %2:2 = affine.delinearize_index %x into (%n, %m) : index, index
  %3:2 = affine.delinearize_index %x into (%m) : index, index
  %4 = affine.delinearize_index %x into () : index
  %5 = affine.delinearize_index %x into (16) : index
  return %0#1, %1#2, %2#0, %3#1, %4, %5 : index, index, index, index, index, index
}

// Delinearize then linearize with the same basis, as produced by tiling, and
// a discardable attribute.
// CHECK-LABEL: func.func @pair(
// CHECK-SAME:    %[[X:[^:]+]]: index, %[[N:[^:]+]]: index) -> index
// CHECK-NEXT:    %[[D:[^ :]+]]:3 = affine.delinearize_index %[[X]] into (%[[N]], 2, 8) {tag = "split"} : index, index, index
// CHECK-NEXT:    %[[L:[^ ]+]] = affine.linearize_index disjoint [%[[D]]#0, %[[D]]#1, %[[D]]#2] by (%[[N]], 2, 8) {tag = "join"} : index
// CHECK-NEXT:    return %[[L]] : index
// GENERIC-LABEL: sym_name = "pair"
// GENERIC:       "affine.delinearize_index"(%{{[^)]+}}) <{static_basis = array<i64: -9223372036854775808, 2, 8>}> {tag = "split"} : (index, index) -> (index, index, index)
// GENERIC-NEXT:  "affine.linearize_index"(%{{[^)]+}}) <{disjoint, operandSegmentSizes = array<i32: 3, 1>, static_basis = array<i64: -9223372036854775808, 2, 8>}> {tag = "join"} : (index, index, index, index) -> index
func.func @pair(%x: index, %n: index) -> index {
  %d:3 = affine.delinearize_index %x into (%n, 2, 8) {tag = "split"} : index, index, index
  %l = affine.linearize_index disjoint [%d#0, %d#1, %d#2] by (%n, 2, 8) {tag = "join"} : index
  return %l : index
}
