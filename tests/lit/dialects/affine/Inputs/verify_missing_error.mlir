// Input for verify_diagnostics_mode.mlir: an error is expected but the IR is
// valid.
func.func @no_error(%n: index) {
  // expected-error@+1 {{operand cannot be used as a symbol}}
  affine.for %i = 0 to %n {
  }
  return
}
