// Round trip of affine.parallel: constant and symbolic bounds, expressions of
// SSA ids, max/min bound groups, steps, reductions and the zero-dimensional
// form.
//
// RUN: irkit-opt %s | FileCheck %s
// RUN: irkit-opt %s | irkit-opt | FileCheck %s
// RUN: irkit-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC
// RUN: irkit-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENMAP
// RUN: irkit-opt %s > %t.custom && irkit-opt %s --mlir-print-op-generic | irkit-opt > %t.roundtrip && diff %t.custom %t.roundtrip
// RUN: irkit-opt %t.custom > %t.again && diff %t.custom %t.again
//
// The bounds of affine.parallel are one flat map per side plus a "groups"
// tensor saying how many results each induction variable takes the max/min
// of. A bare SSA value in a bound is a dimension; symbol(%x) is a symbol.
// Operands are deduplicated per kind.

// GENMAP-DAG: affine_map<() -> (0, 0)>
// GENMAP-DAG: affine_map<() -> (10, 20)>
// GENMAP-DAG: affine_map<(d0) -> (d0)>
// GENMAP-DAG: affine_map<(d0) -> (d0 + 10)>
// GENMAP-DAG: affine_map<(d0) -> (0, d0 - 2, 0)>
// GENMAP-DAG: affine_map<(d0)[s0] -> (100, d0, s0 floordiv 2)>
// GENMAP-DAG: affine_map<() -> (100, 100)>
// GENMAP-DAG: affine_map<() -> (0)>
// GENMAP-DAG: affine_map<() -> (4)>
// GENMAP-DAG: affine_map<() -> ()>
// GENMAP-DAG: affine_map<(d0, d1) -> (d0, d1)>

// CHECK-LABEL: func.func @constant_bounds()
// CHECK:         affine.parallel (%[[I:[^ ,]+]], %[[J:[^ )]+]]) = (0, 0) to (10, 20) {
// CHECK-NEXT:    }
// GENERIC-LABEL: sym_name = "constant_bounds"
// GENERIC:       "affine.parallel"() <{lowerBoundsGroups = dense<1> : tensor<2xi32>, lowerBoundsMap = {{#map[0-9]*|affine_map<\(\) -> \(0, 0\)>}}, reductions = [], steps = [1, 1], upperBoundsGroups = dense<1> : tensor<2xi32>, upperBoundsMap = {{#map[0-9]*|affine_map<\(\) -> \(10, 20\)>}}}> ({
// GENERIC-NEXT:  ^bb0(%{{[^:]+}}: index, %{{[^:]+}}: index):
// GENERIC-NEXT:    "affine.yield"() : () -> ()
// GENERIC-NEXT:  }) : () -> ()
func.func @constant_bounds() {
  affine.parallel (%i, %j) = (0, 0) to (10, 20) {
  }
  return
}

// CHECK-LABEL: func.func @ssa_bounds_and_step(
// CHECK-SAME:    %[[N:[^:]+]]: index, %[[K:[^:]+]]: index)
// CHECK:         affine.parallel (%{{[^ )]+}}) = (%[[N]]) to (%[[K]] + 10) step (4) {
// CHECK-NEXT:    }
// GENERIC-LABEL: sym_name = "ssa_bounds_and_step"
// GENERIC:       ^bb0(%[[GN:[^:]+]]: index, %[[GK:[^:]+]]: index):
// GENERIC-NEXT:  "affine.parallel"(%[[GN]], %[[GK]]) <{lowerBoundsGroups = dense<1> : tensor<1xi32>, lowerBoundsMap = {{#map[0-9]*|affine_map<\(d0\) -> \(d0\)>}}, reductions = [], steps = [4], upperBoundsGroups = dense<1> : tensor<1xi32>, upperBoundsMap = {{#map[0-9]*|affine_map<\(d0\) -> \(d0 \+ 10\)>}}}> ({
// GENERIC:       }) : (index, index) -> ()
func.func @ssa_bounds_and_step(%n: index, %k: index) {
  affine.parallel (%i) = (%n) to (%k + 10) step (4) {
  }
  return
}

// max(...) / min(...) groups, a symbol() operand, per-dimension steps, and a
// body that uses the induction variables.
// CHECK-LABEL: func.func @min_max_groups(
// CHECK-SAME:    %[[M:[^:]+]]: memref<100x100xf32>, %[[N:[^:]+]]: index, %[[K:[^:]+]]: index)
// CHECK:         affine.parallel (%[[I:[^ ,]+]], %[[J:[^ )]+]]) = (max(0, %[[N]] - 2), 0) to (min(100, %[[K]]), symbol(%[[K]]) floordiv 2) step (2, 3) {
// CHECK-NEXT:      %[[V:[^ ]+]] = affine.load %[[M]][%[[I]], %[[J]]] : memref<100x100xf32>
// CHECK-NEXT:      affine.store %[[V]], %[[M]][%[[J]], %[[I]]] : memref<100x100xf32>
// CHECK-NEXT:    }
// GENERIC-LABEL: sym_name = "min_max_groups"
// GENERIC:       ^bb0(%{{[^:]+}}: memref<100x100xf32>, %[[GN:[^:]+]]: index, %[[GK:[^:]+]]: index):
// GENERIC-NEXT:  "affine.parallel"(%[[GN]], %[[GK]], %[[GK]]) <{lowerBoundsGroups = dense<[2, 1]> : tensor<2xi32>, lowerBoundsMap = {{#map[0-9]*|affine_map<\(d0\) -> \(0, d0 - 2, 0\)>}}, reductions = [], steps = [2, 3], upperBoundsGroups = dense<[2, 1]> : tensor<2xi32>, upperBoundsMap = {{#map[0-9]*|affine_map<\(d0\)\[s0\] -> \(100, d0, s0 floordiv 2\)>}}}> ({
// GENERIC-NEXT:  ^bb0(%[[GI:[^:]+]]: index, %[[GJ:[^:]+]]: index):
// GENERIC-NEXT:    %[[GV:[^ ]+]] = "affine.load"(%{{[^,]+}}, %[[GI]], %[[GJ]]) <{map = {{#map[0-9]*|affine_map<\(d0, d1\) -> \(d0, d1\)>}}}> : (memref<100x100xf32>, index, index) -> f32
// GENERIC-NEXT:    "affine.store"(%[[GV]], %{{[^,]+}}, %[[GJ]], %[[GI]]) <{map = {{#map[0-9]*|affine_map<\(d0, d1\) -> \(d0, d1\)>}}}> : (f32, memref<100x100xf32>, index, index) -> ()
// GENERIC-NEXT:    "affine.yield"() : () -> ()
// GENERIC-NEXT:  }) : (index, index, index) -> ()
func.func @min_max_groups(%m: memref<100x100xf32>, %n: index, %k: index) {
  affine.parallel (%i, %j) = (max(0, %n - 2), 0) to (min(100, %k), symbol(%k) floordiv 2) step (2, 3) {
    %v = affine.load %m[%i, %j] : memref<100x100xf32>
    affine.store %v, %m[%j, %i] : memref<100x100xf32>
  }
  return
}

// Reductions: the custom form names the arith.atomic_rmw kinds, the generic
// form stores their enum values (addf = 0, maximumf = 4) as i64 integers.
// CHECK-LABEL: func.func @float_reductions(
// CHECK-SAME:    %[[M:[^:]+]]: memref<100x100xf32>) -> (f32, f32)
// CHECK:         %[[R:[^ :]+]]:2 = affine.parallel (%[[I:[^ ,]+]], %[[J:[^ )]+]]) = (0, 0) to (100, 100) reduce ("addf", "maximumf") -> (f32, f32) {
// CHECK-NEXT:      %[[V:[^ ]+]] = affine.load %[[M]][%[[I]], %[[J]]] : memref<100x100xf32>
// CHECK-NEXT:      affine.yield %[[V]], %[[V]] : f32, f32
// CHECK-NEXT:    }
// CHECK-NEXT:    return %[[R]]#0, %[[R]]#1 : f32, f32
// GENERIC-LABEL: sym_name = "float_reductions"
// GENERIC:       %[[GR:[^ :]+]]:2 = "affine.parallel"() <{lowerBoundsGroups = dense<1> : tensor<2xi32>, lowerBoundsMap = {{#map[0-9]*|affine_map<\(\) -> \(0, 0\)>}}, reductions = [0, 4], steps = [1, 1], upperBoundsGroups = dense<1> : tensor<2xi32>, upperBoundsMap = {{#map[0-9]*|affine_map<\(\) -> \(100, 100\)>}}}> ({
// GENERIC:         "affine.yield"(%[[GV:[^,]+]], %[[GV]]) : (f32, f32) -> ()
// GENERIC-NEXT:  }) : () -> (f32, f32)
// GENERIC-NEXT:  "func.return"(%[[GR]]#0, %[[GR]]#1) : (f32, f32) -> ()
func.func @float_reductions(%m: memref<100x100xf32>) -> (f32, f32) {
  %r:2 = affine.parallel (%i, %j) = (0, 0) to (100, 100) reduce ("addf", "maximumf") -> (f32, f32) {
    %v = affine.load %m[%i, %j] : memref<100x100xf32>
    affine.yield %v, %v : f32, f32
  }
  return %r#0, %r#1 : f32, f32
}

// Integer reductions; maxs needs a signed and minu an unsigned integer type.
// CHECK-LABEL: func.func @integer_reductions(
// CHECK-SAME:    %[[A:[^:]+]]: i32, %[[B:[^:]+]]: si32, %[[C:[^:]+]]: ui32) -> (i32, si32, ui32)
// CHECK:         %[[R:[^ :]+]]:3 = affine.parallel (%{{[^ )]+}}) = (0) to (4) reduce ("addi", "maxs", "minu") -> (i32, si32, ui32) {
// CHECK-NEXT:      affine.yield %[[A]], %[[B]], %[[C]] : i32, si32, ui32
// CHECK-NEXT:    }
// GENERIC-LABEL: sym_name = "integer_reductions"
// GENERIC:       "affine.parallel"() <{lowerBoundsGroups = dense<1> : tensor<1xi32>, lowerBoundsMap = {{#map[0-9]*|affine_map<\(\) -> \(0\)>}}, reductions = [1, 6, 11], steps = [1], upperBoundsGroups = dense<1> : tensor<1xi32>, upperBoundsMap = {{#map[0-9]*|affine_map<\(\) -> \(4\)>}}}> ({
// GENERIC:       }) : () -> (i32, si32, ui32)
func.func @integer_reductions(%a: i32, %b: si32, %c: ui32) -> (i32, si32, ui32) {
  %r:3 = affine.parallel (%i) = (0) to (4) reduce ("addi", "maxs", "minu") -> (i32, si32, ui32) {
    affine.yield %a, %b, %c : i32, si32, ui32
  }
  return %r#0, %r#1, %r#2 : i32, si32, ui32
}

// All the remaining reduction kinds that the verifier accepts.
// CHECK-LABEL: func.func @other_reductions(
// CHECK:         affine.parallel (%{{[^ )]+}}) = (0) to (4) reduce ("andi", "assign", "minimumf", "mins", "maxu", "mulf", "muli", "ori") -> (i8, index, f64, si8, ui8, f16, i64, i1) {
// GENERIC-LABEL: sym_name = "other_reductions"
// GENERIC:       reductions = [2, 3, 8, 10, 7, 12, 13, 14]
func.func @other_reductions(%a: i8, %b: index, %c: f64, %d: si8, %e: ui8, %f: f16, %g: i64, %h: i1) {
  %r:8 = affine.parallel (%i) = (0) to (4) reduce ("andi", "assign", "minimumf", "mins", "maxu", "mulf", "muli", "ori") -> (i8, index, f64, si8, ui8, f16, i64, i1) {
    affine.yield %a, %b, %c, %d, %e, %f, %g, %h : i8, index, f64, si8, ui8, f16, i64, i1
  }
  return
}

// A zero-dimensional parallel loop has empty bounds and no block arguments.
// CHECK-LABEL: func.func @zero_dims()
// CHECK:         affine.parallel () = () to () {
// CHECK-NEXT:    }
// GENERIC-LABEL: sym_name = "zero_dims"
// GENERIC:       "affine.parallel"() <{lowerBoundsGroups = dense<> : tensor<0xi32>, lowerBoundsMap = {{#map[0-9]*|affine_map<\(\) -> \(\)>}}, reductions = [], steps = [], upperBoundsGroups = dense<> : tensor<0xi32>, upperBoundsMap = {{#map[0-9]*|affine_map<\(\) -> \(\)>}}}> ({
// GENERIC-NEXT:    "affine.yield"() : () -> ()
// GENERIC-NEXT:  }) : () -> ()
func.func @zero_dims() {
  affine.parallel () = () to () {
  }
  return
}
