// Input for diagnostics.mlir and timing.mlir: a parse error on line 4.
func.func @f(%a: i32) -> i32 {
  %c0 = arith.constant 0 : i32
  %0 = arith.addi %a, %c0 : i64
  return %0 : i32
}
