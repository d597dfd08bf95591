// scf.if to a CFG: a conditional branch to the then and else blocks, which branch to a
// continuation whose arguments are the if's results. Without an else, the false edge
// goes straight to the continuation. The expectations are MLIR's own.
//
// RUN: irkit-opt %s --convert-scf-to-cf | FileCheck %s

// CHECK-LABEL: func.func @select(
// CHECK-SAME:      %[[C:[^ :]+]]: i1, %[[A:[^ :]+]]: f32, %[[B:[^ :]+]]: f32) -> f32 {
// CHECK-NEXT:    cf.cond_br %[[C]], ^[[THEN:.*]], ^[[ELSE:[^ ]*]]
// CHECK-NEXT:  ^[[THEN]]:
// CHECK-NEXT:    %[[SUM:.*]] = arith.addf %[[A]], %[[B]] : f32
// CHECK-NEXT:    cf.br ^[[JOIN:.*]](%[[SUM]] : f32)
// CHECK-NEXT:  ^[[ELSE]]:
// CHECK-NEXT:    cf.br ^[[JOIN]](%[[B]] : f32)
// CHECK-NEXT:  ^[[JOIN]](%[[R:.*]]: f32):
// CHECK-NEXT:    cf.br ^[[CONT:[^ ]*]]
// CHECK-NEXT:  ^[[CONT]]:
// CHECK-NEXT:    {{(func\.)?}}return %[[R]] : f32
func.func @select(%c: i1, %a: f32, %b: f32) -> f32 {
  %r = scf.if %c -> (f32) {
    %sum = arith.addf %a, %b : f32
    scf.yield %sum : f32
  } else {
    scf.yield %b : f32
  }
  return %r : f32
}

// CHECK-LABEL: func.func @then_only(
// CHECK-SAME:      %[[C:[^ :]+]]: i1, %[[M:[^ :]+]]: memref<f32>, %[[V:[^ :]+]]: f32) {
// CHECK-NEXT:    cf.cond_br %[[C]], ^[[THEN:.*]], ^[[CONT:[^ ]*]]
// CHECK-NEXT:  ^[[THEN]]:
// CHECK-NEXT:    memref.store %[[V]], %[[M]][] : memref<f32>
// CHECK-NEXT:    cf.br ^[[CONT]]
// CHECK-NEXT:  ^[[CONT]]:
// CHECK-NEXT:    {{(func\.)?}}return
func.func @then_only(%c: i1, %m: memref<f32>, %v: f32) {
  scf.if %c {
    memref.store %v, %m[] : memref<f32>
  }
  return
}
