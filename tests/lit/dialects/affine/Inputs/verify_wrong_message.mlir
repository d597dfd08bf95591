// Input for verify_diagnostics_mode.mlir: the expected-error text does not
// match the error that the verifier emits.
func.func @wrong_message() {
  affine.for %i = 0 to 10 {
    // expected-error@+1 {{operand cannot be used as a dimension id}}
    affine.for %j = 0 to %i {
    }
  }
  return
}
