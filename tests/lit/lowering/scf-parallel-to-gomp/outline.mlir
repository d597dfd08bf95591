// The outermost scf.parallel becomes a GOMP_parallel call on a function outlined from
// its body. The loop's bounds and the values its body uses from outside are stored in a
// struct on the caller's stack (memrefs as their descriptors, indices as i64); constants
// are rematerialized in the outlined function instead. Each thread of the team takes a
// contiguous chunk of the outermost dimension; the other dimensions stay whole.
//
// UNSUPPORTED: reference-mlir-opt
// RUN: irkit-opt %s --convert-scf-parallel-to-gomp | FileCheck %s
// RUN: irkit-opt %s --convert-scf-parallel-to-gomp | irkit-opt | FileCheck %s

// CHECK-LABEL: builtin.module {
// CHECK-NEXT:    llvm.mlir.global weak @irkit_num_threads(0 : i32) {addr_space = 0 : i32} : i32
// CHECK-NEXT:    func.func private @omp_get_num_threads() -> i32
// CHECK-NEXT:    func.func private @omp_get_thread_num() -> i32
// CHECK-NEXT:    llvm.func @GOMP_parallel(!llvm.ptr, !llvm.ptr, i32, i32)

// CHECK-LABEL:   func.func @scale(
// CHECK-SAME:        %[[A:[^ :]+]]: memref<?x8xf32>, %[[B:[^ :]+]]: memref<?x8xf32>, %[[N:[^ :]+]]: index, %[[S:[^ :]+]]: f32) {
// CHECK-NEXT:      %[[ONE:.*]] = llvm.mlir.constant(1) : i64
// CHECK-NEXT:      %[[DATA:.*]] = llvm.alloca %[[ONE]] x !llvm.struct<(i64, [[DESC:!llvm.struct<\(!llvm.ptr, !llvm.ptr, i64, !llvm.array<2 x i64>, !llvm.array<2 x i64>\)>]], f32, [[DESC]])> {alignment = 8 : i64} : (i64) -> !llvm.ptr
// CHECK-NEXT:      %[[C0:.*]] = arith.constant 0 : index
// CHECK-NEXT:      %[[C8:.*]] = arith.constant 8 : index
// CHECK-NEXT:      %[[C1:.*]] = arith.constant 1 : index
// CHECK-NEXT:      %[[UNDEF:.*]] = llvm.mlir.undef : !llvm.struct<(i64, [[DESC]], f32, [[DESC]])>
// CHECK-NEXT:      %[[N_I64:.*]] = builtin.unrealized_conversion_cast %[[N]] : index to i64
// CHECK-NEXT:      %[[P0:.*]] = llvm.insertvalue %[[N_I64]], %[[UNDEF]][0]
// CHECK-NEXT:      %[[A_DESC:.*]] = builtin.unrealized_conversion_cast %[[A]] : memref<?x8xf32> to [[DESC]]
// CHECK-NEXT:      %[[P1:.*]] = llvm.insertvalue %[[A_DESC]], %[[P0]][1]
// CHECK-NEXT:      %[[P2:.*]] = llvm.insertvalue %[[S]], %[[P1]][2]
// CHECK-NEXT:      %[[B_DESC:.*]] = builtin.unrealized_conversion_cast %[[B]] : memref<?x8xf32> to [[DESC]]
// CHECK-NEXT:      %[[P3:.*]] = llvm.insertvalue %[[B_DESC]], %[[P2]][3]
// CHECK-NEXT:      llvm.store %[[P3]], %[[DATA]]
// CHECK-NEXT:      %[[BODY:.*]] = llvm.mlir.addressof @scale_parallel_0 : !llvm.ptr
// CHECK-NEXT:      %[[SIZE_ADDRESS:.*]] = llvm.mlir.addressof @irkit_num_threads : !llvm.ptr
// CHECK-NEXT:      %[[SIZE:.*]] = llvm.load %[[SIZE_ADDRESS]] : !llvm.ptr -> i32
// CHECK-NEXT:      %[[FLAGS:.*]] = llvm.mlir.constant(0 : i32) : i32
// CHECK-NEXT:      llvm.call @GOMP_parallel(%[[BODY]], %[[DATA]], %[[SIZE]], %[[FLAGS]]) : (!llvm.ptr, !llvm.ptr, i32, i32) -> ()
// CHECK-NEXT:      func.return
// CHECK-NEXT:    }

// CHECK-NEXT:    func.func private @scale_parallel_0(%[[DATA:[^ :]+]]: !llvm.ptr) {
// CHECK-NEXT:      %[[LB:.*]] = arith.constant 0 : index
// CHECK-NEXT:      %[[UB1:.*]] = arith.constant 8 : index
// CHECK-NEXT:      %[[STEP:.*]] = arith.constant 1 : index
// CHECK-NEXT:      %[[PACKED:.*]] = llvm.load %[[DATA]] : !llvm.ptr -> !llvm.struct<(i64, [[DESC]], f32, [[DESC]])>
// CHECK-NEXT:      %[[N_I64:.*]] = llvm.extractvalue %[[PACKED]][0]
// CHECK-NEXT:      %[[N:.*]] = builtin.unrealized_conversion_cast %[[N_I64]] : i64 to index
// CHECK-NEXT:      %[[A_DESC:.*]] = llvm.extractvalue %[[PACKED]][1]
// CHECK-NEXT:      %[[A:.*]] = builtin.unrealized_conversion_cast %[[A_DESC]] : [[DESC]] to memref<?x8xf32>
// CHECK-NEXT:      %[[S:.*]] = llvm.extractvalue %[[PACKED]][2] : !llvm.struct<(i64, [[DESC]], f32, [[DESC]])>
// CHECK-NEXT:      %[[B_DESC:.*]] = llvm.extractvalue %[[PACKED]][3]
// CHECK-NEXT:      %[[B:.*]] = builtin.unrealized_conversion_cast %[[B_DESC]] : [[DESC]] to memref<?x8xf32>
// CHECK-NEXT:      %[[THREAD_I32:.*]] = func.call @omp_get_thread_num() : () -> i32
// CHECK-NEXT:      %[[THREADS_I32:.*]] = func.call @omp_get_num_threads() : () -> i32
// CHECK-NEXT:      %[[THREAD:.*]] = arith.index_cast %[[THREAD_I32]] : i32 to index
// CHECK-NEXT:      %[[THREADS:.*]] = arith.index_cast %[[THREADS_I32]] : i32 to index
// CHECK-NEXT:      %[[SPAN:.*]] = arith.subi %[[N]], %[[LB]] : index
// CHECK-NEXT:      %[[TRIPS:.*]] = arith.ceildivsi %[[SPAN]], %[[STEP]] : index
// CHECK-NEXT:      %[[CHUNK:.*]] = arith.ceildivsi %[[TRIPS]], %[[THREADS]] : index
// CHECK-NEXT:      %[[FIRST:.*]] = arith.muli %[[THREAD]], %[[CHUNK]] : index
// CHECK-NEXT:      %[[OFFSET:.*]] = arith.muli %[[FIRST]], %[[STEP]] : index
// CHECK-NEXT:      %[[BEGIN:.*]] = arith.addi %[[LB]], %[[OFFSET]] : index
// CHECK-NEXT:      %[[CHUNK_SPAN:.*]] = arith.muli %[[CHUNK]], %[[STEP]] : index
// CHECK-NEXT:      %[[CHUNK_END:.*]] = arith.addi %[[BEGIN]], %[[CHUNK_SPAN]] : index
// CHECK-NEXT:      %[[END:.*]] = arith.minsi %[[CHUNK_END]], %[[N]] : index
// CHECK-NEXT:      "scf.parallel"(%[[BEGIN]], %[[LB]], %[[END]], %[[UB1]], %[[STEP]], %[[STEP]]) <{operandSegmentSizes = array<i32: 2, 2, 2, 0>}> ({
// CHECK-NEXT:      ^bb0(%[[I:[^ :]+]]: index, %[[J:[^ :]+]]: index):
// CHECK-NEXT:        %[[V:.*]] = memref.load %[[A]][%[[I]], %[[J]]] : memref<?x8xf32>
// CHECK-NEXT:        %[[W:.*]] = arith.mulf %[[V]], %[[S]] : f32
// CHECK-NEXT:        memref.store %[[W]], %[[B]][%[[I]], %[[J]]] : memref<?x8xf32>
// CHECK-NEXT:        scf.reduce
// CHECK-NEXT:      }) : (index, index, index, index, index, index) -> ()
// CHECK-NEXT:      func.return
// CHECK-NEXT:    }
"func.func"() <{function_type = (memref<?x8xf32>, memref<?x8xf32>, index, f32) -> (), sym_name = "scale"}> ({
^bb0(%A: memref<?x8xf32>, %B: memref<?x8xf32>, %n: index, %s: f32):
  %c0 = "arith.constant"() <{value = 0 : index}> : () -> index
  %c8 = "arith.constant"() <{value = 8 : index}> : () -> index
  %c1 = "arith.constant"() <{value = 1 : index}> : () -> index
  "scf.parallel"(%c0, %c0, %n, %c8, %c1, %c1) <{operandSegmentSizes = array<i32: 2, 2, 2, 0>}> ({
  ^bb0(%i: index, %j: index):
    %v = "memref.load"(%A, %i, %j) : (memref<?x8xf32>, index, index) -> f32
    %w = "arith.mulf"(%v, %s) <{fastmath = #arith.fastmath<none>}> : (f32, f32) -> f32
    "memref.store"(%w, %B, %i, %j) : (f32, memref<?x8xf32>, index, index) -> ()
    "scf.reduce"() : () -> ()
  }) : (index, index, index, index, index, index) -> ()
  "func.return"() : () -> ()
}) : () -> ()
