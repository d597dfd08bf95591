// Input for verify_diagnostics_mode.mlir: every expectation is met, including
// a note and the @below / @above forms.
func.func @iv_in_own_bound() {
  // expected-error@below {{region entry argument '%i' is already in use}}
  // expected-note@below {{previously referenced here}}
  affine.for %i = affine_map<(d0) -> (d0)>(%i) to 10 {
  }
  return
}

// -----

func.func @yield_outside(%x: f32) {
  affine.yield
  // expected-error@above {{'affine.yield' op only terminates affine.if/for/parallel regions}}
}
