// Input for pipeline-aliases.mlir: --lower-to-llvm lowers scf before func, so
// scf is the first dialect that it finds without a lowering.
func.func @loop(%m: memref<4xi32>, %a: i32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  scf.for %i = %c0 to %c4 step %c1 {
    memref.store %a, %m[%i] : memref<4xi32>
  }
  return
}
