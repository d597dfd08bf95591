// --mlir-print-debuginfo prints the location of each block argument, as
// mlir-opt does: the position of the argument's name in the input.
//
// RUN: irkit-opt %s --mlir-print-debuginfo | FileCheck %s

func.func @f(%a: i32, %b: i32) -> i32 {
  %x = arith.addi %a, %b : i32
  return %x : i32
}

// CHECK-NOT: %{{[a-z0-9_]+}}: i32 loc(unknown)
// CHECK:     func.func @f(%{{[a-z0-9_]+}}: i32 loc("{{[^"]*}}print-debuginfo-block-arguments.mlir":6:14), %{{[a-z0-9_]+}}: i32 loc("{{[^"]*}}print-debuginfo-block-arguments.mlir":6:23))
