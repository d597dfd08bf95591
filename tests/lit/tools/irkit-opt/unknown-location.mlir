// An op written with loc(unknown) has an unknown location: its diagnostics
// have no location, which is what `expected-error@unknown` expects, and
// --mlir-print-debuginfo prints it as loc(unknown).
//
// RUN: irkit-opt %s --verify-diagnostics
// RUN: irkit-opt %S/Inputs/unknown-location-print.mlir --mlir-print-debuginfo | FileCheck %s

// expected-error@unknown {{'func.return' op}}
func.func @diagnosed() -> i32 {
  return loc(unknown)
}

// The constant, on line 3 of the input, is not located there.
// CHECK-NOT: loc("{{[^"]*}}unknown-location-print.mlir":3:8)
// CHECK:     loc(unknown)
// CHECK-NOT: loc("{{[^"]*}}unknown-location-print.mlir":3:8)
