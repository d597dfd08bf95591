// Input for diagnostics.mlir: a return that returns nothing from a function
// that returns an i32.
func.func @f() -> i32 {
  return
}
