// Input for verify_diagnostics_mode.mlir: the error is expected but the note
// attached to it is not.
func.func @iv_in_own_bound() {
  // expected-error@+1 {{region entry argument '%i' is already in use}}
  affine.for %i = affine_map<(d0) -> (d0)>(%i) to 10 {
  }
  return
}
