// What convert-to-llvm makes of the ops convert-scf-parallel-to-gomp leaves at the func
// level: llvm ops are kept on the lowered operands, and a cast between a type and its
// llvm type is resolved to the lowered value (as reconcile-unrealized-casts would); a
// cast between types that lower differently is refused.
//
// UNSUPPORTED: reference-mlir-opt
// RUN: irkit-opt %s --convert-to-llvm --split-input-file --verify-diagnostics | FileCheck %s

// CHECK-LABEL: llvm.func @element(
// CHECK-SAME:      %[[ALLOCATED:[^ :]+]]: !llvm.ptr, %[[ALIGNED:[^ :]+]]: !llvm.ptr, %{{[^ :]+}}: i64, %{{[^ :]+}}: i64, %{{[^ :]+}}: i64, %[[N:[^ :]+]]: i64) -> f32
// CHECK-NOT:     unrealized_conversion_cast
// CHECK:         %[[DESCRIPTOR:.*]] = llvm.insertvalue %{{.*}}[4, 0]
// CHECK-NEXT:    %[[POINTER:.*]] = llvm.extractvalue %[[DESCRIPTOR]][1]
// CHECK-NEXT:    %[[ADDRESS:.*]] = llvm.getelementptr %[[POINTER]][%[[N]]] : (!llvm.ptr, i64) -> !llvm.ptr, f32
// CHECK-NEXT:    %[[V:.*]] = llvm.load %[[ADDRESS]] : !llvm.ptr -> f32
// CHECK-NEXT:    llvm.return %[[V]] : f32
func.func @element(%m: memref<?xf32>, %n: index) -> f32 {
  %d = builtin.unrealized_conversion_cast %m : memref<?xf32> to !llvm.struct<(!llvm.ptr, !llvm.ptr, i64, !llvm.array<1 x i64>, !llvm.array<1 x i64>)>
  %i = builtin.unrealized_conversion_cast %n : index to i64
  %p = llvm.extractvalue %d[1] : !llvm.struct<(!llvm.ptr, !llvm.ptr, i64, !llvm.array<1 x i64>, !llvm.array<1 x i64>)>
  %a = llvm.getelementptr %p[%i] : (!llvm.ptr, i64) -> !llvm.ptr, f32
  %v = llvm.load %a : !llvm.ptr -> f32
  return %v : f32
}

// -----

func.func @mismatch(%x: index) -> i32 {
  // expected-error @+1 {{cannot lower a cast from index to i32, whose llvm types differ}}
  %y = builtin.unrealized_conversion_cast %x : index to i32
  return %y : i32
}
