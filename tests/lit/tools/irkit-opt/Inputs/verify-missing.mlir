// Input for verify-diagnostics-failures.mlir: an expected error that is not
// produced; the IR itself is fine.
func.func @missing() {
  // expected-error@+1 {{this error is never emitted}}
  return
}
