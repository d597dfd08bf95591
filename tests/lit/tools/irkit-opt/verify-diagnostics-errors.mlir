// --verify-diagnostics with the errors of the parser and the verifier, whose
// wording irkit-opt shares with mlir-opt: the designators on error
// expectations, one piece at a time.
//
// RUN: irkit-opt %s --split-input-file --verify-diagnostics | FileCheck %s
// RUN: irkit-opt %s --split-input-file --verify-diagnostics=only-expected | FileCheck %s

func.func @same_line(%a: i32) {
  %0 = arith.addi %a, %b : i32 // expected-error {{use of undeclared SSA value name}}
  return
}

// -----

func.func @plus(%a: i32) {
  // expected-error@+1 {{use of undeclared SSA value name}}
  %0 = arith.addi %a, %b : i32
  return
}

// -----

func.func @minus(%a: i32) {
  %0 = arith.addi %a, %b : i32
  // expected-error@-1 {{use of undeclared SSA value name}}
  return
}

// -----

func.func @minus_two(%a: i32) {
  %0 = arith.addi %a, %b : i32
  // A comment without a designator does count as a line.
  // expected-error@-2 {{undeclared}}
  return
}

// -----

func.func @above() -> i32 {
  return
  // expected-error@above {{'func.return' op}}
}

// -----

func.func @below() -> i32 {
  // expected-error@below {{'func.return' op}}
  return
}

// -----

func.func @regex() -> i32 {
  // expected-error-re@+1 {{{{^}}'func.{{[a-z]+}}' op {{.*}}}}
  return
}

// -----

// expected-error@+1 {{custom op 'arith.bogus' is unknown}}
%0 = arith.bogus 0 : i32

// -----

// expected-error@+2 {{custom op 'arith.bogus' is unknown}}
func.func @f() {
  %0 = arith.bogus 0 : i32
}

// -----

func.func @fine() {
  return
}

// CHECK-NOT:   func.func @same_line
// CHECK-NOT:   func.func @below
// CHECK:       func.func @fine
