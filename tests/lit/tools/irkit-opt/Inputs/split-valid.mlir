// Input for split-input-file.mlir: three pieces that all succeed.
func.func @a() {
  return
}
// -----
func.func @b() {
  return
}
  // -----
func.func @c() {
  return
}
