// Affine expressions are simplified as they are built and printed in MLIR's
// form. The subscripts of affine.load print the expression in terms of the
// SSA operands, which ties each input to its output without depending on map
// aliases.
//
// RUN: irkit-opt %s | FileCheck %s
// RUN: irkit-opt %s | irkit-opt | FileCheck %s
// RUN: irkit-opt %s | FileCheck %s --check-prefix=MAP
// RUN: irkit-opt %s > %t.custom && irkit-opt %s --mlir-print-op-generic | irkit-opt > %t.roundtrip && diff %t.custom %t.roundtrip
// RUN: irkit-opt %t.custom > %t.again && diff %t.custom %t.again
//
// What MLIR does (and does not do):
//  - constants fold: 7 floordiv 2 = 3, -7 mod 3 = 2, -7 ceildiv 2 = -3;
//  - a constant moves to the right of a sum or product: 1 + x -> x + 1,
//    3 * (x + 2) -> (x + 2) * 3, symbol * dim -> dim * symbol;
//  - like terms and constants merge: x + x -> x * 2, x * 3 + x * 2 -> x * 5,
//    x - 1 - 2 -> x - 3, x * 2 * 3 -> x * 6, (x * 8) floordiv 2 -> x * 4,
//    x - (x floordiv 4) * 4 -> x mod 4, x mod 4 mod 2 -> x mod 2;
//  - a symbol moves after a dimension: symbol(n) + x - 3 -> x + symbol(n) - 3;
//  - but sums of dims are not sorted (%j + %i, %j * 2 + %i * 3 stay, since %j
//    is d0 there), s1 - s0 is not reordered, products are not distributed
//    ((x + 1) * 4 stays), and nested floordivs are not merged.
//  - negation prints as a leading minus: -x, -(x + 1); x * -2 stays.

// CHECK-LABEL: func.func @subscripts(
// CHECK-SAME:    %[[M:[^:]+]]: memref<?xindex>, %[[I:[^:]+]]: index, %[[J:[^:]+]]: index, %[[N:[^:]+]]: index, %[[K:[^:]+]]: index)
// CHECK-NEXT:    affine.load %[[M]][%[[I]] + 1] : memref<?xindex>
// CHECK-NEXT:    affine.load %[[M]][%[[I]]] : memref<?xindex>
// CHECK-NEXT:    affine.load %[[M]][%[[I]] * 2] : memref<?xindex>
// CHECK-NEXT:    affine.load %[[M]][(%[[I]] + 2) * 3] : memref<?xindex>
// CHECK-NEXT:    affine.load %[[M]][3] : memref<?xindex>
// CHECK-NEXT:    affine.load %[[M]][2] : memref<?xindex>
// CHECK-NEXT:    affine.load %[[M]][-3] : memref<?xindex>
// CHECK-NEXT:    affine.load %[[M]][%[[J]] + %[[I]]] : memref<?xindex>
// CHECK-NEXT:    affine.load %[[M]][-%[[I]]] : memref<?xindex>
// CHECK-NEXT:    affine.load %[[M]][%[[I]] * -2] : memref<?xindex>
// CHECK-NEXT:    affine.load %[[M]][%[[I]] * 4] : memref<?xindex>
// CHECK-NEXT:    affine.load %[[M]][%[[I]] + symbol(%[[N]]) - 3] : memref<?xindex>
// CHECK-NEXT:    affine.load %[[M]][%[[I]] * symbol(%[[N]])] : memref<?xindex>
// CHECK-NEXT:    affine.load %[[M]][%[[I]] - 3] : memref<?xindex>
// CHECK-NEXT:    affine.load %[[M]][%[[I]] mod 4] : memref<?xindex>
// CHECK-NEXT:    affine.load %[[M]][%[[I]] * 5] : memref<?xindex>
// CHECK-NEXT:    affine.load %[[M]][%[[I]] floordiv symbol(%[[N]]) + %[[I]] mod symbol(%[[N]])] : memref<?xindex>
// CHECK-NEXT:    affine.load %[[M]][(%[[I]] + 1) * 4 + symbol(%[[N]]) * symbol(%[[N]])] : memref<?xindex>
// CHECK-NEXT:    affine.load %[[M]][-(%[[I]] + 1)] : memref<?xindex>
// CHECK-NEXT:    affine.load %[[M]][%[[J]] * 2 + %[[I]] * 3 + 5] : memref<?xindex>
// CHECK-NEXT:    affine.load %[[M]][(%[[I]] floordiv 2) floordiv 3] : memref<?xindex>
// CHECK-NEXT:    affine.load %[[M]][symbol(%[[K]]) - symbol(%[[N]])] : memref<?xindex>
// CHECK-NEXT:    affine.load %[[M]][%[[I]] mod 2] : memref<?xindex>
// CHECK-NEXT:    affine.load %[[M]][%[[I]] * 6] : memref<?xindex>
// CHECK-NEXT:    affine.load %[[M]][%[[I]] * 3 + %[[J]] * 2 + 5] : memref<?xindex>
// CHECK-NEXT:    affine.load %[[M]][%[[I]] ceildiv 2 + %[[I]] floordiv -2] : memref<?xindex>
// CHECK-NEXT:    return
func.func @subscripts(%m: memref<?xindex>, %i: index, %j: index, %n: index, %k: index) {
  %0 = affine.load %m[1 + %i] : memref<?xindex>
  %1 = affine.load %m[%i - 0] : memref<?xindex>
  %2 = affine.load %m[%i + %i] : memref<?xindex>
  %3 = affine.load %m[3 * (%i + 2)] : memref<?xindex>
  %4 = affine.load %m[7 floordiv 2] : memref<?xindex>
  %5 = affine.load %m[-7 mod 3] : memref<?xindex>
  %6 = affine.load %m[-7 ceildiv 2] : memref<?xindex>
  %7 = affine.load %m[%j + %i] : memref<?xindex>
  %8 = affine.load %m[-%i] : memref<?xindex>
  %9 = affine.load %m[%i * -2] : memref<?xindex>
  %10 = affine.load %m[(%i * 8) floordiv 2] : memref<?xindex>
  %11 = affine.load %m[symbol(%n) + %i - 3] : memref<?xindex>
  %12 = affine.load %m[symbol(%n) * %i] : memref<?xindex>
  %13 = affine.load %m[%i - 1 - 2] : memref<?xindex>
  %14 = affine.load %m[%i - (%i floordiv 4) * 4] : memref<?xindex>
  %15 = affine.load %m[%i * 3 + %i * 2] : memref<?xindex>
  %16 = affine.load %m[%i floordiv symbol(%n) + %i mod symbol(%n)] : memref<?xindex>
  %17 = affine.load %m[(%i + 1) * 4 + symbol(%n) * symbol(%n)] : memref<?xindex>
  %18 = affine.load %m[-(%i + 1)] : memref<?xindex>
  %19 = affine.load %m[%j * 2 + %i * 3 + 5] : memref<?xindex>
  %20 = affine.load %m[(%i floordiv 2) floordiv 3] : memref<?xindex>
  %21 = affine.load %m[symbol(%k) - symbol(%n)] : memref<?xindex>
  %22 = affine.load %m[%i mod 4 mod 2] : memref<?xindex>
  %23 = affine.load %m[%i * 2 * 3] : memref<?xindex>
  %24 = affine.load %m[%i * 3 + %j * 2 + 5] : memref<?xindex>
  %25 = affine.load %m[%i ceildiv 2 + %i floordiv -2] : memref<?xindex>
  return
}

// Simplifications that drop every use of an operand keep the operand in the
// op: the map keeps its dimension count.
// MAP-DAG: affine_map<(d0) -> (0)>
// MAP-DAG: affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @unused_operands(
// CHECK-SAME:    %[[A:[^:]+]]: index, %[[B:[^:]+]]: index)
// CHECK-NEXT:    affine.apply {{#map[0-9]*|affine_map<\(d0\) -> \(0\)>}}(%[[A]])
// CHECK-NEXT:    affine.apply {{#map[0-9]*|affine_map<\(d0, d1\) -> \(d1\)>}}(%[[A]], %[[B]])
func.func @unused_operands(%a: index, %b: index) {
  %0 = affine.apply affine_map<(d0) -> (d0 * 0)>(%a)
  %1 = affine.apply affine_map<(d0, d1) -> ((d0 * 4) mod 2 + d1)>(%a, %b)
  return
}
