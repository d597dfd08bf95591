// Round trip of affine.apply, affine.min and affine.max: maps over dimensions
// and symbols, zero-input maps, chains of applies, and multi-result min/max.
//
// RUN: irkit-opt %s | FileCheck %s
// RUN: irkit-opt %s | irkit-opt | FileCheck %s
// RUN: irkit-opt %s | FileCheck %s --check-prefix=MAP
// RUN: irkit-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC
// RUN: irkit-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=MAP
// RUN: irkit-opt %s > %t.custom && irkit-opt %s --mlir-print-op-generic | irkit-opt > %t.roundtrip && diff %t.custom %t.roundtrip
// RUN: irkit-opt %t.custom > %t.again && diff %t.custom %t.again
//
// The custom form is `affine.apply MAP(dims)[symbols]`: the map is printed as
// an attribute (an alias #mapN or inline affine_map<...>), then the dimension
// operands in parentheses (always printed, even when empty) and the symbol
// operands in square brackets (omitted when there are none).

// MAP-DAG: affine_map<(d0)[s0] -> (d0 + s0)>
// MAP-DAG: affine_map<(d0, d1) -> (d0 * 4 + d1 floordiv 2)>
// MAP-DAG: affine_map<()[s0, s1] -> (s0 mod s1)>
// MAP-DAG: affine_map<() -> (42)>
// MAP-DAG: affine_map<(d0) -> (d0)>
// MAP-DAG: affine_map<(d0)[s0] -> (d0 ceildiv s0)>
// MAP-DAG: affine_map<(d0)[s0] -> (1000, d0 + 512, s0)>
// MAP-DAG: affine_map<(d0, d1) -> (d0 - d1, 0)>
// MAP-DAG: affine_map<()[s0] -> (s0)>
// MAP-DAG: affine_map<() -> (3, 7)>

#plus = affine_map<(d0)[s0] -> (d0 + s0)>

// CHECK-LABEL: func.func @apply(
// CHECK-SAME:    %[[A:[^:]+]]: index, %[[B:[^:]+]]: index) -> index
// CHECK-NEXT:    %[[R0:[^ ]+]] = affine.apply {{#map[0-9]*|affine_map<.+>}}(%[[A]])[%[[B]]]
// CHECK-NEXT:    %[[R1:[^ ]+]] = affine.apply {{#map[0-9]*|affine_map<.+>}}(%[[A]], %[[B]])
// CHECK-NEXT:    %[[R2:[^ ]+]] = affine.apply {{#map[0-9]*|affine_map<.+>}}()[%[[A]], %[[B]]]
// CHECK-NEXT:    %[[R3:[^ ]+]] = affine.apply {{#map[0-9]*|affine_map<.+>}}()
// CHECK-NEXT:    %[[R4:[^ ]+]] = affine.apply {{#map[0-9]*|affine_map<.+>}}(%[[R0]])
// CHECK-NEXT:    %[[R5:[^ ]+]] = affine.apply {{#map[0-9]*|affine_map<.+>}}(%[[R4]])[%[[R1]]]
// CHECK-NEXT:    return %[[R5]] : index
// GENERIC-LABEL: sym_name = "apply"
// GENERIC:       ^bb0(%[[GA:[^:]+]]: index, %[[GB:[^:]+]]: index):
// GENERIC-NEXT:  %[[G0:[^ ]+]] = "affine.apply"(%[[GA]], %[[GB]]) <{map = {{#map[0-9]*|affine_map<\(d0\)\[s0\] -> \(d0 \+ s0\)>}}}> : (index, index) -> index
// GENERIC-NEXT:  %[[G1:[^ ]+]] = "affine.apply"(%[[GA]], %[[GB]]) <{map = {{#map[0-9]*|affine_map<\(d0, d1\) -> \(d0 \* 4 \+ d1 floordiv 2\)>}}}> : (index, index) -> index
// GENERIC-NEXT:  %{{[^ ]+}} = "affine.apply"(%[[GA]], %[[GB]]) <{map = {{#map[0-9]*|affine_map<\(\)\[s0, s1\] -> \(s0 mod s1\)>}}}> : (index, index) -> index
// GENERIC-NEXT:  %{{[^ ]+}} = "affine.apply"() <{map = {{#map[0-9]*|affine_map<\(\) -> \(42\)>}}}> : () -> index
// GENERIC-NEXT:  %[[G4:[^ ]+]] = "affine.apply"(%[[G0]]) <{map = {{#map[0-9]*|affine_map<\(d0\) -> \(d0\)>}}}> : (index) -> index
// GENERIC-NEXT:  %[[G5:[^ ]+]] = "affine.apply"(%[[G4]], %[[G1]]) <{map = {{#map[0-9]*|affine_map<\(d0\)\[s0\] -> \(d0 ceildiv s0\)>}}}> : (index, index) -> index
// GENERIC-NEXT:  "func.return"(%[[G5]]) : (index) -> ()
func.func @apply(%a: index, %b: index) -> index {
  %0 = affine.apply #plus(%a)[%b]
  %1 = affine.apply affine_map<(d0, d1) -> (d0 * 4 + d1 floordiv 2)>(%a, %b)
  %2 = affine.apply affine_map<()[s0, s1] -> (s0 mod s1)>()[%a, %b]
  %3 = affine.apply affine_map<() -> (42)>()
  %4 = affine.apply affine_map<(d0) -> (d0)>(%0)
  %5 = affine.apply affine_map<(d0)[s0] -> (d0 ceildiv s0)>(%4)[%1]
  return %5 : index
}

// Applies on induction variables inside a loop; an apply of a loop IV is a
// valid dimension for a memory access.
// CHECK-LABEL: func.func @apply_in_loop(
// CHECK-SAME:    %[[M:[^:]+]]: memref<?xf32>, %[[N:[^:]+]]: index)
// CHECK:         affine.for %[[I:[^ ]+]] = 0 to %[[N]] {
// CHECK-NEXT:      %[[P:[^ ]+]] = affine.apply {{#map[0-9]*|affine_map<.+>}}(%[[I]])[%[[N]]]
// CHECK-NEXT:      %[[V:[^ ]+]] = affine.load %[[M]][%[[P]]] : memref<?xf32>
// CHECK-NEXT:      affine.store %[[V]], %[[M]][%[[I]]] : memref<?xf32>
// CHECK-NEXT:    }
func.func @apply_in_loop(%m: memref<?xf32>, %n: index) {
  affine.for %i = 0 to %n {
    %p = affine.apply #plus(%i)[%n]
    %v = affine.load %m[%p] : memref<?xf32>
    affine.store %v, %m[%i] : memref<?xf32>
  }
  return
}

// CHECK-LABEL: func.func @min_max(
// CHECK-SAME:    %[[A:[^:]+]]: index, %[[B:[^:]+]]: index, %[[C:[^:]+]]: index)
// CHECK-NEXT:    %[[R0:[^ ]+]] = affine.min {{#map[0-9]*|affine_map<.+>}}(%[[A]])[%[[B]]]
// CHECK-NEXT:    %[[R1:[^ ]+]] = affine.max {{#map[0-9]*|affine_map<.+>}}(%[[A]], %[[B]])
// CHECK-NEXT:    %[[R2:[^ ]+]] = affine.min {{#map[0-9]*|affine_map<.+>}}()[%[[C]]]
// CHECK-NEXT:    %[[R3:[^ ]+]] = affine.max {{#map[0-9]*|affine_map<.+>}}()
// CHECK-NEXT:    %[[R4:[^ ]+]] = affine.max {{#map[0-9]*|affine_map<.+>}}(%[[R0]], %[[R1]])
// CHECK-NEXT:    return %[[R4]], %[[R2]], %[[R3]] : index, index, index
// GENERIC-LABEL: sym_name = "min_max"
// GENERIC:       ^bb0(%[[GA:[^:]+]]: index, %[[GB:[^:]+]]: index, %[[GC:[^:]+]]: index):
// GENERIC-NEXT:  %[[G0:[^ ]+]] = "affine.min"(%[[GA]], %[[GB]]) <{map = {{#map[0-9]*|affine_map<\(d0\)\[s0\] -> \(1000, d0 \+ 512, s0\)>}}}> : (index, index) -> index
// GENERIC-NEXT:  %[[G1:[^ ]+]] = "affine.max"(%[[GA]], %[[GB]]) <{map = {{#map[0-9]*|affine_map<\(d0, d1\) -> \(d0 - d1, 0\)>}}}> : (index, index) -> index
// GENERIC-NEXT:  %{{[^ ]+}} = "affine.min"(%[[GC]]) <{map = {{#map[0-9]*|affine_map<\(\)\[s0\] -> \(s0\)>}}}> : (index) -> index
// GENERIC-NEXT:  %{{[^ ]+}} = "affine.max"() <{map = {{#map[0-9]*|affine_map<\(\) -> \(3, 7\)>}}}> : () -> index
// GENERIC-NEXT:  %{{[^ ]+}} = "affine.max"(%[[G0]], %[[G1]]) <{map = {{#map[0-9]*|affine_map<\(d0, d1\) -> \(d0 - d1, 0\)>}}}> : (index, index) -> index
func.func @min_max(%a: index, %b: index, %c: index) -> (index, index, index) {
  %0 = affine.min affine_map<(d0)[s0] -> (1000, d0 + 512, s0)>(%a)[%b]
  %1 = affine.max affine_map<(d0, d1) -> (d0 - d1, 0)>(%a, %b)
  %2 = affine.min affine_map<()[s0] -> (s0)>()[%c]
  %3 = affine.max affine_map<() -> (3, 7)>()
  %4 = affine.max affine_map<(d0, d1) -> (d0 - d1, 0)>(%0, %1)
  return %4, %2, %3 : index, index, index
}

// Extra attributes go after the operand lists.
// CHECK-LABEL: func.func @with_attributes(
// CHECK-NEXT:    affine.apply {{#map[0-9]*|affine_map<.+>}}(%{{[^ )]+}}) {tag = 1 : i64}
// CHECK-NEXT:    affine.min {{#map[0-9]*|affine_map<.+>}}()[%{{[^ \]]+}}] {tag = 2 : i64}
// GENERIC-LABEL: sym_name = "with_attributes"
// GENERIC:       "affine.apply"(%{{[^)]+}}) <{map = {{#map[0-9]*|affine_map<.+>}}}> {tag = 1 : i64} : (index) -> index
// GENERIC:       "affine.min"(%{{[^)]+}}) <{map = {{#map[0-9]*|affine_map<.+>}}}> {tag = 2 : i64} : (index) -> index
func.func @with_attributes(%a: index) -> (index, index) {
  %0 = affine.apply affine_map<(d0) -> (d0)>(%a) {tag = 1 : i64}
  %1 = affine.min affine_map<()[s0] -> (s0)>()[%a] {tag = 2 : i64}
  return %0, %1 : index, index
}
