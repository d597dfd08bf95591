// The verifier checks dominance, as MLIR's does: a value used before its
// definition in the same block is an error at the use (exit status 1, no
// output).
//
// RUN: not irkit-opt %s 2>&1 | FileCheck %s

func.func @use_before_def() -> i32 {
  // CHECK: verify-dominance.mlir:[[# @LINE + 1]]:8: error: {{.*}}dominate
  %0 = arith.addi %1, %1 : i32
  %1 = arith.constant 1 : i32
  return %0 : i32
}

// CHECK-NOT: func.func @use_before_def
