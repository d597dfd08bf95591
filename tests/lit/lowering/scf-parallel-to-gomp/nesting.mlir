// Which loops run on threads: the outermost scf.parallel loops without reductions. A
// nested scf.parallel stays in the outlined body (convert-scf-to-cf runs it sequentially);
// a loop with reductions stays where it is, sequential, so that its result has the same
// bits with any number of threads, and the loops nested in it are outlined in its place.
// A loop inside another loop is dispatched on each iteration, from a struct allocated
// once in the entry block.
//
// UNSUPPORTED: reference-mlir-opt
// RUN: irkit-opt %s --convert-scf-parallel-to-gomp | FileCheck %s

// CHECK-LABEL: func.func @nested(
// CHECK-SAME:      %[[A:[^ :]+]]: memref<?x?xf32>, %[[N:[^ :]+]]: index) {
// CHECK:         llvm.mlir.addressof @nested_parallel_0
// CHECK:         llvm.call @GOMP_parallel(
// CHECK-NOT:     scf.parallel
// CHECK:         func.return
// CHECK-NEXT:  }
// CHECK-NEXT:  func.func private @nested_parallel_0(%[[DATA:[^ :]+]]: !llvm.ptr) {
// CHECK:         %[[END:.*]] = arith.minsi
// CHECK-NEXT:    "scf.parallel"(%{{.*}}, %[[END]], %{{.*}}) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
// CHECK-NEXT:    ^bb0(%[[I:[^ :]+]]: index):
// CHECK-NEXT:      "scf.parallel"(%{{.*}}, %{{.*}}, %{{.*}}) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
// CHECK-NEXT:      ^bb0(%[[J:[^ :]+]]: index):
// CHECK-NEXT:        memref.store %{{.*}}, %{{.*}}[%[[I]], %[[J]]] : memref<?x?xf32>
// CHECK-NEXT:        scf.reduce
// CHECK-NEXT:      }) : (index, index, index) -> ()
// CHECK-NEXT:      scf.reduce
// CHECK-NEXT:    }) : (index, index, index) -> ()
// CHECK-NEXT:    func.return
// CHECK-NEXT:  }
"func.func"() <{function_type = (memref<?x?xf32>, index) -> (), sym_name = "nested"}> ({
^bb0(%A: memref<?x?xf32>, %n: index):
  %c0 = "arith.constant"() <{value = 0 : index}> : () -> index
  %c1 = "arith.constant"() <{value = 1 : index}> : () -> index
  %zero = "arith.constant"() <{value = 0.000000e+00 : f32}> : () -> f32
  "scf.parallel"(%c0, %n, %c1) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
  ^bb0(%i: index):
    "scf.parallel"(%c0, %n, %c1) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
    ^bb0(%j: index):
      "memref.store"(%zero, %A, %i, %j) : (f32, memref<?x?xf32>, index, index) -> ()
      "scf.reduce"() : () -> ()
    }) : (index, index, index) -> ()
    "scf.reduce"() : () -> ()
  }) : (index, index, index) -> ()
  "func.return"() : () -> ()
}) : () -> ()

// CHECK-LABEL: func.func @reduction(
// CHECK-SAME:      %[[A:[^ :]+]]: memref<?x?xf32>, %[[N:[^ :]+]]: index) -> f32 {
// CHECK-NEXT:    %[[ONE:.*]] = llvm.mlir.constant(1) : i64
// CHECK-NEXT:    %[[DATA:.*]] = llvm.alloca %[[ONE]] x !llvm.struct<(i64, !llvm.struct<{{.*}}>, i64)>
// CHECK:         %[[SUM:.*]] = "scf.parallel"(%{{.*}}, %[[N]], %{{.*}}, %{{.*}}) <{operandSegmentSizes = array<i32: 1, 1, 1, 1>}> ({
// CHECK-NEXT:    ^bb0(%[[I:[^ :]+]]: index):
// CHECK:           llvm.store %{{.*}}, %[[DATA]]
// CHECK-NEXT:      %[[BODY:.*]] = llvm.mlir.addressof @reduction_parallel_0 : !llvm.ptr
// CHECK:           llvm.call @GOMP_parallel(%[[BODY]], %[[DATA]], %{{.*}}, %{{.*}})
// CHECK-NEXT:      %[[V:.*]] = memref.load %[[A]][%[[I]], %{{.*}}] : memref<?x?xf32>
// CHECK-NEXT:      scf.reduce(%[[V]] : f32) {
// CHECK:         func.return %[[SUM]] : f32
// CHECK-NEXT:  }
// CHECK-NEXT:  func.func private @reduction_parallel_0(%{{.*}}: !llvm.ptr) {
// CHECK:         "scf.parallel"
// CHECK-NEXT:    ^bb0(%[[J:[^ :]+]]: index):
// CHECK-NEXT:      memref.store %{{.*}}, %{{.*}}[%{{.*}}, %[[J]]] : memref<?x?xf32>
"func.func"() <{function_type = (memref<?x?xf32>, index) -> f32, sym_name = "reduction"}> ({
^bb0(%A: memref<?x?xf32>, %n: index):
  %c0 = "arith.constant"() <{value = 0 : index}> : () -> index
  %c1 = "arith.constant"() <{value = 1 : index}> : () -> index
  %zero = "arith.constant"() <{value = 0.000000e+00 : f32}> : () -> f32
  %sum = "scf.parallel"(%c0, %n, %c1, %zero) <{operandSegmentSizes = array<i32: 1, 1, 1, 1>}> ({
  ^bb0(%i: index):
    "scf.parallel"(%c1, %n, %c1) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
    ^bb0(%j: index):
      "memref.store"(%zero, %A, %i, %j) : (f32, memref<?x?xf32>, index, index) -> ()
      "scf.reduce"() : () -> ()
    }) : (index, index, index) -> ()
    %v = "memref.load"(%A, %i, %c0) : (memref<?x?xf32>, index, index) -> f32
    "scf.reduce"(%v) ({
    ^bb0(%a: f32, %b: f32):
      %s = "arith.addf"(%a, %b) <{fastmath = #arith.fastmath<none>}> : (f32, f32) -> f32
      "scf.reduce.return"(%s) : (f32) -> ()
    }) : (f32) -> ()
  }) : (index, index, index, f32) -> f32
  "func.return"(%sum) : (f32) -> ()
}) : () -> ()

// Two loops in one function: two outlined functions, in loop order, after the caller.
// CHECK-LABEL: func.func @two_loops(
// CHECK:         llvm.mlir.addressof @two_loops_parallel_0
// CHECK:         llvm.mlir.addressof @two_loops_parallel_1
// CHECK:       func.func private @two_loops_parallel_0(
// CHECK:         memref.store %{{.*}}, %{{.*}}[%{{.*}}] : memref<?xi32>
// CHECK:       func.func private @two_loops_parallel_1(
// CHECK:         memref.store %{{.*}}, %{{.*}}[%{{.*}}] : memref<?xf32>
"func.func"() <{function_type = (memref<?xi32>, memref<?xf32>, index) -> (), sym_name = "two_loops"}> ({
^bb0(%I: memref<?xi32>, %F: memref<?xf32>, %n: index):
  %c0 = "arith.constant"() <{value = 0 : index}> : () -> index
  %c1 = "arith.constant"() <{value = 1 : index}> : () -> index
  %zero = "arith.constant"() <{value = 0 : i32}> : () -> i32
  %one = "arith.constant"() <{value = 1.000000e+00 : f32}> : () -> f32
  "scf.parallel"(%c0, %n, %c1) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
  ^bb0(%i: index):
    "memref.store"(%zero, %I, %i) : (i32, memref<?xi32>, index) -> ()
    "scf.reduce"() : () -> ()
  }) : (index, index, index) -> ()
  "scf.parallel"(%c0, %n, %c1) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
  ^bb0(%i: index):
    "memref.store"(%one, %F, %i) : (f32, memref<?xf32>, index) -> ()
    "scf.reduce"() : () -> ()
  }) : (index, index, index) -> ()
  "func.return"() : () -> ()
}) : () -> ()
