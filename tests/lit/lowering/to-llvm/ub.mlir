// ub to the llvm dialect, as MLIR 22's UBToLLVM lowers it: ub.poison becomes
// llvm.mlir.poison of the lowered type, ub.unreachable becomes llvm.unreachable.
//
// irkit emits a C-interface wrapper for every public function: the expectations are
// irkit's own. mlir-opt verifies the output.
// UNSUPPORTED: reference-mlir-opt
// RUN: irkit-opt %s --convert-to-llvm | FileCheck %s
// RUN: %if mlir-opt %{ irkit-opt %s --convert-to-llvm | mlir-opt | FileCheck %s %}

// CHECK-LABEL: llvm.func @poison()
// CHECK-SAME:      -> !llvm.struct<(f32, i64, vector<4xi8>)>
func.func @poison() -> (f32, index, vector<4xi8>) {
  // CHECK-NEXT: %[[F:.*]] = llvm.mlir.poison : f32
  %f = ub.poison : f32
  // CHECK-NEXT: %[[I:.*]] = llvm.mlir.poison : i64
  %i = ub.poison : index
  // CHECK-NEXT: %[[V:.*]] = llvm.mlir.poison : vector<4xi8>
  %v = ub.poison : vector<4xi8>
  // CHECK:      llvm.insertvalue %[[F]], %{{.*}}[0]
  // CHECK-NEXT: llvm.insertvalue %[[I]], %{{.*}}[1]
  // CHECK-NEXT: llvm.insertvalue %[[V]], %{{.*}}[2]
  return %f, %i, %v : f32, index, vector<4xi8>
}

// CHECK-LABEL: llvm.func @unreachable(
// CHECK-SAME:      %[[C:[^ :]+]]: i1) -> i32
func.func @unreachable(%c: i1) -> i32 {
  // CHECK-NEXT: llvm.cond_br %[[C]], ^[[DEAD:.*]], ^[[LIVE:[^ ]*]]
  cf.cond_br %c, ^dead, ^live
// CHECK-NEXT: ^[[DEAD]]:
// CHECK-NEXT:   llvm.unreachable
^dead:
  ub.unreachable
// CHECK-NEXT: ^[[LIVE]]:
^live:
  %zero = arith.constant 0 : i32
  return %zero : i32
}
