// Float attributes of the f80 and f128 types print like the others (as
// mlir-opt prints them); irkit-opt must not fail with an internal error on
// this valid input.
//
// RUN: irkit-opt %s 2>&1 | FileCheck %s
// RUN: irkit-opt %s | irkit-opt | FileCheck %s

func.func @wide() -> (f80, f128) attributes {a = 1.5 : f80, b = 2.5 : f128} {
  %0 = arith.constant 1.5 : f80
  %1 = arith.constant 2.5 : f128
  return %0, %1 : f80, f128
}

// CHECK-NOT:   internal error
// CHECK-LABEL: func.func @wide() -> (f80, f128)
// CHECK-SAME:    a = 1.500000e+00 : f80
// CHECK-SAME:    b = 2.500000e+00 : f128
// CHECK:         arith.constant 1.500000e+00 : f80
// CHECK:         arith.constant 2.500000e+00 : f128
