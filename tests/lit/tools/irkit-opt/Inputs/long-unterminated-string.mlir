// Input for parse-error-unterminated-string.mlir.
func.func @f() attributes {note = "this string literal is not terminated on this line
} {
  return
}
