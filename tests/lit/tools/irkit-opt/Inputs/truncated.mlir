// Input for diagnostics.mlir: the file ends inside a function body.
func.func @f() -> i32 {
  %0 = arith.constant 0 : i32
