// Input for unknown-location.mlir.
func.func @printed() -> i32 {
  %0 = arith.constant 0 : i32 loc(unknown)
  return %0 : i32
}
