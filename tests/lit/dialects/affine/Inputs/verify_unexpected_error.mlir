// Input for verify_diagnostics_mode.mlir: the IR is invalid but no error is
// expected.
func.func @unexpected(%x: f32) -> f32 {
  %r = affine.for %i = 0 to 10 iter_args(%a = %x) -> (f32) {
    affine.yield
  }
  return %r : f32
}
