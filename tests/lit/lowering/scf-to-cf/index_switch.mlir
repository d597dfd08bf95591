// scf.index_switch to cf.switch over the cases, each case block branching to the
// continuation with its yielded values (xDSL's lowering, which matches MLIR's).
//
// RUN: irkit-opt %s --convert-scf-to-cf | FileCheck %s

// CHECK-LABEL: func.func @pick(
// CHECK-SAME:      %[[K:[^ :]+]]: index) -> i32 {
// CHECK-NEXT:    %[[SELECTOR:.*]] = arith.index_cast %[[K]] : index to i32
// CHECK-NEXT:    cf.switch %[[SELECTOR]] : i32, [
// CHECK-NEXT:      default: ^[[DEFAULT:.*]],
// CHECK-NEXT:      2: ^[[TWO:.*]],
// CHECK-NEXT:      5: ^[[FIVE:[^ ]*]]
// CHECK-NEXT:    ]
// CHECK-NEXT:  ^[[TWO]]:
// CHECK-NEXT:    %[[C20:.*]] = arith.constant 20 : i32
// CHECK-NEXT:    cf.br ^[[JOIN:.*]](%[[C20]] : i32)
// CHECK-NEXT:  ^[[FIVE]]:
// CHECK-NEXT:    %[[C50:.*]] = arith.constant 50 : i32
// CHECK-NEXT:    cf.br ^[[JOIN]](%[[C50]] : i32)
// CHECK-NEXT:  ^[[DEFAULT]]:
// CHECK-NEXT:    %[[C0:.*]] = arith.constant 0 : i32
// CHECK-NEXT:    cf.br ^[[JOIN]](%[[C0]] : i32)
// CHECK-NEXT:  ^[[JOIN]](%[[R:.*]]: i32):
// CHECK-NEXT:    {{(func\.)?}}return %[[R]] : i32
func.func @pick(%k: index) -> i32 {
  %r = scf.index_switch %k -> i32
  case 2 {
    %c20 = arith.constant 20 : i32
    scf.yield %c20 : i32
  }
  case 5 {
    %c50 = arith.constant 50 : i32
    scf.yield %c50 : i32
  }
  default {
    %c0 = arith.constant 0 : i32
    scf.yield %c0 : i32
  }
  return %r : i32
}
