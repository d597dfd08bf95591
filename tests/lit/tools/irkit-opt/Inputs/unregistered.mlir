// Input for flag-values.mlir: an op of an unregistered dialect.
func.func @f() {
  "foo.bar"() : () -> ()
  return
}
