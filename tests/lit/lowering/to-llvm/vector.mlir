// 1-D vector ops to the llvm dialect: whole-vector loads and stores at the element's
// address (aligned to the element), broadcast as insertelement and a zero shuffle, fma as
// llvm.fmuladd, reductions as the llvm.vector.reduce intrinsics.
//
// irkit prints llvm.mlir.undef where MLIR 22 prints poison, emits a C-interface wrapper for
// every public function, and lowers some ops through libm or call_intrinsic: the
// expectations are irkit's own, checked against MLIR by tests/interop/test_to_llvm_mlir.py.
// UNSUPPORTED: reference-mlir-opt
// RUN: irkit-opt %s --convert-to-llvm | FileCheck %s

// CHECK-LABEL: llvm.func @vectors(
// CHECK-SAME:      %{{[^ :]+}}: !llvm.ptr, %{{[^ :]+}}: !llvm.ptr, %{{[^ :]+}}: i64, %{{[^ :]+}}: i64, %{{[^ :]+}}: i64, %{{[^ :]+}}: i64, %{{[^ :]+}}: i64,
// CHECK-SAME:      %[[I:[^ :]+]]: i64, %[[S:[^ :]+]]: f32) -> f32
func.func @vectors(%m: memref<?x8xf32>, %i: index, %s: f32) -> f32 {
  // CHECK:         %[[P:.*]] = llvm.extractvalue %{{.*}}[1]
  // CHECK-NEXT:    %[[C8:.*]] = llvm.mlir.constant(8) : i64
  // CHECK-NEXT:    %[[ROW:.*]] = llvm.mul %[[I]], %[[C8]] : i64
  // CHECK-NEXT:    %[[LIN:.*]] = llvm.add %[[ROW]], %[[I]] : i64
  // CHECK-NEXT:    %[[ADDR:.*]] = llvm.getelementptr inbounds %[[P]][%[[LIN]]] : (!llvm.ptr, i64) -> !llvm.ptr, f32
  // CHECK-NEXT:    %[[V:.*]] = llvm.load %[[ADDR]] {alignment = 4 : i64} : !llvm.ptr -> vector<4xf32>
  %v = vector.load %m[%i, %i] : memref<?x8xf32>, vector<4xf32>
  // CHECK-NEXT:    %[[U:.*]] = llvm.mlir.undef : vector<4xf32>
  // CHECK-NEXT:    %[[ZERO:.*]] = llvm.mlir.constant(0 : i32) : i32
  // CHECK-NEXT:    %[[FIRST:.*]] = llvm.insertelement %[[S]], %[[U]][%[[ZERO]] : i32] : vector<4xf32>
  // CHECK-NEXT:    %[[B:.*]] = llvm.shufflevector %[[FIRST]], %[[U]] [0, 0, 0, 0] : vector<4xf32>
  %b = vector.broadcast %s : f32 to vector<4xf32>
  // CHECK-NEXT:    %[[F:.*]] = llvm.call_intrinsic "llvm.fmuladd"(%[[V]], %[[B]], %[[V]]) : (vector<4xf32>, vector<4xf32>, vector<4xf32>) -> vector<4xf32>
  %f = vector.fma %v, %b, %v : vector<4xf32>
  // CHECK-NEXT:    %[[SUM:.*]] = llvm.fadd %[[F]], %[[B]] : vector<4xf32>
  %sum = arith.addf %f, %b : vector<4xf32>
  // CHECK:         %[[ADDR2:.*]] = llvm.getelementptr inbounds
  // CHECK-NEXT:    llvm.store %[[SUM]], %[[ADDR2]] {alignment = 4 : i64} : vector<4xf32>, !llvm.ptr
  vector.store %sum, %m[%i, %i] : memref<?x8xf32>, vector<4xf32>
  // CHECK-NEXT:    %[[R:.*]] = "llvm.intr.vector.reduce.fadd"(%[[S]], %[[SUM]]) <{fastmathFlags = #llvm.fastmath<none>}> : (f32, vector<4xf32>) -> f32
  %r = vector.reduction <add>, %sum, %s : vector<4xf32> into f32
  // CHECK-NEXT:    %[[ONE:.*]] = llvm.mlir.constant(1.000000e+00 : f32) : f32
  // CHECK-NEXT:    %[[P2:.*]] = "llvm.intr.vector.reduce.fmul"(%[[ONE]], %[[SUM]]) {{.*}} : (f32, vector<4xf32>) -> f32
  %p = vector.reduction <mul>, %sum : vector<4xf32> into f32
  // CHECK-NEXT:    %[[MAX:.*]] = llvm.call_intrinsic "llvm.vector.reduce.fmax"(%[[SUM]]) : (vector<4xf32>) -> f32
  // CHECK-NEXT:    %[[MAX2:.*]] = llvm.intr.maxnum(%[[R]], %[[MAX]]) : (f32, f32) -> f32
  %max = vector.reduction <maxnumf>, %sum, %r : vector<4xf32> into f32
  // CHECK-NEXT:    %[[MIN:.*]] = llvm.call_intrinsic "llvm.vector.reduce.fminimum"(%[[SUM]]) : (vector<4xf32>) -> f32
  %min = vector.reduction <minimumf>, %sum : vector<4xf32> into f32
  %t0 = arith.addf %p, %max : f32
  %t1 = arith.addf %t0, %min : f32
  return %t1 : f32
}

// CHECK-LABEL: llvm.func @integer_reductions(
// CHECK-SAME:      %[[V:[^ :]+]]: vector<8xi32>, %[[ACC:[^ :]+]]: i32) -> i32
func.func @integer_reductions(%v: vector<8xi32>, %acc: i32) -> i32 {
  // CHECK-NEXT:    %[[ADD:.*]] = llvm.call_intrinsic "llvm.vector.reduce.add"(%[[V]]) : (vector<8xi32>) -> i32
  // CHECK-NEXT:    %[[SUM:.*]] = llvm.add %[[ACC]], %[[ADD]] : i32
  %sum = vector.reduction <add>, %v, %acc : vector<8xi32> into i32
  // CHECK-NEXT:    %[[SMAX:.*]] = llvm.call_intrinsic "llvm.vector.reduce.smax"(%[[V]]) : (vector<8xi32>) -> i32
  // CHECK-NEXT:    %[[MAX:.*]] = llvm.call_intrinsic "llvm.smax"(%[[SUM]], %[[SMAX]]) : (i32, i32) -> i32
  %max = vector.reduction <maxsi>, %v, %sum : vector<8xi32> into i32
  // CHECK-NEXT:    %[[XOR:.*]] = llvm.call_intrinsic "llvm.vector.reduce.xor"(%[[V]]) : (vector<8xi32>) -> i32
  %xor = vector.reduction <xor>, %v : vector<8xi32> into i32
  // CHECK-NEXT:    %[[R:.*]] = llvm.add %[[MAX]], %[[XOR]] : i32
  %r = arith.addi %max, %xor : i32
  return %r : i32
}
