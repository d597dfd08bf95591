// index dialect errors that irkit words differently from MLIR 22: an unknown predicate
// (MLIR adds a follow-on error) and a non-bool value of index.bool.constant (MLIR refuses
// it while converting properties), so the expectations are irkit's own.
//
// UNSUPPORTED: reference-mlir-opt
// RUN: irkit-opt %s -split-input-file -verify-diagnostics

func.func @unknown_predicate(%a: index, %b: index) {
  // expected-error@+1 {{expected `eq`, `ne`, `slt`, `sle`, `sgt`, `sge`, `ult`, `ule`, `ugt`, or `uge`}}
  %0 = index.cmp lt(%a, %b)
  return
}

// -----

func.func @bool_constant_not_bool() {
  // expected-error@+1 {{'index.bool.constant' op attribute 'value' failed to satisfy constraint: bool attribute}}
  %0 = "index.bool.constant"() <{value = 1 : i32}> : () -> i1
  return
}
