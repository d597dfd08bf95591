// Input for verify-diagnostics-near-miss.mlir: the verifier's error is
// expected as a warning.
func.func @near_miss() -> i32 {
  // expected-warning@+1 {{'func.return' op}}
  return
}
