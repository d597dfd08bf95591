// An error inside the result list of an op (`%0, = ...`, or a bad token after
// `=`) is reported with the parser's message at its location, not as
// "pop from empty list".
//
// RUN: not irkit-opt %s --split-input-file 2>&1 | FileCheck %s

func.func @f() {
  // CHECK: parse-error-result-list.mlir:[[# @LINE + 1]]:{{[0-9]+}}: error:
  %0, = arith.constant 0 : i32
  return
}

// -----

func.func @g() {
  // CHECK: parse-error-result-list.mlir:[[# @LINE + 1]]:{{[0-9]+}}: error:
  %0 = $
  return
}

// CHECK-NOT: pop from empty list
// CHECK-NOT: Traceback
