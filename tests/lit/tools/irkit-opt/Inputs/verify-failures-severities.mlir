// Input for verify-diagnostics-severities.mlir: each piece fails
// --verify-diagnostics with warnings, remarks and notes from
// --test-emit-diagnostics.

func.func @unexpected_warning_and_remark() {
  %0 = arith.constant {test.warning = "surprise"} 0 : i32
  %1 = arith.constant {test.remark = "by the way"} 1 : i32
  return
}

// -----

func.func @unexpected_note() {
  // expected-error@+1 {{with a note}}
  %0 = arith.constant {test.error = "with a note", test.note = "the unexpected note"} 0 : i32
  return
}

// -----

func.func @missing_note() {
  // expected-warning@+2 {{no note}}
  // expected-note@+1 {{the note that never comes}}
  %0 = arith.constant {test.warning = "no note"} 0 : i32
  return
}

// -----

func.func @remark_for_warning() {
  // expected-warning@+1 {{mild}}
  %0 = arith.constant {test.remark = "mild"} 0 : i32
  return
}

// -----

func.func @warning_for_error() {
  // expected-error@+1 {{strong}}
  %0 = arith.constant {test.warning = "strong"} 0 : i32
  return
}

// -----

func.func @missing_warning_and_remark() {
  // expected-warning@+2 {{a warning that never comes}}
  // expected-remark@+1 {{a remark that never comes}}
  %0 = arith.constant 0 : i32
  return
}

// -----

// expected-warning@unknown {{nothing from nowhere}}
func.func @missing_unknown() {
  return
}

// -----

func.func @regex_mismatch() {
  // expected-remark-re@+1 {{count {{[0-9]+}}}}
  %0 = arith.constant {test.remark = "count many"} 0 : i32
  return
}
