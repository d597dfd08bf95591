// scf.parallel becomes a nest of loops, outermost first, that carry the reductions; the
// innermost body combines each value into its accumulator with the reduce region. Then
// the loops lower like scf.for. xDSL has neither this lowering nor scf.parallel's custom
// syntax, so the input is in the generic form. The expectations are MLIR's own.
//
// RUN: irkit-opt %s --convert-scf-to-cf | FileCheck %s

// CHECK-LABEL: func.func @total(
// CHECK-SAME:      %[[M:[^ :]+]]: memref<?x?xf32>, %[[N:[^ :]+]]: index) -> f32 {
// CHECK:         %[[C0:.*]] = arith.constant 0 : index
// CHECK-NEXT:    %[[C1:.*]] = arith.constant 1 : index
// CHECK-NEXT:    %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT:    cf.br ^[[OUTER:.*]](%[[C0]], %[[ZERO]] : index, f32)
// CHECK-NEXT:  ^[[OUTER]](%[[I:.*]]: index, %[[ACC_I:.*]]: f32):
// CHECK-NEXT:    %[[MORE_I:.*]] = arith.cmpi slt, %[[I]], %[[N]] : index
// CHECK-NEXT:    cf.cond_br %[[MORE_I]], ^[[OUTER_BODY:.*]], ^[[DONE:[^ ]*]]
// CHECK-NEXT:  ^[[OUTER_BODY]]:
// CHECK-NEXT:    cf.br ^[[INNER:.*]](%[[C0]], %[[ACC_I]] : index, f32)
// CHECK-NEXT:  ^[[INNER]](%[[J:.*]]: index, %[[ACC_J:.*]]: f32):
// CHECK-NEXT:    %[[MORE_J:.*]] = arith.cmpi slt, %[[J]], %[[N]] : index
// CHECK-NEXT:    cf.cond_br %[[MORE_J]], ^[[INNER_BODY:.*]], ^[[INNER_EXIT:[^ ]*]]
// CHECK-NEXT:  ^[[INNER_BODY]]:
// CHECK-NEXT:    %[[V:.*]] = memref.load %[[M]][%[[I]], %[[J]]] : memref<?x?xf32>
// CHECK-NEXT:    %[[SUM:.*]] = arith.addf %[[ACC_J]], %[[V]] : f32
// CHECK-NEXT:    %[[J_NEXT:.*]] = arith.addi %[[J]], %[[C1]] : index
// CHECK-NEXT:    cf.br ^[[INNER]](%[[J_NEXT]], %[[SUM]] : index, f32)
// CHECK-NEXT:  ^[[INNER_EXIT]]:
// CHECK-NEXT:    %[[I_NEXT:.*]] = arith.addi %[[I]], %[[C1]] : index
// CHECK-NEXT:    cf.br ^[[OUTER]](%[[I_NEXT]], %[[ACC_J]] : index, f32)
// CHECK-NEXT:  ^[[DONE]]:
// CHECK-NEXT:    {{(func\.)?}}return %[[ACC_I]] : f32
"func.func"() <{function_type = (memref<?x?xf32>, index) -> f32, sym_name = "total"}> ({
^bb0(%m: memref<?x?xf32>, %n: index):
  %c0 = "arith.constant"() <{value = 0 : index}> : () -> index
  %c1 = "arith.constant"() <{value = 1 : index}> : () -> index
  %zero = "arith.constant"() <{value = 0.000000e+00 : f32}> : () -> f32
  %r = "scf.parallel"(%c0, %c0, %n, %n, %c1, %c1, %zero) <{operandSegmentSizes = array<i32: 2, 2, 2, 1>}> ({
  ^bb0(%i: index, %j: index):
    %v = "memref.load"(%m, %i, %j) : (memref<?x?xf32>, index, index) -> f32
    "scf.reduce"(%v) ({
    ^bb0(%a: f32, %b: f32):
      %s = "arith.addf"(%a, %b) <{fastmath = #arith.fastmath<none>}> : (f32, f32) -> f32
      "scf.reduce.return"(%s) : (f32) -> ()
    }) : (f32) -> ()
  }) : (index, index, index, index, index, index, f32) -> f32
  "func.return"(%r) : (f32) -> ()
}) : () -> ()

// CHECK-LABEL: func.func @fill(
// CHECK-SAME:      %[[M:[^ :]+]]: memref<?xf32>, %[[N:[^ :]+]]: index, %[[V:[^ :]+]]: f32) {
// CHECK:         cf.br ^[[LOOP:.*]](%{{.*}} : index)
// CHECK-NEXT:  ^[[LOOP]](%[[I:.*]]: index):
// CHECK-NEXT:    %[[MORE:.*]] = arith.cmpi slt, %[[I]], %[[N]] : index
// CHECK-NEXT:    cf.cond_br %[[MORE]], ^[[BODY:.*]], ^[[DONE:[^ ]*]]
// CHECK-NEXT:  ^[[BODY]]:
// CHECK-NEXT:    memref.store %[[V]], %[[M]][%[[I]]] : memref<?xf32>
// CHECK-NEXT:    %[[NEXT:.*]] = arith.addi %[[I]], %{{.*}} : index
// CHECK-NEXT:    cf.br ^[[LOOP]](%[[NEXT]] : index)
// CHECK-NEXT:  ^[[DONE]]:
// CHECK-NEXT:    {{(func\.)?}}return
"func.func"() <{function_type = (memref<?xf32>, index, f32) -> (), sym_name = "fill"}> ({
^bb0(%m: memref<?xf32>, %n: index, %v: f32):
  %c0 = "arith.constant"() <{value = 0 : index}> : () -> index
  %c1 = "arith.constant"() <{value = 1 : index}> : () -> index
  "scf.parallel"(%c0, %n, %c1) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
  ^bb0(%i: index):
    "memref.store"(%v, %m, %i) : (f32, memref<?xf32>, index) -> ()
    "scf.reduce"() : () -> ()
  }) : (index, index, index) -> ()
  "func.return"() : () -> ()
}) : () -> ()
