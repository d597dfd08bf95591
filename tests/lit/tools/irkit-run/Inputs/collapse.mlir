// memref.collapse_shape has no lowering to the llvm dialect yet.
func.func @f(%a: memref<2x2xf32>) {
  %b = memref.collapse_shape %a [[0, 1]] : memref<2x2xf32> into memref<4xf32>
  return
}
