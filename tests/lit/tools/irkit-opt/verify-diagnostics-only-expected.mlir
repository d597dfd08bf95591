// --verify-diagnostics=only-expected: diagnostics that no expected-* comment
// asks for are ignored, of every severity; expectations must still be met.
// Without =only-expected the same input fails, naming each unexpected one.
//
// UNSUPPORTED: reference-mlir-opt
// RUN: irkit-opt %s --split-input-file --test-emit-diagnostics --verify-diagnostics=only-expected | FileCheck %s --check-prefix=OUT
// RUN: not irkit-opt %s --split-input-file --test-emit-diagnostics --verify-diagnostics 2>&1 | FileCheck %s --check-prefix=ALL
// RUN: not irkit-opt %s --split-input-file --test-emit-diagnostics --verify-diagnostics=all 2>&1 | FileCheck %s --check-prefix=ALL

func.func @mixed() {
  %0 = arith.constant {test.warning = "wanted"} 0 : i32 // expected-warning {{wanted}}
  // ALL-DAG: only-expected.mlir:[[# @LINE + 1]]:8: error: unexpected remark: not asked for
  %1 = arith.constant {test.remark = "not asked for"} 1 : i32
  // ALL-DAG: only-expected.mlir:[[# @LINE + 2]]:8: error: unexpected warning: nor this
  // ALL-DAG: only-expected.mlir:[[# @LINE + 1]]:8: error: unexpected note: nor its note
  %2 = arith.constant {test.warning = "nor this", test.note = "nor its note"} 2 : i32
  return
}

// -----

func.func @unexpected_error() {
  // ALL-DAG: only-expected.mlir:[[# @LINE + 1]]:8: error: unexpected error: an error nobody expects
  %0 = arith.constant {test.error = "an error nobody expects"} 0 : i32
  return
}

// -----

func.func @unexpected_verifier_error() -> i32 {
  // ALL-DAG: only-expected.mlir:[[# @LINE + 1]]:3: error: unexpected error: 'func.return' op
  return
}

// OUT:     func.func @mixed
// OUT-NOT: func.func

