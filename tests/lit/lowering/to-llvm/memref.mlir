// memref to the llvm dialect on MLIR's descriptor: { allocated ptr, aligned ptr, offset,
// sizes[rank], strides[rank] }. Static sizes, strides and offsets fold into constants;
// dynamic ones are read from the descriptor.
//
// irkit prints llvm.mlir.undef where MLIR 22 prints poison, emits a C-interface wrapper for
// every public function, and lowers some ops through libm or call_intrinsic: the
// expectations are irkit's own, checked against MLIR by tests/interop/test_to_llvm_mlir.py.
// UNSUPPORTED: reference-mlir-opt
// RUN: irkit-opt %s --convert-to-llvm | FileCheck %s

// CHECK:      llvm.func @free(!llvm.ptr)
// CHECK-NEXT: llvm.func @malloc(i64) -> !llvm.ptr
// CHECK-NEXT: llvm.mlir.global private constant @table(dense<{{\[\[}}1.000000e+00, 2.000000e+00, 3.000000e+00], [4.000000e+00, 5.000000e+00, 6.000000e+00]]> : tensor<2x3xf32>) {addr_space = 0 : i32, alignment = 64 : i64} : !llvm.array<2 x !llvm.array<3 x f32>>
"memref.global"() <{alignment = 64 : i64, constant, initial_value = dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>, sym_name = "table", sym_visibility = "private", type = memref<2x3xf32>}> : () -> ()
// CHECK-NEXT: llvm.mlir.global external @counts(dense<[1, 2, 3, 4]> : tensor<4xi32>) {addr_space = 0 : i32} : !llvm.array<4 x i32>
"memref.global"() <{initial_value = dense<[1, 2, 3, 4]> : tensor<4xi32>, sym_name = "counts", sym_visibility = "public", type = memref<4xi32>}> : () -> ()

// A memref argument expands into its descriptor's fields, which the entry block packs
// back into the descriptor.
// CHECK-LABEL: llvm.func @load_store(
// CHECK-SAME:      %[[ALLOC:[^ :]+]]: !llvm.ptr, %[[ALIGN:[^ :]+]]: !llvm.ptr, %[[OFF:[^ :]+]]: i64,
// CHECK-SAME:      %[[SIZE0:[^ :]+]]: i64, %[[SIZE1:[^ :]+]]: i64, %[[STRIDE0:[^ :]+]]: i64, %[[STRIDE1:[^ :]+]]: i64,
// CHECK-SAME:      %[[I:[^ :]+]]: i64, %[[J:[^ :]+]]: i64) -> f32
// CHECK-NEXT:    %[[U:.*]] = llvm.mlir.undef : !llvm.struct<(!llvm.ptr, !llvm.ptr, i64, !llvm.array<2 x i64>, !llvm.array<2 x i64>)>
// CHECK-NEXT:    %[[D0:.*]] = llvm.insertvalue %[[ALLOC]], %[[U]][0]
// CHECK-NEXT:    %[[D1:.*]] = llvm.insertvalue %[[ALIGN]], %[[D0]][1]
// CHECK-NEXT:    %[[D2:.*]] = llvm.insertvalue %[[OFF]], %[[D1]][2]
// CHECK-NEXT:    %[[D3:.*]] = llvm.insertvalue %[[SIZE0]], %[[D2]][3, 0]
// CHECK-NEXT:    %[[D4:.*]] = llvm.insertvalue %[[STRIDE0]], %[[D3]][4, 0]
// CHECK-NEXT:    %[[D5:.*]] = llvm.insertvalue %[[SIZE1]], %[[D4]][3, 1]
// CHECK-NEXT:    %[[D:.*]] = llvm.insertvalue %[[STRIDE1]], %[[D5]][4, 1]
func.func @load_store(%m: memref<?x8xf32>, %i: index, %j: index) -> f32 {
  // The address is aligned + i * 8 + j: the layout is the identity, so the offset is 0
  // and the inner stride 1.
  // CHECK-NEXT:    %[[P:.*]] = llvm.extractvalue %[[D]][1]
  // CHECK-NEXT:    %[[C8:.*]] = llvm.mlir.constant(8) : i64
  // CHECK-NEXT:    %[[ROW:.*]] = llvm.mul %[[I]], %[[C8]] : i64
  // CHECK-NEXT:    %[[LIN:.*]] = llvm.add %[[ROW]], %[[J]] : i64
  // CHECK-NEXT:    %[[ADDR:.*]] = llvm.getelementptr inbounds %[[P]][%[[LIN]]] : (!llvm.ptr, i64) -> !llvm.ptr, f32
  // CHECK-NEXT:    %[[V:.*]] = llvm.load %[[ADDR]] : !llvm.ptr -> f32
  %v = memref.load %m[%i, %j] : memref<?x8xf32>
  // CHECK-NEXT:    %[[P2:.*]] = llvm.extractvalue %[[D]][1]
  // CHECK-NEXT:    %[[C8B:.*]] = llvm.mlir.constant(8) : i64
  // CHECK-NEXT:    %[[ROW2:.*]] = llvm.mul %[[J]], %[[C8B]] : i64
  // CHECK-NEXT:    %[[LIN2:.*]] = llvm.add %[[ROW2]], %[[I]] : i64
  // CHECK-NEXT:    %[[ADDR2:.*]] = llvm.getelementptr inbounds %[[P2]][%[[LIN2]]] : (!llvm.ptr, i64) -> !llvm.ptr, f32
  // CHECK-NEXT:    llvm.store %[[V]], %[[ADDR2]] : f32, !llvm.ptr
  memref.store %v, %m[%j, %i] : memref<?x8xf32>
  // CHECK-NEXT:    llvm.return %[[V]] : f32
  return %v : f32
}

// A strided layout with dynamic strides and offset reads them from the descriptor.
// CHECK-LABEL: llvm.func @strided_load(
func.func @strided_load(%m: memref<?x?xf32, strided<[?, ?], offset: ?>>, %i: index, %j: index) -> f32 {
  // CHECK:         %[[P:.*]] = llvm.extractvalue %[[D:.*]][1]
  // CHECK-NEXT:    %[[OFF:.*]] = llvm.extractvalue %[[D]][2]
  // CHECK-NEXT:    %[[S0:.*]] = llvm.extractvalue %[[D]][4, 0]
  // CHECK-NEXT:    %[[T0:.*]] = llvm.mul %{{.*}}, %[[S0]] : i64
  // CHECK-NEXT:    %[[A0:.*]] = llvm.add %[[OFF]], %[[T0]] : i64
  // CHECK-NEXT:    %[[S1:.*]] = llvm.extractvalue %[[D]][4, 1]
  // CHECK-NEXT:    %[[T1:.*]] = llvm.mul %{{.*}}, %[[S1]] : i64
  // CHECK-NEXT:    %[[A1:.*]] = llvm.add %[[A0]], %[[T1]] : i64
  // CHECK-NEXT:    %[[ADDR:.*]] = llvm.getelementptr inbounds %[[P]][%[[A1]]] : (!llvm.ptr, i64) -> !llvm.ptr, f32
  // CHECK-NEXT:    llvm.load %[[ADDR]] : !llvm.ptr -> f32
  %v = memref.load %m[%i, %j] : memref<?x?xf32, strided<[?, ?], offset: ?>>
  return %v : f32
}

// alloc: malloc of the byte size (the `gep null[n]` idiom), row-major strides, offset 0;
// dealloc frees the allocated pointer.
// CHECK-LABEL: llvm.func @alloc_dealloc(
// CHECK-SAME:      %[[N:[^ :]+]]: i64)
func.func @alloc_dealloc(%n: index) {
  // CHECK-NEXT:    %[[C4:.*]] = llvm.mlir.constant(4) : i64
  // CHECK-NEXT:    %[[COUNT:.*]] = llvm.mul %[[N]], %[[C4]] : i64
  // CHECK-NEXT:    %[[NULL:.*]] = llvm.mlir.zero : !llvm.ptr
  // CHECK-NEXT:    %[[END:.*]] = llvm.getelementptr %[[NULL]][%[[COUNT]]] : (!llvm.ptr, i64) -> !llvm.ptr, f64
  // CHECK-NEXT:    %[[BYTES:.*]] = llvm.ptrtoint %[[END]] : !llvm.ptr to i64
  // CHECK-NEXT:    %[[PTR:.*]] = llvm.call @malloc(%[[BYTES]]) : (i64) -> !llvm.ptr
  // CHECK-NEXT:    %[[ZERO:.*]] = llvm.mlir.constant(0) : i64
  // CHECK-NEXT:    %[[STRIDE0:.*]] = llvm.mlir.constant(4) : i64
  // CHECK-NEXT:    %[[SIZE1:.*]] = llvm.mlir.constant(4) : i64
  // CHECK-NEXT:    %[[STRIDE1:.*]] = llvm.mlir.constant(1) : i64
  // CHECK-NEXT:    %[[U:.*]] = llvm.mlir.undef : !llvm.struct<(!llvm.ptr, !llvm.ptr, i64, !llvm.array<2 x i64>, !llvm.array<2 x i64>)>
  // CHECK-NEXT:    %[[D0:.*]] = llvm.insertvalue %[[PTR]], %[[U]][0]
  // CHECK-NEXT:    %[[D1:.*]] = llvm.insertvalue %[[PTR]], %[[D0]][1]
  // CHECK-NEXT:    %[[D2:.*]] = llvm.insertvalue %[[ZERO]], %[[D1]][2]
  // CHECK-NEXT:    %[[D3:.*]] = llvm.insertvalue %[[N]], %[[D2]][3, 0]
  // CHECK-NEXT:    %[[D4:.*]] = llvm.insertvalue %[[STRIDE0]], %[[D3]][4, 0]
  // CHECK-NEXT:    %[[D5:.*]] = llvm.insertvalue %[[SIZE1]], %[[D4]][3, 1]
  // CHECK-NEXT:    %[[D:.*]] = llvm.insertvalue %[[STRIDE1]], %[[D5]][4, 1]
  %m = memref.alloc(%n) : memref<?x4xf64>
  // CHECK-NEXT:    %[[FREED:.*]] = llvm.extractvalue %[[D]][0]
  // CHECK-NEXT:    llvm.call @free(%[[FREED]]) : (!llvm.ptr) -> ()
  memref.dealloc %m : memref<?x4xf64>
  // CHECK-NEXT:    llvm.return
  return
}

// alloca: a stack slot of the element count; a rank-0 memref has no sizes or strides.
// CHECK-LABEL: llvm.func @alloca()
func.func @alloca() -> f32 {
  // CHECK-NEXT:    %[[COUNT:.*]] = llvm.mlir.constant(6) : i64
  // CHECK-NEXT:    %[[PTR:.*]] = llvm.alloca %[[COUNT]] x f32 {alignment = 16 : i64} : (i64) -> !llvm.ptr
  %buffer = memref.alloca() {alignment = 16 : i64} : memref<2x3xf32>
  // CHECK:         %[[SCALAR:.*]] = llvm.alloca %{{.*}} x f32 {alignment = 0 : i64} : (i64) -> !llvm.ptr
  // CHECK:         %[[U:.*]] = llvm.mlir.undef : !llvm.struct<(!llvm.ptr, !llvm.ptr, i64)>
  %scalar = memref.alloca() : memref<f32>
  // CHECK:         %[[P:.*]] = llvm.extractvalue %{{.*}}[1] : !llvm.struct<(!llvm.ptr, !llvm.ptr, i64)>
  // CHECK-NEXT:    %[[V:.*]] = llvm.load %[[P]] : !llvm.ptr -> f32
  %v = memref.load %scalar[] : memref<f32>
  return %v : f32
}

// dim: a static size is a constant, a dynamic one comes from the descriptor.
// CHECK-LABEL: llvm.func @dim(
func.func @dim(%m: memref<?x8xf32>) -> index {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  // CHECK:         %[[D0:.*]] = llvm.extractvalue %{{.*}}[3, 0]
  %d0 = memref.dim %m, %c0 : memref<?x8xf32>
  // CHECK-NEXT:    %[[D1:.*]] = llvm.mlir.constant(8) : i64
  %d1 = memref.dim %m, %c1 : memref<?x8xf32>
  // CHECK-NEXT:    %[[S:.*]] = llvm.add %[[D0]], %[[D1]] : i64
  %s = arith.addi %d0, %d1 : index
  return %s : index
}

// subview: offset = source offset + sum(offset_k * source stride_k), sizes as given,
// strides = source stride_k * step_k; a rank-reducing view drops the unit dimension.
// CHECK-LABEL: llvm.func @subview(
// CHECK-SAME:      %{{[^ :]+}}: !llvm.ptr, %{{[^ :]+}}: !llvm.ptr, %{{[^ :]+}}: i64, %{{[^ :]+}}: i64, %{{[^ :]+}}: i64, %{{[^ :]+}}: i64, %{{[^ :]+}}: i64, %[[N:[^ :]+]]: i64)
func.func @subview(%m: memref<?x8xf32>, %n: index) -> f32 {
  // CHECK:         %[[ALLOC:.*]] = llvm.extractvalue %[[D:.*]][0]
  // CHECK-NEXT:    %[[ALIGN:.*]] = llvm.extractvalue %[[D]][1]
  // CHECK-NEXT:    %[[OFF:.*]] = llvm.mlir.constant(9) : i64
  // CHECK-NEXT:    %[[STRIDE0:.*]] = llvm.mlir.constant(8) : i64
  // CHECK-NEXT:    %[[SIZE1:.*]] = llvm.mlir.constant(3) : i64
  // CHECK-NEXT:    %[[STRIDE1:.*]] = llvm.mlir.constant(2) : i64
  // CHECK-NEXT:    %[[U:.*]] = llvm.mlir.undef : !llvm.struct<(!llvm.ptr, !llvm.ptr, i64, !llvm.array<2 x i64>, !llvm.array<2 x i64>)>
  // CHECK-NEXT:    %[[V0:.*]] = llvm.insertvalue %[[ALLOC]], %[[U]][0]
  // CHECK-NEXT:    %[[V1:.*]] = llvm.insertvalue %[[ALIGN]], %[[V0]][1]
  // CHECK-NEXT:    %[[V2:.*]] = llvm.insertvalue %[[OFF]], %[[V1]][2]
  // CHECK-NEXT:    %[[V3:.*]] = llvm.insertvalue %[[N]], %[[V2]][3, 0]
  // CHECK-NEXT:    %[[V4:.*]] = llvm.insertvalue %[[STRIDE0]], %[[V3]][4, 0]
  // CHECK-NEXT:    %[[V5:.*]] = llvm.insertvalue %[[SIZE1]], %[[V4]][3, 1]
  // CHECK-NEXT:    %[[V:.*]] = llvm.insertvalue %[[STRIDE1]], %[[V5]][4, 1]
  %view = memref.subview %m[1, 1] [%n, 3] [1, 2] : memref<?x8xf32> to memref<?x3xf32, strided<[8, 2], offset: 9>>
  %c1 = arith.constant 1 : index
  // CHECK:         %[[P:.*]] = llvm.extractvalue %[[V]][1]
  // CHECK-NEXT:    %[[C8:.*]] = llvm.mlir.constant(8) : i64
  // CHECK-NEXT:    %[[T0:.*]] = llvm.mul %{{.*}}, %[[C8]] : i64
  // CHECK-NEXT:    %[[BASE:.*]] = llvm.mlir.constant(9) : i64
  // CHECK-NEXT:    %[[A0:.*]] = llvm.add %[[BASE]], %[[T0]] : i64
  // CHECK-NEXT:    %[[C2:.*]] = llvm.mlir.constant(2) : i64
  // CHECK-NEXT:    %[[T1:.*]] = llvm.mul %{{.*}}, %[[C2]] : i64
  // CHECK-NEXT:    %[[A1:.*]] = llvm.add %[[A0]], %[[T1]] : i64
  // CHECK-NEXT:    llvm.getelementptr inbounds %[[P]][%[[A1]]]
  %e = memref.load %view[%c1, %c1] : memref<?x3xf32, strided<[8, 2], offset: 9>>
  // A dynamic offset: n * 8 added to the source offset 0.
  // CHECK:         %[[C8R:.*]] = llvm.mlir.constant(8) : i64
  // CHECK-NEXT:    %[[ROWOFF:.*]] = llvm.mul %[[N]], %[[C8R]] : i64
  // CHECK:         llvm.insertvalue %[[ROWOFF]], %{{.*}}[2] : !llvm.struct<(!llvm.ptr, !llvm.ptr, i64, !llvm.array<1 x i64>, !llvm.array<1 x i64>)>
  %row = memref.subview %m[%n, 0] [1, 8] [1, 1] : memref<?x8xf32> to memref<8xf32, strided<[1], offset: ?>>
  %f = memref.load %row[%c1] : memref<8xf32, strided<[1], offset: ?>>
  %s = arith.addf %e, %f : f32
  return %s : f32
}

// get_global: the global's address is both pointers of a static descriptor.
// CHECK-LABEL: llvm.func @get_global()
func.func @get_global() -> f32 {
  // CHECK-NEXT:    %[[ADDR:.*]] = llvm.mlir.addressof @table : !llvm.ptr
  // CHECK:         %[[U:.*]] = llvm.mlir.undef : !llvm.struct<(!llvm.ptr, !llvm.ptr, i64, !llvm.array<2 x i64>, !llvm.array<2 x i64>)>
  // CHECK-NEXT:    %[[G0:.*]] = llvm.insertvalue %[[ADDR]], %[[U]][0]
  // CHECK-NEXT:    %[[G1:.*]] = llvm.insertvalue %[[ADDR]], %[[G0]][1]
  %t = memref.get_global @table : memref<2x3xf32>
  %c1 = arith.constant 1 : index
  %v = memref.load %t[%c1, %c1] : memref<2x3xf32>
  return %v : f32
}

// copy: one memcpy of the source's byte size between the first elements.
// CHECK-LABEL: llvm.func @copy(
func.func @copy(%src: memref<?x8xf32>, %dst: memref<?x8xf32>) {
  // CHECK:         %[[ROWS:.*]] = llvm.extractvalue %[[S:.*]][3, 0]
  // CHECK-NEXT:    %[[C8:.*]] = llvm.mlir.constant(8) : i64
  // CHECK-NEXT:    %[[COUNT:.*]] = llvm.mul %[[ROWS]], %[[C8]] : i64
  // CHECK-NEXT:    %[[NULL:.*]] = llvm.mlir.zero : !llvm.ptr
  // CHECK-NEXT:    %[[END:.*]] = llvm.getelementptr %[[NULL]][%[[COUNT]]] : (!llvm.ptr, i64) -> !llvm.ptr, f32
  // CHECK-NEXT:    %[[BYTES:.*]] = llvm.ptrtoint %[[END]] : !llvm.ptr to i64
  // CHECK-NEXT:    %[[FROM:.*]] = llvm.extractvalue %[[S]][1]
  // CHECK-NEXT:    %[[TO:.*]] = llvm.extractvalue %{{.*}}[1]
  // CHECK-NEXT:    %[[FALSE:.*]] = llvm.mlir.constant(false) : i1
  // CHECK-NEXT:    llvm.call_intrinsic "llvm.memcpy"(%[[TO]], %[[FROM]], %[[BYTES]], %[[FALSE]]) : (!llvm.ptr, !llvm.ptr, i64, i1) -> ()
  "memref.copy"(%src, %dst) : (memref<?x8xf32>, memref<?x8xf32>) -> ()
  return
}
