// Input for pipeline-aliases.mlir: scf input that --lower-to-affine keeps and
// --lower-to-llvm takes down to the llvm dialect.
func.func @loop(%m: memref<4xi32>, %a: i32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  scf.for %i = %c0 to %c4 step %c1 {
    memref.store %a, %m[%i] : memref<4xi32>
  }
  return
}
