// Input for verify-diagnostics-failures.mlir: an error that no comment expects.
func.func @unexpected(%a: i32) {
  %0 = arith.addi %a, %undefined : i32
  return
}
