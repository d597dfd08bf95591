// func to the llvm dialect with MLIR's calling convention: memref arguments expand into
// descriptor fields, several results come back in a struct, and every public function
// with a body gets a `_mlir_ciface_` wrapper taking memrefs through descriptor pointers.
//
// irkit prints llvm.mlir.undef where MLIR 22 prints poison, emits a C-interface wrapper for
// every public function, and lowers some ops through libm or call_intrinsic: the
// expectations are irkit's own, checked against MLIR by tests/interop/test_to_llvm_mlir.py.
// UNSUPPORTED: reference-mlir-opt
// RUN: irkit-opt %s --convert-to-llvm | FileCheck %s

// A declaration stays a declaration, without a wrapper; private visibility is kept as
// MLIR keeps it, as an attribute.
// CHECK:     llvm.func @helper(!llvm.ptr, !llvm.ptr, i64, i64, i64) -> !llvm.struct<(f32, i32)> attributes {sym_visibility = "private"}
// CHECK-NOT: _mlir_ciface_helper
func.func private @helper(memref<4xf32>) -> (f32, i32)

// CHECK-LABEL: llvm.func @internal(
// CHECK-SAME:      %[[X:[^ :]+]]: f32) -> f32 attributes {sym_visibility = "private"} {
// CHECK-NEXT:    llvm.return %[[X]] : f32
// CHECK-NEXT:  }
// CHECK-NOT:   _mlir_ciface_internal
func.func private @internal(%x: f32) -> f32 {
  return %x : f32
}

// A call passes a memref as its descriptor's fields and unpacks a struct of results.
// CHECK-LABEL: llvm.func @caller(
// CHECK-SAME:      %{{[^ :]+}}: !llvm.ptr, %{{[^ :]+}}: !llvm.ptr, %{{[^ :]+}}: i64, %{{[^ :]+}}: i64, %{{[^ :]+}}: i64, %[[F:[^ :]+]]: f32) -> f32
// CHECK-SAME:      attributes {irkit.keep = 1 : i64, llvm.emit_c_interface}
func.func @caller(%m: memref<4xf32>, %f: f32) -> f32 attributes {"irkit.keep" = 1} {
  // CHECK:         %[[A0:.*]] = llvm.extractvalue %[[D:.*]][0]
  // CHECK-NEXT:    %[[A1:.*]] = llvm.extractvalue %[[D]][1]
  // CHECK-NEXT:    %[[A2:.*]] = llvm.extractvalue %[[D]][2]
  // CHECK-NEXT:    %[[A3:.*]] = llvm.extractvalue %[[D]][3, 0]
  // CHECK-NEXT:    %[[A4:.*]] = llvm.extractvalue %[[D]][4, 0]
  // CHECK-NEXT:    %[[R:.*]] = llvm.call @helper(%[[A0]], %[[A1]], %[[A2]], %[[A3]], %[[A4]]) : (!llvm.ptr, !llvm.ptr, i64, i64, i64) -> !llvm.struct<(f32, i32)>
  // CHECK-NEXT:    %[[R0:.*]] = llvm.extractvalue %[[R]][0] : !llvm.struct<(f32, i32)>
  // CHECK-NEXT:    %[[R1:.*]] = llvm.extractvalue %[[R]][1] : !llvm.struct<(f32, i32)>
  %a, %b = func.call @helper(%m) : (memref<4xf32>) -> (f32, i32)
  // CHECK-NEXT:    %[[I:.*]] = llvm.call @internal(%[[R0]]) : (f32) -> f32
  %c = func.call @internal(%a) : (f32) -> f32
  // CHECK-NEXT:    llvm.call @nothing() : () -> ()
  func.call @nothing() : () -> ()
  // CHECK-NEXT:    llvm.return %[[I]] : f32
  return %c : f32
}

// The wrapper loads each descriptor and calls the function with its fields.
// CHECK-LABEL: llvm.func @_mlir_ciface_caller(
// CHECK-SAME:      %[[DP:[^ :]+]]: !llvm.ptr, %[[F:[^ :]+]]: f32) -> f32 attributes {llvm.emit_c_interface} {
// CHECK-NEXT:    %[[D:.*]] = llvm.load %[[DP]] : !llvm.ptr -> !llvm.struct<(!llvm.ptr, !llvm.ptr, i64, !llvm.array<1 x i64>, !llvm.array<1 x i64>)>
// CHECK-NEXT:    %[[A0:.*]] = llvm.extractvalue %[[D]][0]
// CHECK-NEXT:    %[[A1:.*]] = llvm.extractvalue %[[D]][1]
// CHECK-NEXT:    %[[A2:.*]] = llvm.extractvalue %[[D]][2]
// CHECK-NEXT:    %[[A3:.*]] = llvm.extractvalue %[[D]][3, 0]
// CHECK-NEXT:    %[[A4:.*]] = llvm.extractvalue %[[D]][4, 0]
// CHECK-NEXT:    %[[R:.*]] = llvm.call @caller(%[[A0]], %[[A1]], %[[A2]], %[[A3]], %[[A4]], %[[F]]) : (!llvm.ptr, !llvm.ptr, i64, i64, i64, f32) -> f32
// CHECK-NEXT:    llvm.return %[[R]] : f32
// CHECK-NEXT:  }

// CHECK-LABEL: llvm.func @nothing() attributes {llvm.emit_c_interface} {
// CHECK-NEXT:    llvm.return
// CHECK-LABEL: llvm.func @_mlir_ciface_nothing() attributes {llvm.emit_c_interface} {
// CHECK-NEXT:    llvm.call @nothing() : () -> ()
// CHECK-NEXT:    llvm.return
func.func @nothing() {
  return
}

// Several results are packed into a struct; the wrapper stores a struct result through a
// leading result pointer.
// CHECK-LABEL: llvm.func @two_results(
// CHECK-SAME:      %[[X:[^ :]+]]: f32, %[[Y:[^ :]+]]: i64) -> !llvm.struct<(f32, i64)>
// CHECK-NEXT:    %[[U:.*]] = llvm.mlir.undef : !llvm.struct<(f32, i64)>
// CHECK-NEXT:    %[[S0:.*]] = llvm.insertvalue %[[X]], %[[U]][0] : !llvm.struct<(f32, i64)>
// CHECK-NEXT:    %[[S1:.*]] = llvm.insertvalue %[[Y]], %[[S0]][1] : !llvm.struct<(f32, i64)>
// CHECK-NEXT:    llvm.return %[[S1]] : !llvm.struct<(f32, i64)>
// CHECK-LABEL: llvm.func @_mlir_ciface_two_results(
// CHECK-SAME:      %[[OUT:[^ :]+]]: !llvm.ptr, %[[X:[^ :]+]]: f32, %[[Y:[^ :]+]]: i64) attributes {llvm.emit_c_interface} {
// CHECK-NEXT:    %[[R:.*]] = llvm.call @two_results(%[[X]], %[[Y]]) : (f32, i64) -> !llvm.struct<(f32, i64)>
// CHECK-NEXT:    llvm.store %[[R]], %[[OUT]] : !llvm.struct<(f32, i64)>, !llvm.ptr
// CHECK-NEXT:    llvm.return
func.func @two_results(%x: f32, %y: index) -> (f32, index) {
  return %x, %y : f32, index
}

// A memref result is its descriptor.
// CHECK-LABEL: llvm.func @memref_result(
// CHECK-SAME:      -> !llvm.struct<(!llvm.ptr, !llvm.ptr, i64, !llvm.array<2 x i64>, !llvm.array<2 x i64>)>
// CHECK:         llvm.return %{{.*}} : !llvm.struct<(!llvm.ptr, !llvm.ptr, i64, !llvm.array<2 x i64>, !llvm.array<2 x i64>)>
// CHECK-LABEL: llvm.func @_mlir_ciface_memref_result(
// CHECK-SAME:      %[[OUT:[^ :]+]]: !llvm.ptr, %[[IN:[^ :]+]]: !llvm.ptr) attributes {llvm.emit_c_interface} {
// CHECK:         llvm.store %{{.*}}, %[[OUT]] : !llvm.struct<(!llvm.ptr, !llvm.ptr, i64, !llvm.array<2 x i64>, !llvm.array<2 x i64>)>, !llvm.ptr
func.func @memref_result(%m: memref<?x?xf64>) -> memref<?x?xf64> {
  return %m : memref<?x?xf64>
}
