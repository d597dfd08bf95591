// Two symbols of the same name in a module: the error is located at the second
// definition (exit status 1), as mlir-opt locates it, not reported without a
// location at the implicit module.
//
// RUN: not irkit-opt %s 2>&1 | FileCheck %s

func.func @twice() {
  return
}

// CHECK: verify-symbol-redefinition.mlir:[[# @LINE + 1]]:1: error: {{.*}}edefinition of symbol
func.func @twice() {
  return
}

// CHECK-NOT: {{^}}error:
