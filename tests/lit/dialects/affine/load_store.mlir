// Round trip of affine.load and affine.store: identity and non-identity access
// maps, dimensions vs symbol(%x) operands, composite expressions with
// floordiv/ceildiv/mod, constants, and 0-d memrefs.
//
// RUN: irkit-opt %s | FileCheck %s
// RUN: irkit-opt %s | irkit-opt | FileCheck %s
// RUN: irkit-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC
// RUN: irkit-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENMAP
// RUN: irkit-opt %s > %t.custom && irkit-opt %s --mlir-print-op-generic | irkit-opt > %t.roundtrip && diff %t.custom %t.roundtrip
// RUN: irkit-opt %t.custom > %t.again && diff %t.custom %t.again
//
// The subscripts are an affine map applied to the SSA operands: a bare %x is a
// dimension, symbol(%x) is a symbol. Dimensions are numbered in order of first
// appearance, so `%m[%j - %i]` is map (d0, d1) -> (d0 - d1) on (%j, %i).
// Expressions are simplified when built and print in MLIR's canonical form,
// e.g. `2 * %j + 1` prints as `%j * 2 + 1` (see @canonicalized_subscripts).

// GENMAP-DAG: affine_map<(d0, d1) -> (d0, d1)>
// GENMAP-DAG: affine_map<(d0, d1) -> (d0 + 1, d1 * 2 - 3)>
// GENMAP-DAG: affine_map<(d0, d1) -> (d0 floordiv 2, d1 ceildiv 4)>
// GENMAP-DAG: affine_map<(d0, d1)[s0] -> (d0 mod 3, d1 + s0)>
// GENMAP-DAG: affine_map<(d0, d1) -> (d0 - d1, d0 * 2 + 1)>
// GENMAP-DAG: affine_map<(d0)[s0] -> (3, d0 + s0 * 2)>
// GENMAP-DAG: affine_map<(d0, d1) -> (-d0 + 9, d1)>
// GENMAP-DAG: affine_map<(d0, d1) -> ((d0 + d1) mod 5, -d0 + 9)>
// GENMAP-DAG: affine_map<(d0) -> (d0 mod 10, d0)>
// GENMAP-DAG: affine_map<(d0)[s0] -> (d0, s0)>
// GENMAP-DAG: affine_map<(d0)[s0, s1] -> (d0 + s0, s1 - 1)>
// GENMAP-DAG: affine_map<() -> ()>
// GENMAP-DAG: affine_map<(d0) -> (d0, d0 + 1)>
// GENMAP-DAG: affine_map<(d0) -> (d0 + 1, d0)>

// CHECK-LABEL: func.func @loads(
// CHECK-SAME:    %[[M:[^:]+]]: memref<10x20xf32>, %[[N:[^:]+]]: index)
// CHECK:         affine.for %[[I:[^ ]+]] = 0 to 10 {
// CHECK-NEXT:      affine.for %[[J:[^ ]+]] = 0 to 20 {
// CHECK-NEXT:        %{{[^ ]+}} = affine.load %[[M]][%[[I]], %[[J]]] : memref<10x20xf32>
// CHECK-NEXT:        %{{[^ ]+}} = affine.load %[[M]][%[[I]] + 1, %[[J]] * 2 - 3] : memref<10x20xf32>
// CHECK-NEXT:        %{{[^ ]+}} = affine.load %[[M]][%[[I]] floordiv 2, %[[J]] ceildiv 4] : memref<10x20xf32>
// CHECK-NEXT:        %{{[^ ]+}} = affine.load %[[M]][%[[I]] mod 3, %[[J]] + symbol(%[[N]])] : memref<10x20xf32>
// CHECK-NEXT:        %{{[^ ]+}} = affine.load %[[M]][%[[J]] - %[[I]], %[[J]] * 2 + 1] : memref<10x20xf32>
// CHECK-NEXT:        %{{[^ ]+}} = affine.load %[[M]][3, %[[I]] + symbol(%[[N]]) * 2] : memref<10x20xf32>
// CHECK-NEXT:        %{{[^ ]+}} = affine.load %[[M]][-%[[I]] + 9, %[[J]]] : memref<10x20xf32>
// CHECK-NEXT:        %{{[^ ]+}} = affine.load %[[M]][(%[[I]] + %[[J]]) mod 5, -%[[I]] + 9] : memref<10x20xf32>
// CHECK-NEXT:      }
// CHECK-NEXT:    }
// GENERIC-LABEL: sym_name = "loads"
// GENERIC:       ^bb0(%[[GM:[^:]+]]: memref<10x20xf32>, %[[GN:[^:]+]]: index):
// GENERIC:       ^bb0(%[[GI:[^:]+]]: index):
// GENERIC:       ^bb0(%[[GJ:[^:]+]]: index):
// GENERIC-NEXT:  "affine.load"(%[[GM]], %[[GI]], %[[GJ]]) <{map = {{#map[0-9]*|affine_map<\(d0, d1\) -> \(d0, d1\)>}}}> : (memref<10x20xf32>, index, index) -> f32
// GENERIC-NEXT:  "affine.load"(%[[GM]], %[[GI]], %[[GJ]]) <{map = {{#map[0-9]*|affine_map<.+>}}}> : (memref<10x20xf32>, index, index) -> f32
// GENERIC-NEXT:  "affine.load"(%[[GM]], %[[GI]], %[[GJ]]) <{map = {{#map[0-9]*|affine_map<.+>}}}> : (memref<10x20xf32>, index, index) -> f32
// GENERIC-NEXT:  "affine.load"(%[[GM]], %[[GI]], %[[GJ]], %[[GN]]) <{map = {{#map[0-9]*|affine_map<.+>}}}> : (memref<10x20xf32>, index, index, index) -> f32
// GENERIC-NEXT:  "affine.load"(%[[GM]], %[[GJ]], %[[GI]]) <{map = {{#map[0-9]*|affine_map<\(d0, d1\) -> \(d0 - d1, d0 \* 2 \+ 1\)>}}}> : (memref<10x20xf32>, index, index) -> f32
// GENERIC-NEXT:  "affine.load"(%[[GM]], %[[GI]], %[[GN]]) <{map = {{#map[0-9]*|affine_map<.+>}}}> : (memref<10x20xf32>, index, index) -> f32
// GENERIC-NEXT:  "affine.load"(%[[GM]], %[[GI]], %[[GJ]]) <{map = {{#map[0-9]*|affine_map<.+>}}}> : (memref<10x20xf32>, index, index) -> f32
// GENERIC-NEXT:  "affine.load"(%[[GM]], %[[GI]], %[[GJ]]) <{map = {{#map[0-9]*|affine_map<.+>}}}> : (memref<10x20xf32>, index, index) -> f32
func.func @loads(%m: memref<10x20xf32>, %n: index) {
  affine.for %i = 0 to 10 {
    affine.for %j = 0 to 20 {
      %a = affine.load %m[%i, %j] : memref<10x20xf32>
      %b = affine.load %m[%i + 1, %j * 2 - 3] : memref<10x20xf32>
      %c = affine.load %m[%i floordiv 2, %j ceildiv 4] : memref<10x20xf32>
      %d = affine.load %m[%i mod 3, %j + symbol(%n)] : memref<10x20xf32>
      %e = affine.load %m[%j - %i, %j * 2 + 1] : memref<10x20xf32>
      %f = affine.load %m[3, %i + symbol(%n) * 2] : memref<10x20xf32>
      %g = affine.load %m[-%i + 9, %j] : memref<10x20xf32>
      %h = affine.load %m[(%i + %j) mod 5, -%i + 9] : memref<10x20xf32>
    }
  }
  return
}

// Subscripts written in a non-canonical way print canonically: terms are
// reordered and multiplications by constants move to the right.
// CHECK-LABEL: func.func @canonicalized_subscripts(
// CHECK-SAME:    %[[M:[^:]+]]: memref<10x20xf32>, %[[N:[^:]+]]: index, %[[I:[^:]+]]: index, %[[J:[^:]+]]: index)
// CHECK-NEXT:    %{{[^ ]+}} = affine.load %[[M]][%[[I]] + 1, %[[J]] * 2 + 1] : memref<10x20xf32>
// CHECK-NEXT:    %{{[^ ]+}} = affine.load %[[M]][%[[J]] + symbol(%[[N]]), -%[[I]] + 9] : memref<10x20xf32>
// CHECK-NEXT:    %{{[^ ]+}} = affine.load %[[M]][%[[I]] * 3, %[[J]] - 3] : memref<10x20xf32>
// CHECK-NEXT:    return
func.func @canonicalized_subscripts(%m: memref<10x20xf32>, %n: index, %i: index, %j: index) {
  %a = affine.load %m[1 + %i, 2 * %j + 1] : memref<10x20xf32>
  %b = affine.load %m[symbol(%n) + %j, %i * -1 + 9] : memref<10x20xf32>
  %c = affine.load %m[%i * 2 + %i, %j - 1 - 2] : memref<10x20xf32>
  return
}

// Dynamic memrefs, function arguments used as dimensions and as symbols. A
// value used twice as a dimension becomes a single map operand:
// `%m[%i mod 10, %i]` is (d0) -> (d0 mod 10, d0) on (%i).
// CHECK-LABEL: func.func @stores(
// CHECK-SAME:    %[[M:[^:]+]]: memref<10x20xf32>, %[[D:[^:]+]]: memref<?x?xf32>, %[[N:[^:]+]]: index, %[[K:[^:]+]]: index, %[[X:[^:]+]]: f32)
// CHECK:         affine.for %[[I:[^ ]+]] = 0 to 10 {
// CHECK-NEXT:      affine.store %[[X]], %[[M]][%[[I]] mod 10, %[[I]]] : memref<10x20xf32>
// CHECK-NEXT:      affine.store %[[X]], %[[D]][%[[I]] + symbol(%[[N]]), symbol(%[[K]]) - 1] : memref<?x?xf32>
// CHECK-NEXT:      %[[V:[^ ]+]] = affine.load %[[D]][%[[N]], symbol(%[[K]])] : memref<?x?xf32>
// CHECK-NEXT:      affine.store %[[V]], %[[D]][%[[N]], symbol(%[[K]])] : memref<?x?xf32>
// CHECK-NEXT:    }
// GENERIC-LABEL: sym_name = "stores"
// GENERIC:       ^bb0(%{{[^:]+}}: memref<10x20xf32>, %[[GD:[^:]+]]: memref<?x?xf32>, %[[GN:[^:]+]]: index, %[[GK:[^:]+]]: index, %[[GX:[^:]+]]: f32):
// GENERIC:       ^bb0(%[[GI:[^:]+]]: index):
// GENERIC-NEXT:  "affine.store"(%[[GX]], %{{[^,]+}}, %[[GI]]) <{map = {{#map[0-9]*|affine_map<\(d0\) -> \(d0 mod 10, d0\)>}}}> : (f32, memref<10x20xf32>, index) -> ()
// GENERIC-NEXT:  "affine.store"(%[[GX]], %[[GD]], %[[GI]], %[[GN]], %[[GK]]) <{map = {{#map[0-9]*|affine_map<\(d0\)\[s0, s1\] -> \(d0 \+ s0, s1 - 1\)>}}}> : (f32, memref<?x?xf32>, index, index, index) -> ()
// GENERIC-NEXT:  %[[GV:[^ ]+]] = "affine.load"(%[[GD]], %[[GN]], %[[GK]]) <{map = {{#map[0-9]*|affine_map<\(d0\)\[s0\] -> \(d0, s0\)>}}}> : (memref<?x?xf32>, index, index) -> f32
// GENERIC-NEXT:  "affine.store"(%[[GV]], %[[GD]], %[[GN]], %[[GK]]) <{map = {{#map[0-9]*|affine_map<\(d0\)\[s0\] -> \(d0, s0\)>}}}> : (f32, memref<?x?xf32>, index, index) -> ()
func.func @stores(%m: memref<10x20xf32>, %d: memref<?x?xf32>, %n: index, %k: index, %x: f32) {
  affine.for %i = 0 to 10 {
    affine.store %x, %m[%i mod 10, %i] : memref<10x20xf32>
    affine.store %x, %d[%i + symbol(%n), symbol(%k) - 1] : memref<?x?xf32>
    %v = affine.load %d[%n, symbol(%k)] : memref<?x?xf32>
    affine.store %v, %d[%n, symbol(%k)] : memref<?x?xf32>
  }
  return
}

// A 0-d memref has an empty subscript list and the map () -> ().
// CHECK-LABEL: func.func @zero_d(
// CHECK-SAME:    %[[S:[^:]+]]: memref<f32>, %[[T:[^:]+]]: memref<i64>)
// CHECK-NEXT:    %[[V:[^ ]+]] = affine.load %[[S]][] : memref<f32>
// CHECK-NEXT:    affine.store %[[V]], %[[S]][] : memref<f32>
// CHECK-NEXT:    %[[W:[^ ]+]] = affine.load %[[T]][] : memref<i64>
// CHECK-NEXT:    affine.store %[[W]], %[[T]][] : memref<i64>
// CHECK-NEXT:    return
// GENERIC-LABEL: sym_name = "zero_d"
// GENERIC:       ^bb0(%[[GS:[^:]+]]: memref<f32>, %{{[^:]+}}: memref<i64>):
// GENERIC-NEXT:  %[[GV:[^ ]+]] = "affine.load"(%[[GS]]) <{map = {{#map[0-9]*|affine_map<\(\) -> \(\)>}}}> : (memref<f32>) -> f32
// GENERIC-NEXT:  "affine.store"(%[[GV]], %[[GS]]) <{map = {{#map[0-9]*|affine_map<\(\) -> \(\)>}}}> : (f32, memref<f32>) -> ()
func.func @zero_d(%s: memref<f32>, %t: memref<i64>) {
  %v = affine.load %s[] : memref<f32>
  affine.store %v, %s[] : memref<f32>
  %w = affine.load %t[] : memref<i64>
  affine.store %w, %t[] : memref<i64>
  return
}

// Inside affine.parallel, with a memory space and a non-f32 element type.
// CHECK-LABEL: func.func @in_parallel(
// CHECK-SAME:    %[[M:[^:]+]]: memref<8x8xi32, 1>)
// CHECK:         affine.parallel (%[[I:[^ ,]+]], %[[J:[^ )]+]]) = (0, 0) to (8, 8) {
// CHECK-NEXT:      %[[V:[^ ]+]] = affine.load %[[M]][%[[J]], %[[I]]] : memref<8x8xi32, 1>
// CHECK-NEXT:      affine.store %[[V]], %[[M]][%[[I]], %[[J]]] : memref<8x8xi32, 1>
// CHECK-NEXT:    }
// GENERIC-LABEL: sym_name = "in_parallel"
// GENERIC:       ^bb0(%[[GI:[^:]+]]: index, %[[GJ:[^:]+]]: index):
// GENERIC-NEXT:    %[[GV:[^ ]+]] = "affine.load"(%{{[^,]+}}, %[[GJ]], %[[GI]]) <{map = {{#map[0-9]*|affine_map<\(d0, d1\) -> \(d0, d1\)>}}}> : (memref<8x8xi32, 1>, index, index) -> i32
func.func @in_parallel(%m: memref<8x8xi32, 1>) {
  affine.parallel (%i, %j) = (0, 0) to (8, 8) {
    %v = affine.load %m[%j, %i] : memref<8x8xi32, 1>
    affine.store %v, %m[%i, %j] : memref<8x8xi32, 1>
  }
  return
}

// Memrefs with a non-identity layout are accessed the same way: the access
// map works on logical indices.
// CHECK-LABEL: func.func @strided_layout(
// CHECK-SAME:    %[[M:[^:]+]]: memref<4x4xf32, strided<[1, 4]>>, %[[I:[^:]+]]: index)
// CHECK-NEXT:    %[[V:[^ ]+]] = affine.load %[[M]][%[[I]], %[[I]] + 1] : memref<4x4xf32, strided<[1, 4]>>
// CHECK-NEXT:    affine.store %[[V]], %[[M]][%[[I]] + 1, %[[I]]] : memref<4x4xf32, strided<[1, 4]>>
// GENERIC-LABEL: sym_name = "strided_layout"
// GENERIC:       "affine.load"(%{{[^,]+}}, %{{[^)]+}}) <{map = {{#map[0-9]*|affine_map<\(d0\) -> \(d0, d0 \+ 1\)>}}}> : (memref<4x4xf32, strided<[1, 4]>>, index) -> f32
func.func @strided_layout(%m: memref<4x4xf32, strided<[1, 4]>>, %i: index) {
  %v = affine.load %m[%i, %i + 1] : memref<4x4xf32, strided<[1, 4]>>
  affine.store %v, %m[%i + 1, %i] : memref<4x4xf32, strided<[1, 4]>>
  return
}
