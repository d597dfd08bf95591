// Input for verify-diagnostics-failures.mlir: every piece fails
// --verify-diagnostics, each in its own way.

func.func @missing() {
  // expected-error@+1 {{this error is never emitted}}
  return
}

// -----

func.func @unexpected() -> i32 {
  return
}

// -----

func.func @near_miss() -> i32 {
  // expected-warning@+1 {{'func.return' op}}
  return
}

// -----

func.func @wrong_line(%a: i32) {
  // expected-error@+2 {{use of undeclared SSA value name}}
  %0 = arith.addi %a, %b : i32
  return
}

// -----

func.func @wrong_text(%a: i32) {
  // expected-error@+1 {{use of an undeclared value}}
  %0 = arith.addi %a, %b : i32
  return
}


// -----

func.func @missing_regex() {
  // expected-error-re@+1 {{never {{[0-9]+}} times}}
  return
}

// -----

func.func @bad_regex() -> i32 {
  // expected-error-re@+1 {{a{{(}}b}}
  return
}
