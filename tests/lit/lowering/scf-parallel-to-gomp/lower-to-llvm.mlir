// --lower-to-llvm runs convert-scf-parallel-to-gomp after lower-affine: an affine.parallel
// loop ends as a GOMP_parallel call on an outlined llvm.func, with no cast left over, and
// translates to LLVM IR.
//
// UNSUPPORTED: reference-mlir-opt
// RUN: irkit-opt %s --lower-to-llvm | FileCheck %s
// RUN: irkit-opt %s --lower-to-llvm | irkit-translate --mlir-to-llvmir | FileCheck %s --check-prefix=IR

// CHECK-NOT:   unrealized_conversion_cast
// CHECK:       llvm.func @omp_get_num_threads() -> i32
// CHECK:       llvm.func @omp_get_thread_num() -> i32
// CHECK:       llvm.func @GOMP_parallel(!llvm.ptr, !llvm.ptr, i32, i32)
// CHECK-LABEL: llvm.func @double(
// CHECK:         %[[BODY:.*]] = llvm.mlir.addressof @double_parallel_0 : !llvm.ptr
// CHECK:         llvm.call @GOMP_parallel(%[[BODY]],
// CHECK:       llvm.func @_mlir_ciface_double(
// CHECK:       llvm.func @double_parallel_0(%{{.*}}: !llvm.ptr) attributes {sym_visibility = "private"} {
// CHECK:         llvm.call @omp_get_thread_num() : () -> i32
// CHECK:         llvm.call @omp_get_num_threads() : () -> i32
// CHECK-NOT:   _mlir_ciface_double_parallel_0

// IR:      @irkit_num_threads = weak global i32 0
// IR:      define void @double(
// IR:        call void @GOMP_parallel(ptr @double_parallel_0, ptr %{{.*}}, i32 %{{.*}}, i32 0)
// IR:      define void @double_parallel_0(ptr
func.func @double(%A: memref<?xf32>, %B: memref<?xf32>) {
  %c0 = arith.constant 0 : index
  %n = memref.dim %A, %c0 : memref<?xf32>
  affine.parallel (%i) = (0) to (symbol(%n)) {
    %v = affine.load %A[%i] : memref<?xf32>
    %w = arith.addf %v, %v : f32
    affine.store %w, %B[%i] : memref<?xf32>
  }
  return
}
