// Round trip of affine.if: then-only, then/else, results, integer sets over
// dimensions and symbols, #set aliases, equalities and semi-affine
// constraints.
//
// RUN: irkit-opt %s | FileCheck %s
// RUN: irkit-opt %s | irkit-opt | FileCheck %s
// RUN: irkit-opt %s | FileCheck %s --check-prefix=SET
// RUN: irkit-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC
// RUN: irkit-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=SET
// RUN: irkit-opt %s > %t.custom && irkit-opt %s --mlir-print-op-generic | irkit-opt > %t.roundtrip && diff %t.custom %t.roundtrip
// RUN: irkit-opt %t.custom > %t.again && diff %t.custom %t.again
//
// Integer sets print in canonical form: every constraint is `expr >= 0` or
// `expr == 0`, with terms ordered dims, symbols, then the constant (so
// `s0 - d0 - 1` prints as `-d0 + s0 - 1`, and `e >= 1` as `e - 1 >= 0`). A
// set may be printed as an alias (#setN) or inline (affine_set<...>).

// SET-DAG: affine_set<(d0)[s0] : (d0 >= 0, -d0 + s0 - 1 >= 0)>
// SET-DAG: affine_set<(d0, d1) : (d0 - d1 == 0, d0 * 2 - 3 >= 0)>
// SET-DAG: affine_set<()[s0] : (s0 - 10 >= 0)>
// SET-DAG: affine_set<(d0) : (d0 mod 2 == 0, d0 floordiv 3 - 1 >= 0)>
// SET-DAG: affine_set<(d0)[s0] : (1 == 0)>
// SET-DAG: affine_set<(d0) : (-d0 + 5 >= 0)>
// SET-DAG: affine_set<(d0) : (0 == 0)>

#in_range = affine_set<(d0)[s0] : (d0 >= 0, s0 - d0 - 1 >= 0)>

// CHECK-LABEL: func.func @then_only(
// CHECK-SAME:    %[[M:[^:]+]]: memref<?xf32>, %[[N:[^:]+]]: index, %[[X:[^:]+]]: f32)
// CHECK:         affine.for %[[I:[^ ]+]] = 0 to 10 {
// CHECK-NEXT:      affine.if {{#set[0-9]*|affine_set<.+>}}(%[[I]])[%[[N]]] {
// CHECK-NEXT:        affine.store %[[X]], %[[M]][%[[I]]] : memref<?xf32>
// CHECK-NEXT:      }
// CHECK-NEXT:    }
// GENERIC-LABEL: sym_name = "then_only"
// GENERIC:       ^bb0(%{{[^:]+}}: memref<?xf32>, %[[GN:[^:]+]]: index, %{{[^:]+}}: f32):
// GENERIC:       ^bb0(%[[GI:[^:]+]]: index):
// GENERIC-NEXT:    "affine.if"(%[[GI]], %[[GN]]) <{condition = {{#set[0-9]*|affine_set<\(d0\)\[s0\] : \(d0 >= 0, -d0 \+ s0 - 1 >= 0\)>}}}> ({
// GENERIC-NEXT:      "affine.store"
// GENERIC-NEXT:      "affine.yield"() : () -> ()
// GENERIC-NEXT:    }, {
// GENERIC-NEXT:    }) : (index, index) -> ()
func.func @then_only(%m: memref<?xf32>, %n: index, %x: f32) {
  affine.for %i = 0 to 10 {
    affine.if #in_range(%i)[%n] {
      affine.store %x, %m[%i] : memref<?xf32>
    }
  }
  return
}

// An empty then-region prints as `{` `}`; the else region follows `else`.
// CHECK-LABEL: func.func @then_else(
// CHECK-SAME:    %[[M:[^:]+]]: memref<?xf32>, %[[X:[^:]+]]: f32)
// CHECK:         affine.for %[[I:[^ ]+]] = 0 to 10 {
// CHECK-NEXT:      affine.if {{#set[0-9]*|affine_set<.+>}}(%[[I]], %[[I]]) {
// CHECK-NEXT:      } else {
// CHECK-NEXT:        affine.store %[[X]], %[[M]][%[[I]]] : memref<?xf32>
// CHECK-NEXT:      }
// CHECK-NEXT:    }
// GENERIC-LABEL: sym_name = "then_else"
// GENERIC:       "affine.if"(%[[GI:[^,]+]], %[[GI]]) <{condition = {{#set[0-9]*|affine_set<.+>}}}> ({
// GENERIC-NEXT:    "affine.yield"() : () -> ()
// GENERIC-NEXT:  }, {
// GENERIC-NEXT:    "affine.store"
// GENERIC-NEXT:    "affine.yield"() : () -> ()
// GENERIC-NEXT:  }) : (index, index) -> ()
func.func @then_else(%m: memref<?xf32>, %x: f32) {
  affine.for %i = 0 to 10 {
    affine.if affine_set<(d0, d1) : (d0 - d1 == 0, d0 * 2 - 3 >= 0)>(%i, %i) {
    } else {
      affine.store %x, %m[%i] : memref<?xf32>
    }
  }
  return
}

// With results, both regions end in an explicit affine.yield that is printed.
// CHECK-LABEL: func.func @with_result(
// CHECK-SAME:    %[[N:[^:]+]]: index, %[[X:[^:]+]]: f32) -> f32
// CHECK:         %[[R:[^ ]+]] = affine.if {{#set[0-9]*|affine_set<.+>}}()[%[[N]]] -> f32 {
// CHECK-NEXT:      affine.yield %[[X]] : f32
// CHECK-NEXT:    } else {
// CHECK-NEXT:      %[[ONE:[^ ]+]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT:      affine.yield %[[ONE]] : f32
// CHECK-NEXT:    }
// CHECK-NEXT:    return %[[R]] : f32
// GENERIC-LABEL: sym_name = "with_result"
// GENERIC:       ^bb0(%[[GN:[^:]+]]: index, %[[GX:[^:]+]]: f32):
// GENERIC-NEXT:  %[[GR:[^ ]+]] = "affine.if"(%[[GN]]) <{condition = {{#set[0-9]*|affine_set<\(\)\[s0\] : \(s0 - 10 >= 0\)>}}}> ({
// GENERIC-NEXT:    "affine.yield"(%[[GX]]) : (f32) -> ()
// GENERIC-NEXT:  }, {
// GENERIC-NEXT:    %[[GONE:[^ ]+]] = "arith.constant"() <{value = 1.000000e+00 : f32}> : () -> f32
// GENERIC-NEXT:    "affine.yield"(%[[GONE]]) : (f32) -> ()
// GENERIC-NEXT:  }) : (index) -> f32
// GENERIC-NEXT:  "func.return"(%[[GR]]) : (f32) -> ()
func.func @with_result(%n: index, %x: f32) -> f32 {
  %r = affine.if affine_set<()[s0] : (s0 - 10 >= 0)>()[%n] -> f32 {
    affine.yield %x : f32
  } else {
    %one = arith.constant 1.0 : f32
    affine.yield %one : f32
  }
  return %r : f32
}

// Two results of different types.
// CHECK-LABEL: func.func @two_results(
// CHECK-SAME:    %[[N:[^:]+]]: index, %[[X:[^:]+]]: f32)
// CHECK:         %[[R:[^ :]+]]:2 = affine.if {{#set[0-9]*|affine_set<.+>}}()[%[[N]]] -> (f32, index) {
// CHECK-NEXT:      affine.yield %[[X]], %[[N]] : f32, index
// CHECK-NEXT:    } else {
// CHECK-NEXT:      affine.yield %[[X]], %[[N]] : f32, index
// CHECK-NEXT:    }
// GENERIC-LABEL: sym_name = "two_results"
// GENERIC:       %{{[^ :]+}}:2 = "affine.if"(%{{[^)]+}}) <{condition = {{#set[0-9]*|affine_set<.+>}}}> ({
// GENERIC:       }) : (index) -> (f32, index)
func.func @two_results(%n: index, %x: f32) -> (f32, index) {
  %r:2 = affine.if affine_set<()[s0] : (s0 - 10 >= 0)>()[%n] -> (f32, index) {
    affine.yield %x, %n : f32, index
  } else {
    affine.yield %x, %n : f32, index
  }
  return %r#0, %r#1 : f32, index
}

// Semi-affine constraints, a trivially empty set, a `<=` constraint (stored
// and printed as `>=`) and an empty constraint list (stored as 0 == 0); the
// same value may be passed as a dimension and as a symbol.
// CHECK-LABEL: func.func @other_sets(
// CHECK-SAME:    %[[N:[^:]+]]: index)
// CHECK:         affine.if {{#set[0-9]*|affine_set<.+>}}(%[[N]]) {
// CHECK-NEXT:    }
// CHECK-NEXT:    affine.if {{#set[0-9]*|affine_set<.+>}}(%[[N]])[%[[N]]] {
// CHECK-NEXT:    }
// CHECK-NEXT:    affine.if {{#set[0-9]*|affine_set<.+>}}(%[[N]]) {
// CHECK-NEXT:    }
// CHECK-NEXT:    affine.if {{#set[0-9]*|affine_set<.+>}}(%[[N]]) {
// CHECK-NEXT:    }
// GENERIC-LABEL: sym_name = "other_sets"
// GENERIC:       "affine.if"(%[[GN:[^)]+]]) <{condition = {{#set[0-9]*|affine_set<\(d0\) : \(d0 mod 2 == 0, d0 floordiv 3 - 1 >= 0\)>}}}> ({
// GENERIC:       "affine.if"(%[[GN]], %[[GN]]) <{condition = {{#set[0-9]*|affine_set<\(d0\)\[s0\] : \(1 == 0\)>}}}> ({
// GENERIC:       "affine.if"(%[[GN]]) <{condition = {{#set[0-9]*|affine_set<\(d0\) : \(-d0 \+ 5 >= 0\)>}}}> ({
// GENERIC:       "affine.if"(%[[GN]]) <{condition = {{#set[0-9]*|affine_set<\(d0\) : \(0 == 0\)>}}}> ({
func.func @other_sets(%n: index) {
  affine.if affine_set<(d0) : (d0 mod 2 == 0, d0 floordiv 3 >= 1)>(%n) {
  }
  affine.if affine_set<(d0)[s0] : (1 == 0)>(%n)[%n] {
  }
  affine.if affine_set<(d0) : (d0 <= 5)>(%n) {
  }
  affine.if affine_set<(d0) : ()>(%n) {
  }
  return
}

// Discardable attributes follow the last region.
// CHECK-LABEL: func.func @with_attribute(
// CHECK:         affine.if {{#set[0-9]*|affine_set<.+>}}()[%{{[^ ]+}}] {
// CHECK-NEXT:    } else {
// CHECK-NEXT:    } {tag = 7 : i64}
// GENERIC-LABEL: sym_name = "with_attribute"
// GENERIC:       }) {tag = 7 : i64} : (index) -> ()
func.func @with_attribute(%n: index) {
  affine.if affine_set<()[s0] : (s0 - 10 >= 0)>()[%n] {
  } else {
  } {tag = 7 : i64}
  return
}
