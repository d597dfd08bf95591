// Affine ops written in the generic form parse and print in the custom form.
// The inherent attributes are given here the old way, in the attribute
// dictionary `{...}` instead of the properties `<{...}>`; both spellings must
// be accepted and the printer always uses `<{...}>`. A missing `disjoint`
// unit property means false.
//
// RUN: irkit-opt %s | FileCheck %s
// RUN: irkit-opt %s | irkit-opt | FileCheck %s
// RUN: irkit-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC
// RUN: irkit-opt %s > %t.custom && irkit-opt %s --mlir-print-op-generic | irkit-opt > %t.roundtrip && diff %t.custom %t.roundtrip
// RUN: irkit-opt %t.custom > %t.again && diff %t.custom %t.again

// CHECK-LABEL: func.func @reduce(
// CHECK-SAME:    %[[M:[^:]+]]: memref<8xf32>, %[[N:[^:]+]]: index) -> f32
// CHECK-NEXT:    %[[Z:[^ ]+]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT:    %[[R:[^ ]+]] = affine.for %[[I:[^ ]+]] = 0 to %[[N]] iter_args(%[[ACC:[^ ]+]] = %[[Z]]) -> (f32) {
// CHECK-NEXT:      %[[V:[^ ]+]] = affine.load %[[M]][%[[I]]] : memref<8xf32>
// CHECK-NEXT:      %[[S:[^ ]+]] = arith.addf %[[ACC]], %[[V]] : f32
// CHECK-NEXT:      affine.yield %[[S]] : f32
// CHECK-NEXT:    }
// CHECK-NEXT:    return %[[R]] : f32

// CHECK-LABEL: func.func @mixed(
// CHECK-SAME:    %[[M:[^:]+]]: memref<8x8xf32>, %[[N:[^:]+]]: index, %[[X:[^:]+]]: f32)
// CHECK-NEXT:    affine.parallel (%[[I:[^ ,]+]], %[[J:[^ )]+]]) = (0, 0) to (%[[N]], 8) {
// CHECK-NEXT:      affine.if {{#set[0-9]*|affine_set<\(d0\)\[s0\] : \(-d0 \+ s0 - 1 >= 0\)>}}(%[[I]])[%[[N]]] {
// CHECK-NEXT:        affine.store %[[X]], %[[M]][%[[I]], %[[J]]] : memref<8x8xf32>
// CHECK-NEXT:      }
// CHECK-NEXT:      affine.prefetch %[[M]][%[[I]], %[[J]]], read, locality<2>, data : memref<8x8xf32>
// CHECK-NEXT:      %[[A:[^ ]+]] = affine.apply {{#map[0-9]*|affine_map<\(d0\)\[s0\] -> \(d0 \+ s0\)>}}(%[[I]])[%[[N]]]
// CHECK-NEXT:      %{{[^ ]+}} = affine.min {{#map[0-9]*|affine_map<\(d0\)\[s0\] -> \(d0, s0\)>}}(%[[A]])[%[[N]]]
// CHECK-NEXT:      %{{[^ ]+}} = affine.linearize_index [%[[I]], %[[J]]] by (8, 8) : index
// CHECK-NEXT:    }
// CHECK-NEXT:    return

// GENERIC-LABEL: sym_name = "reduce"
// GENERIC:       "affine.for"(%{{[^,]+}}, %{{[^)]+}}) <{lowerBoundMap = {{#map[0-9]*|affine_map<\(\) -> \(0\)>}}, operandSegmentSizes = array<i32: 0, 1, 1>, step = 1 : index, upperBoundMap = {{#map[0-9]*|affine_map<\(\)\[s0\] -> \(s0\)>}}}> ({
// GENERIC:       "affine.load"(%{{[^,]+}}, %{{[^)]+}}) <{map = {{#map[0-9]*|affine_map<\(d0\) -> \(d0\)>}}}> : (memref<8xf32>, index) -> f32
// GENERIC-LABEL: sym_name = "mixed"
// GENERIC:       "affine.parallel"(%{{[^)]+}}) <{lowerBoundsGroups = dense<1> : tensor<2xi32>, lowerBoundsMap = {{#map[0-9]*|affine_map<\(\) -> \(0, 0\)>}}, reductions = [], steps = [1, 1], upperBoundsGroups = dense<1> : tensor<2xi32>, upperBoundsMap = {{#map[0-9]*|affine_map<\(d0\) -> \(d0, 8\)>}}}> ({
// GENERIC:       "affine.if"(%{{[^,]+}}, %{{[^)]+}}) <{condition = {{#set[0-9]*|affine_set<.+>}}}> ({
// GENERIC:       "affine.prefetch"(%{{[^)]+}}) <{isDataCache = true, isWrite = false, localityHint = 2 : i32, map = {{#map[0-9]*|affine_map<.+>}}}>
// GENERIC:       "affine.linearize_index"(%{{[^)]+}}) <{disjoint = false, operandSegmentSizes = array<i32: 2, 0>, static_basis = array<i64: 8, 8>}>
// GENERIC:       }) : (index) -> ()

"builtin.module"() ({
  "func.func"() <{function_type = (memref<8xf32>, index) -> f32, sym_name = "reduce"}> ({
  ^bb0(%m: memref<8xf32>, %n: index):
    %z = "arith.constant"() <{value = 0.0 : f32}> : () -> f32
    %r = "affine.for"(%n, %z) ({
    ^bb0(%i: index, %acc: f32):
      %v = "affine.load"(%m, %i) {map = affine_map<(d0) -> (d0)>} : (memref<8xf32>, index) -> f32
      %s = "arith.addf"(%acc, %v) <{fastmath = #arith.fastmath<none>}> : (f32, f32) -> f32
      "affine.yield"(%s) : (f32) -> ()
    }) {lowerBoundMap = affine_map<() -> (0)>, operandSegmentSizes = array<i32: 0, 1, 1>, step = 1 : index, upperBoundMap = affine_map<()[s0] -> (s0)>} : (index, f32) -> f32
    "func.return"(%r) : (f32) -> ()
  }) : () -> ()
  "func.func"() <{function_type = (memref<8x8xf32>, index, f32) -> (), sym_name = "mixed"}> ({
  ^bb0(%m: memref<8x8xf32>, %n: index, %x: f32):
    "affine.parallel"(%n) ({
    ^bb0(%i: index, %j: index):
      "affine.if"(%i, %n) ({
        "affine.store"(%x, %m, %i, %j) {map = affine_map<(d0, d1) -> (d0, d1)>} : (f32, memref<8x8xf32>, index, index) -> ()
        "affine.yield"() : () -> ()
      }, {
      }) {condition = affine_set<(d0)[s0] : (-d0 + s0 - 1 >= 0)>} : (index, index) -> ()
      "affine.prefetch"(%m, %i, %j) {isDataCache = true, isWrite = false, localityHint = 2 : i32, map = affine_map<(d0, d1) -> (d0, d1)>} : (memref<8x8xf32>, index, index) -> ()
      %a = "affine.apply"(%i, %n) {map = affine_map<(d0)[s0] -> (d0 + s0)>} : (index, index) -> index
      %b = "affine.min"(%a, %n) {map = affine_map<(d0)[s0] -> (d0, s0)>} : (index, index) -> index
      %l = "affine.linearize_index"(%i, %j) <{operandSegmentSizes = array<i32: 2, 0>, static_basis = array<i64: 8, 8>}> : (index, index) -> index
      "affine.yield"() : () -> ()
    }) {lowerBoundsGroups = dense<1> : tensor<2xi32>, lowerBoundsMap = affine_map<() -> (0, 0)>, reductions = [], steps = [1, 1], upperBoundsGroups = dense<1> : tensor<2xi32>, upperBoundsMap = affine_map<(d0) -> (d0, 8)>} : (index) -> ()
    "func.return"() : () -> ()
  }) : () -> ()
}) : () -> ()
