// Input for verify_diagnostics_mode.mlir: the right message, expected on the
// wrong line (the outer loop instead of the inner one).
func.func @wrong_line() {
  // expected-error@+1 {{'affine.for' op operand cannot be used as a symbol}}
  affine.for %i = 0 to 10 {
    affine.for %j = 0 to %i {
    }
  }
  return
}
