// --verify-diagnostics with every designator of MLIR's expected-* comments, and
// every severity (test-emit-diagnostics emits what the test.* attributes ask
// for, at the op). Every piece matches its expectations, so the exit status is
// 0; the pieces without errors still print their output.
//
// UNSUPPORTED: reference-mlir-opt
// RUN: irkit-opt %s --split-input-file --verify-diagnostics --test-emit-diagnostics | FileCheck %s
// RUN: irkit-opt %s -split-input-file -verify-diagnostics -test-emit-diagnostics | FileCheck %s
// RUN: irkit-opt %s --split-input-file --verify-diagnostics=all --test-emit-diagnostics | FileCheck %s

// On the line of the op.
func.func @same_line() {
  %0 = arith.constant {test.warning = "watch out"} 0 : i32 // expected-warning {{watch out}}
  %1 = arith.constant {test.remark = "for your information"} 1 : i32 // expected-remark {{your info}}
  return
}
// CHECK-LABEL: func.func @same_line
// CHECK:         arith.constant {test.warning = "watch out"} 0 : i32
// CHECK:         arith.constant {test.remark = "for your information"} 1 : i32

// -----

// @+N and @-N; an error with its note. The error stops the piece: no output.
func.func @offsets() {
  // expected-error@+2 {{boom}}
  // expected-note@+1 {{the note}}
  %0 = arith.constant {test.error = "boom", test.note = "the note"} 0 : i32
  %1 = arith.constant {test.warning = "minus one"} 1 : i32
  // expected-warning@-1 {{minus one}}

  // expected-remark@+3 {{three below}}


  %2 = arith.constant {test.remark = "three below"} 2 : i32
  %3 = arith.constant {test.remark = "three above"} 3 : i32


  // expected-remark@-3 {{three above}}
  return
}
// CHECK-NOT: @offsets

// -----

// @above: the closest line above that holds no expected-* comment;
// @below: the closest line below that holds none.
func.func @above_below() {
  %0 = arith.constant {test.warning = "up", test.note = "up note"} 0 : i32
  // expected-warning@above {{up}}
  // expected-note@above {{up note}}
  // expected-remark@below {{down}}
  // expected-warning@below {{too}}
  %1 = arith.constant {test.remark = "down", test.warning = "down too"} 1 : i32
  return
}
// CHECK-LABEL: func.func @above_below

// -----

// The -re form: {{...}} parts are regular expressions, the rest is literal
// (so the dot and parentheses below are plain characters).
func.func @regex() {
  // expected-warning-re@+1 {{{{^}}value {{[0-9]+}} is{{ +}}(too) large.{{$}}}}
  %0 = arith.constant {test.warning = "value 42 is   (too) large."} 0 : i32
  // expected-remark-re@+1 {{count: {{[0-9]+}}, name: {{[a-z_]+}}}}
  %1 = arith.constant {test.remark = "count: 17, name: x_y"} 1 : i32
  // expected-error-re@+1 {{{{^}}fail{{$}}}}
  %2 = arith.constant {test.error = "fail"} 2 : i32
  return
}
// CHECK-NOT: @regex

// -----

// An expectation matches a substring; several diagnostics on one line.
func.func @several() {
  // expected-warning@+2 {{first}}
  // expected-remark@+1 {{third}}
  %0 = arith.constant {test.warning = "the first one", test.remark = "the third one"} 0 : i32
  %1 = arith.constant {test.warning = "the second one"} 1 : i32 // expected-warning {{second}}
  return
}
// CHECK-LABEL: func.func @several

// -----

// A line that holds an expected-* comment, even after code, is skipped by
// @below and @above, as in MLIR.
func.func @designator_lines() {
  // expected-warning@below {{skips}}
  %0 = arith.constant {test.remark = "on its own line"} 0 : i32 // expected-remark {{own line}}
  %1 = arith.constant {test.warning = "skips the line above", test.remark = "skips too"} 1 : i32
  %2 = arith.constant {test.remark = "two"} 2 : i32 // expected-remark {{two}}
  // expected-remark@above {{skips too}}
  return
}
// CHECK-LABEL: func.func @designator_lines

// -----

// Parse errors and verifier errors are diagnostics too.
func.func @parse_error(%a: i32) {
  // expected-error@+1 {{use of undeclared SSA value name}}
  %0 = arith.addi %a, %b : i32
  return
}

// -----

func.func @verifier_error() -> i32 {
  // expected-error@+1 {{'func.return' op}}
  return
}

// -----

// A piece without any diagnostics or expectations.
func.func @quiet() {
  return
}
// CHECK-LABEL: func.func @quiet
