// num-threads=N passes N to GOMP_parallel and declares no irkit_num_threads global;
// a negative count is refused.
//
// UNSUPPORTED: reference-mlir-opt
// RUN: irkit-opt %s --convert-scf-parallel-to-gomp=num-threads=4 | FileCheck %s
// RUN: not irkit-opt %s --convert-scf-parallel-to-gomp=num-threads=-1 2>&1 | FileCheck %s --check-prefix=NEGATIVE

// CHECK-NOT:   irkit_num_threads
// CHECK-LABEL: func.func @fill(
// CHECK:         %[[BODY:.*]] = llvm.mlir.addressof @fill_parallel_0 : !llvm.ptr
// CHECK-NEXT:    %[[SIZE:.*]] = llvm.mlir.constant(4 : i32) : i32
// CHECK-NEXT:    %[[FLAGS:.*]] = llvm.mlir.constant(0 : i32) : i32
// CHECK-NEXT:    llvm.call @GOMP_parallel(%[[BODY]], %{{.*}}, %[[SIZE]], %[[FLAGS]])

// NEGATIVE: invalid options for pass 'convert-scf-parallel-to-gomp': num-threads must be 0 or positive, got -1

"func.func"() <{function_type = (memref<?xf32>, index, f32) -> (), sym_name = "fill"}> ({
^bb0(%m: memref<?xf32>, %n: index, %v: f32):
  %c0 = "arith.constant"() <{value = 0 : index}> : () -> index
  %c1 = "arith.constant"() <{value = 1 : index}> : () -> index
  "scf.parallel"(%c0, %n, %c1) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
  ^bb0(%i: index):
    "memref.store"(%v, %m, %i) : (f32, memref<?xf32>, index) -> ()
    "scf.reduce"() : () -> ()
  }) : (index, index, index) -> ()
  "func.return"() : () -> ()
}) : () -> ()
