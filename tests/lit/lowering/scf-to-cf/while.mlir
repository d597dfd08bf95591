// scf.while to a CFG: the `before` block branches on the condition to the `after` block,
// which branches back, or to the continuation; the loop's results are the values passed
// to scf.condition. xDSL has no scf.while lowering; this one is MLIR's.
//
// RUN: irkit-opt %s --convert-scf-to-cf | FileCheck %s

// CHECK-LABEL: func.func @count_down(
// CHECK-SAME:      %[[N:[^ :]+]]: i32) -> i32 {
// CHECK-NEXT:    cf.br ^[[BEFORE:.*]](%[[N]] : i32)
// CHECK-NEXT:  ^[[BEFORE]](%[[X:.*]]: i32):
// CHECK-NEXT:    %[[ZERO:.*]] = arith.constant 0 : i32
// CHECK-NEXT:    %[[POSITIVE:.*]] = arith.cmpi sgt, %[[X]], %[[ZERO]] : i32
// CHECK-NEXT:    cf.cond_br %[[POSITIVE]], ^[[AFTER:.*]](%[[X]] : i32), ^[[CONT:[^ ]*]]
// CHECK-NEXT:  ^[[AFTER]](%[[Y:.*]]: i32):
// CHECK-NEXT:    %[[ONE:.*]] = arith.constant 1 : i32
// CHECK-NEXT:    %[[Z:.*]] = arith.subi %[[Y]], %[[ONE]] : i32
// CHECK-NEXT:    cf.br ^[[BEFORE]](%[[Z]] : i32)
// CHECK-NEXT:  ^[[CONT]]:
// CHECK-NEXT:    {{(func\.)?}}return %[[X]] : i32
func.func @count_down(%n: i32) -> i32 {
  %r = scf.while (%x = %n) : (i32) -> i32 {
    %zero = arith.constant 0 : i32
    %positive = arith.cmpi sgt, %x, %zero : i32
    scf.condition(%positive) %x : i32
  } do {
  ^bb0(%y: i32):
    %one = arith.constant 1 : i32
    %z = arith.subi %y, %one : i32
    scf.yield %z : i32
  }
  return %r : i32
}
