// Input for output-file.mlir: the second of three pieces does not parse.
func.func @a() {
  return
}
// -----
func.func @b() {
  %0 = arith.bogus : i32
  return
}
// -----
func.func @c() {
  return
}
