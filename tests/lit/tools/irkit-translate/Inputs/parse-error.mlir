llvm.func @f() {
  llvm.no_such_op
}
