// Input for diagnostics.mlir: an unknown op after a tab.
func.func @f() {
	%0 = arith.bogus 0 : i32
  return
}
