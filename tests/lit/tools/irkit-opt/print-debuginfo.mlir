// --mlir-print-debuginfo prints every op's location, loc("file":line:col),
// the line and column of the op's name in the input (mlir-opt may print them
// through #loc aliases, hence the DAG checks). Locations written in the input
// are kept. Without the flag, no location is printed.
//
// RUN: irkit-opt %s --mlir-print-debuginfo | FileCheck %s
// RUN: irkit-opt %s --mlir-print-debuginfo --mlir-print-op-generic | FileCheck %s
// RUN: irkit-opt %s --mlir-print-debuginfo --cse | FileCheck %s --check-prefix=CSE
// RUN: irkit-opt %s | FileCheck %s --check-prefix=NODEBUG
// RUN: irkit-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=NODEBUG

func.func @f(%a: i32) -> i32 {
  %c0 = arith.constant 0 : i32
    %x = arith.addi %a, %c0 : i32
  %y = arith.addi %a, %c0 : i32 loc("elsewhere.mlir":7:9)
  %z = "arith.muli"(%x, %y) <{overflowFlags = #arith.overflow<none>}> : (i32, i32) -> i32
  return %z : i32
}

// CHECK-DAG: loc("{{[^"]*}}print-debuginfo.mlir":12:1)
// CHECK-DAG: loc("{{[^"]*}}print-debuginfo.mlir":13:9)
// CHECK-DAG: loc("{{[^"]*}}print-debuginfo.mlir":14:10)
// CHECK-DAG: loc("elsewhere.mlir":7:9)
// CHECK-DAG: loc("{{[^"]*}}print-debuginfo.mlir":16:8)
// CHECK-DAG: loc("{{[^"]*}}print-debuginfo.mlir":17:3)

// CSE keeps the first of the two equal ops, and its location.
// CSE-NOT: loc("elsewhere.mlir":7:9)
// CSE:     loc("{{[^"]*}}print-debuginfo.mlir":14:10)
// CSE-NOT: loc("elsewhere.mlir":7:9)

// NODEBUG-NOT: loc(
// NODEBUG-NOT: #loc
