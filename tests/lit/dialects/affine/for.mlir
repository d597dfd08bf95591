// Round trip of affine.for: constant, symbolic and map bounds, max/min bounds,
// steps, iter_args with results, nesting, empty bodies and extra attributes.
//
// RUN: irkit-opt %s | FileCheck %s
// RUN: irkit-opt %s | irkit-opt | FileCheck %s
// RUN: irkit-opt %s | FileCheck %s --check-prefix=MAP
// RUN: irkit-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC
// RUN: irkit-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENMAP
// RUN: irkit-opt %s > %t.custom && irkit-opt %s --mlir-print-op-generic | irkit-opt > %t.roundtrip && diff %t.custom %t.roundtrip
// RUN: irkit-opt %t.custom > %t.again && diff %t.custom %t.again
//
// Conventions: SSA names are captured (mlir-opt renames everything to %argN /
// %N), and a map may be printed as an alias (#mapN, defined at the top of the
// output) or inline (affine_map<...>); the MAP and GENMAP prefixes check the
// map texts wherever they are printed.

// Maps that the custom form keeps (the trivial constant and single-symbol
// bounds print as plain integers and SSA values instead).
// MAP-DAG: affine_map<(d0)[s0] -> (0, d0 - s0)>
// MAP-DAG: affine_map<()[s0] -> (s0, 128)>
// MAP-DAG: affine_map<(d0)[s0] -> (d0 - s0)>
// MAP-DAG: affine_map<(d0) -> (d0 + 8)>
// MAP-DAG: affine_map<(d0) -> (d0)>
// MAP-DAG: affine_map<(d0) -> (d0 + 4)>
// MAP-DAG: affine_map<()[s0] -> (s0 * 2)>

// Every bound map, as the generic form prints it.
// GENMAP-DAG: affine_map<() -> (0)>
// GENMAP-DAG: affine_map<() -> (10)>
// GENMAP-DAG: affine_map<() -> (-3)>
// GENMAP-DAG: affine_map<() -> (7)>
// GENMAP-DAG: affine_map<() -> (16)>
// GENMAP-DAG: affine_map<()[s0] -> (s0)>
// GENMAP-DAG: affine_map<(d0)[s0] -> (0, d0 - s0)>
// GENMAP-DAG: affine_map<()[s0] -> (s0, 128)>
// GENMAP-DAG: affine_map<(d0)[s0] -> (d0 - s0)>
// GENMAP-DAG: affine_map<(d0) -> (d0 + 8)>
// GENMAP-DAG: affine_map<(d0) -> (d0)>
// GENMAP-DAG: affine_map<(d0) -> (d0 + 4)>
// GENMAP-DAG: affine_map<()[s0] -> (s0 * 2)>
// GENMAP-DAG: affine_map<(d0, d1) -> (d0 + d1)>

#shifted = affine_map<(d0)[s0] -> (d0 - s0)>

// CHECK-LABEL: func.func @constant_bounds()
// CHECK:       affine.for %{{[^ ]+}} = 0 to 10 {
// CHECK-NEXT:  }
// CHECK:       affine.for %{{[^ ]+}} = -3 to 7 step 3 {
// CHECK-NEXT:  }
// An explicit empty affine.yield and a unit step are both elided.
// CHECK:       affine.for %{{[^ ]+}} = 0 to 16 {
// CHECK-NEXT:  }
// CHECK-NEXT:  return
// GENERIC-LABEL: sym_name = "constant_bounds"
// GENERIC:       "affine.for"() <{lowerBoundMap = {{#map[0-9]*|affine_map<\(\) -> \(0\)>}}, operandSegmentSizes = array<i32: 0, 0, 0>, step = 1 : index, upperBoundMap = {{#map[0-9]*|affine_map<\(\) -> \(10\)>}}}> ({
// GENERIC-NEXT:  ^bb0(%{{[^:]+}}: index):
// GENERIC-NEXT:    "affine.yield"() : () -> ()
// GENERIC-NEXT:  }) : () -> ()
// GENERIC:       "affine.for"() <{lowerBoundMap = {{#map[0-9]*|affine_map<\(\) -> \(-3\)>}}, operandSegmentSizes = array<i32: 0, 0, 0>, step = 3 : index, upperBoundMap = {{#map[0-9]*|affine_map<\(\) -> \(7\)>}}}> ({
// GENERIC:       "affine.for"() <{lowerBoundMap = {{#map[0-9]*|affine_map<\(\) -> \(0\)>}}, operandSegmentSizes = array<i32: 0, 0, 0>, step = 1 : index, upperBoundMap = {{#map[0-9]*|affine_map<\(\) -> \(16\)>}}}> ({
// GENERIC-NEXT:  ^bb0(%{{[^:]+}}: index):
// GENERIC-NEXT:    "affine.yield"() : () -> ()
// GENERIC-NEXT:  }) : () -> ()
func.func @constant_bounds() {
  affine.for %i = 0 to 10 {
  }
  affine.for %i = -3 to 7 step 3 {
  }
  affine.for %i = 0 to 16 step 1 {
    affine.yield
  }
  return
}

// CHECK-LABEL: func.func @symbolic_bounds(
// CHECK-SAME:    %[[N:[^:]+]]: index, %[[K:[^:]+]]: index)
// CHECK:         affine.for %{{[^ ]+}} = %[[N]] to %[[K]] step 4 {
// CHECK-NEXT:    }
// GENERIC-LABEL: sym_name = "symbolic_bounds"
// GENERIC:       ^bb0(%[[GN:[^:]+]]: index, %[[GK:[^:]+]]: index):
// GENERIC-NEXT:  "affine.for"(%[[GN]], %[[GK]]) <{lowerBoundMap = {{#map[0-9]*|affine_map<\(\)\[s0\] -> \(s0\)>}}, operandSegmentSizes = array<i32: 1, 1, 0>, step = 4 : index, upperBoundMap = {{#map[0-9]*|affine_map<\(\)\[s0\] -> \(s0\)>}}}> ({
// GENERIC:       }) : (index, index) -> ()
func.func @symbolic_bounds(%n: index, %k: index) {
  affine.for %i = %n to %k step 4 {
  }
  return
}

// Values that are valid symbols without being function arguments: constants,
// memref.dim of a top-level memref and affine.apply of symbols.
// CHECK-LABEL: func.func @derived_symbols(
// CHECK-SAME:    %[[M:[^:]+]]: memref<?x8xf32>, %[[N:[^:]+]]: index)
// CHECK:         %[[C:[^ ]+]] = arith.constant 42 : index
// CHECK:         %[[D:[^ ]+]] = memref.dim %[[M]], %{{[^ ]+}} : memref<?x8xf32>
// CHECK:         %[[A:[^ ]+]] = affine.apply {{#map[0-9]*|affine_map<.+>}}()[%[[N]]]
// CHECK:         affine.for %{{[^ ]+}} = %[[C]] to %[[D]] {
// CHECK:         affine.for %{{[^ ]+}} = %[[A]] to %[[N]] {
func.func @derived_symbols(%m: memref<?x8xf32>, %n: index) {
  %c42 = arith.constant 42 : index
  %c0 = arith.constant 0 : index
  %d = memref.dim %m, %c0 : memref<?x8xf32>
  %a = affine.apply affine_map<()[s0] -> (s0 * 2)>()[%n]
  affine.for %i = %c42 to %d {
  }
  affine.for %i = %a to %n {
  }
  return
}

// CHECK-LABEL: func.func @map_bounds(
// CHECK-SAME:    %[[N:[^:]+]]: index, %[[K:[^:]+]]: index)
// CHECK:         affine.for %{{[^ ]+}} = {{#map[0-9]*|affine_map<.+>}}(%[[N]])[%[[K]]] to {{#map[0-9]*|affine_map<.+>}}(%[[N]]) {
// CHECK-NEXT:    }
// GENERIC-LABEL: sym_name = "map_bounds"
// GENERIC:       ^bb0(%[[GN:[^:]+]]: index, %[[GK:[^:]+]]: index):
// GENERIC-NEXT:  "affine.for"(%[[GN]], %[[GK]], %[[GN]]) <{lowerBoundMap = {{#map[0-9]*|affine_map<\(d0\)\[s0\] -> \(d0 - s0\)>}}, operandSegmentSizes = array<i32: 2, 1, 0>, step = 1 : index, upperBoundMap = {{#map[0-9]*|affine_map<\(d0\) -> \(d0 \+ 8\)>}}}> ({
func.func @map_bounds(%n: index, %k: index) {
  affine.for %i = #shifted(%n)[%k] to affine_map<(d0) -> (d0 + 8)>(%n) {
  }
  return
}

// Multi-result bound maps need the `max` / `min` keywords.
// CHECK-LABEL: func.func @max_min_bounds(
// CHECK-SAME:    %[[N:[^:]+]]: index, %[[K:[^:]+]]: index)
// CHECK:         affine.for %{{[^ ]+}} = max {{#map[0-9]*|affine_map<.+>}}(%[[N]])[%[[K]]] to min {{#map[0-9]*|affine_map<.+>}}()[%[[K]]] step 2 {
// CHECK-NEXT:    }
// GENERIC-LABEL: sym_name = "max_min_bounds"
// GENERIC:       ^bb0(%[[GN:[^:]+]]: index, %[[GK:[^:]+]]: index):
// GENERIC-NEXT:  "affine.for"(%[[GN]], %[[GK]], %[[GK]]) <{lowerBoundMap = {{#map[0-9]*|affine_map<.+>}}, operandSegmentSizes = array<i32: 2, 1, 0>, step = 2 : index, upperBoundMap = {{#map[0-9]*|affine_map<.+>}}}> ({
func.func @max_min_bounds(%n: index, %k: index) {
  affine.for %i = max affine_map<(d0)[s0] -> (0, d0 - s0)>(%n)[%k] to min affine_map<()[s0] -> (s0, 128)>()[%k] step 2 {
  }
  return
}

// CHECK-LABEL: func.func @iter_args_sum(
// CHECK-SAME:    %[[M:[^:]+]]: memref<?xf32>, %[[N:[^:]+]]: index) -> f32
// CHECK:         %[[ZERO:[^ ]+]] = arith.constant 0.000000e+00 : f32
// CHECK:         %[[SUM:[^ ]+]] = affine.for %[[I:[^ ]+]] = 0 to %[[N]] iter_args(%[[ACC:[^ ]+]] = %[[ZERO]]) -> (f32) {
// CHECK-NEXT:      %[[V:[^ ]+]] = affine.load %[[M]][%[[I]]] : memref<?xf32>
// CHECK-NEXT:      %[[ADD:[^ ]+]] = arith.addf %[[ACC]], %[[V]] : f32
// CHECK-NEXT:      affine.yield %[[ADD]] : f32
// CHECK-NEXT:    }
// CHECK-NEXT:    return %[[SUM]] : f32
// GENERIC-LABEL: sym_name = "iter_args_sum"
// GENERIC:       %[[GZERO:[^ ]+]] = "arith.constant"()
// GENERIC-NEXT:  %[[GSUM:[^ ]+]] = "affine.for"(%{{[^,]+}}, %[[GZERO]]) <{lowerBoundMap = {{#map[0-9]*|affine_map<.+>}}, operandSegmentSizes = array<i32: 0, 1, 1>, step = 1 : index, upperBoundMap = {{#map[0-9]*|affine_map<.+>}}}> ({
// GENERIC-NEXT:  ^bb0(%{{[^:]+}}: index, %[[GACC:[^:]+]]: f32):
// GENERIC:         "affine.yield"(%{{[^)]+}}) : (f32) -> ()
// GENERIC-NEXT:  }) : (index, f32) -> f32
// GENERIC-NEXT:  "func.return"(%[[GSUM]]) : (f32) -> ()
func.func @iter_args_sum(%m: memref<?xf32>, %n: index) -> f32 {
  %zero = arith.constant 0.0 : f32
  %sum = affine.for %i = 0 to %n iter_args(%acc = %zero) -> (f32) {
    %v = affine.load %m[%i] : memref<?xf32>
    %add = arith.addf %acc, %v : f32
    affine.yield %add : f32
  }
  return %sum : f32
}

// CHECK-LABEL: func.func @iter_args_two_results(
// CHECK-SAME:    %[[X:[^:]+]]: f32, %[[N:[^:]+]]: index) -> (f32, index)
// CHECK:         %[[R:[^ :]+]]:2 = affine.for %{{[^ ]+}} = 0 to 4 iter_args(%[[A:[^ ]+]] = %[[X]], %[[B:[^ ]+]] = %[[N]]) -> (f32, index) {
// CHECK-NEXT:      affine.yield %[[A]], %[[B]] : f32, index
// CHECK-NEXT:    }
// CHECK-NEXT:    return %[[R]]#0, %[[R]]#1 : f32, index
// GENERIC-LABEL: sym_name = "iter_args_two_results"
// GENERIC:       %{{[^ :]+}}:2 = "affine.for"(%{{[^,]+}}, %{{[^)]+}}) <{lowerBoundMap = {{#map[0-9]*|affine_map<.+>}}, operandSegmentSizes = array<i32: 0, 0, 2>, step = 1 : index, upperBoundMap = {{#map[0-9]*|affine_map<.+>}}}> ({
// GENERIC-NEXT:  ^bb0(%{{[^:]+}}: index, %{{[^:]+}}: f32, %{{[^:]+}}: index):
// GENERIC:       }) : (f32, index) -> (f32, index)
func.func @iter_args_two_results(%x: f32, %n: index) -> (f32, index) {
  %r:2 = affine.for %i = 0 to 4 iter_args(%a = %x, %b = %n) -> (f32, index) {
    affine.yield %a, %b : f32, index
  }
  return %r#0, %r#1 : f32, index
}

// The inner bounds use the outer induction variable as a dimension.
// CHECK-LABEL: func.func @nested(
// CHECK-SAME:    %[[M:[^:]+]]: memref<?xf32>, %[[N:[^:]+]]: index, %[[X:[^:]+]]: f32)
// CHECK:         affine.for %[[I:[^ ]+]] = 0 to 8 {
// CHECK-NEXT:      affine.for %[[J:[^ ]+]] = {{#map[0-9]*|affine_map<.+>}}(%[[I]]) to {{#map[0-9]*|affine_map<.+>}}(%[[I]]) {
// CHECK-NEXT:        affine.for %[[K:[^ ]+]] = 0 to %[[N]] {
// CHECK-NEXT:          affine.store %[[X]], %[[M]][%[[I]] + %[[J]]] : memref<?xf32>
// CHECK-NEXT:        }
// CHECK-NEXT:      }
// CHECK-NEXT:    }
// GENERIC-LABEL: sym_name = "nested"
// GENERIC:       "affine.for"() <{lowerBoundMap = {{#map[0-9]*|affine_map<.+>}}, operandSegmentSizes = array<i32: 0, 0, 0>, step = 1 : index, upperBoundMap = {{#map[0-9]*|affine_map<.+>}}}> ({
// GENERIC-NEXT:  ^bb0(%[[GI:[^:]+]]: index):
// GENERIC-NEXT:    "affine.for"(%[[GI]], %[[GI]]) <{lowerBoundMap = {{#map[0-9]*|affine_map<.+>}}, operandSegmentSizes = array<i32: 1, 1, 0>, step = 1 : index, upperBoundMap = {{#map[0-9]*|affine_map<.+>}}}> ({
// GENERIC-NEXT:    ^bb0(%[[GJ:[^:]+]]: index):
// GENERIC-NEXT:      "affine.for"(%{{[^)]+}}) <{lowerBoundMap = {{#map[0-9]*|affine_map<.+>}}, operandSegmentSizes = array<i32: 0, 1, 0>, step = 1 : index, upperBoundMap = {{#map[0-9]*|affine_map<.+>}}}> ({
// GENERIC-NEXT:      ^bb0(%{{[^:]+}}: index):
// GENERIC-NEXT:        "affine.store"(%{{[^,]+}}, %{{[^,]+}}, %[[GI]], %[[GJ]]) <{map = {{#map[0-9]*|affine_map<\(d0, d1\) -> \(d0 \+ d1\)>}}}> : (f32, memref<?xf32>, index, index) -> ()
// GENERIC-NEXT:        "affine.yield"() : () -> ()
// GENERIC-NEXT:      }) : (index) -> ()
// GENERIC-NEXT:      "affine.yield"() : () -> ()
// GENERIC-NEXT:    }) : (index, index) -> ()
// GENERIC-NEXT:    "affine.yield"() : () -> ()
// GENERIC-NEXT:  }) : () -> ()
func.func @nested(%m: memref<?xf32>, %n: index, %x: f32) {
  affine.for %i = 0 to 8 {
    affine.for %j = affine_map<(d0) -> (d0)>(%i) to affine_map<(d0) -> (d0 + 4)>(%i) {
      affine.for %k = 0 to %n {
        affine.store %x, %m[%i + %j] : memref<?xf32>
      }
    }
  }
  return
}

// Discardable attributes follow the region in the custom form and are kept.
// CHECK-LABEL: func.func @with_attribute()
// CHECK:         affine.for %{{[^ ]+}} = 0 to 10 {
// CHECK-NEXT:    } {tag = "outer"}
// GENERIC-LABEL: sym_name = "with_attribute"
// GENERIC:       }) {tag = "outer"} : () -> ()
func.func @with_attribute() {
  affine.for %i = 0 to 10 {
  } {tag = "outer"}
  return
}
