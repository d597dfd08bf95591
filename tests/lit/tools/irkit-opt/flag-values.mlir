// Boolean flags take an optional value, as in mlir-opt (LLVM's cl::opt):
// `--flag=false` turns the flag off, `--flag=true` on. A value that a flag
// does not accept is a command-line error.
//
// RUN: irkit-opt %s --mlir-print-op-generic=true | FileCheck %s --check-prefix=GENERIC
// RUN: irkit-opt %s --mlir-print-op-generic=false | FileCheck %s --check-prefix=CUSTOM
// RUN: irkit-opt %s --mlir-print-debuginfo=false | FileCheck %s --check-prefix=NOLOC
// RUN: not irkit-opt %S/Inputs/unregistered.mlir --allow-unregistered-dialect=false 2>&1 | FileCheck %s --check-prefix=UNREGISTERED
// RUN: not irkit-opt %s --verify-diagnostics=bogus 2>&1 | FileCheck %s --check-prefix=BOGUS

func.func @f(%a: i32) -> i32 {
  return %a : i32
}

// GENERIC: "func.func"()
// CUSTOM:  func.func @f(
// NOLOC-NOT: loc(
// UNREGISTERED: unregistered.mlir:3:{{[0-9]+}}: error:
// BOGUS: {{.*}}verify-diagnostics{{.*}}bogus
