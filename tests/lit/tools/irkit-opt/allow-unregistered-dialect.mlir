// Ops of dialects that are not registered are an error, unless
// --allow-unregistered-dialect is given: then they are kept as they are
// (generic form, attributes and regions included) and passes leave them alone.
//
// RUN: not irkit-opt %s 2>&1 | FileCheck %s --check-prefix=ERROR
// RUN: irkit-opt %s --allow-unregistered-dialect | FileCheck %s
// RUN: irkit-opt %s -allow-unregistered-dialect --cse --canonicalize | FileCheck %s --check-prefix=PASSES
// RUN: irkit-opt %s --allow-unregistered-dialect --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC
// RUN: irkit-opt %s --allow-unregistered-dialect | irkit-opt --allow-unregistered-dialect | FileCheck %s

func.func @f(%a: i32) -> i32 {
  %0 = "foo.bar"(%a) {attr = 1 : i32, name = "x"} : (i32) -> i32
  %1 = "foo.bar"(%a) {attr = 1 : i32, name = "x"} : (i32) -> i32
  "foo.region"(%0) ({
  ^bb0(%arg: i32):
    "foo.yield"(%arg) : (i32) -> ()
  }) : (i32) -> ()
  %2 = arith.addi %0, %1 : i32
  return %2 : i32
}

// ERROR:     allow-unregistered-dialect.mlir:12:{{[0-9]+}}: error: {{.*}}unregistered dialect{{.*}}allow-unregistered-dialect
// ERROR-NOT: func.func
// ERROR-NOT: Traceback

// CHECK-LABEL: func.func @f
// CHECK-NEXT:    %[[B0:.*]] = "foo.bar"(%{{.*}}) {attr = 1 : i32, name = "x"} : (i32) -> i32
// CHECK-NEXT:    %[[B1:.*]] = "foo.bar"(%{{.*}}) {attr = 1 : i32, name = "x"} : (i32) -> i32
// CHECK-NEXT:    "foo.region"(%[[B0]]) ({
// CHECK-NEXT:    ^bb0(%[[ARG:.*]]: i32):
// CHECK-NEXT:      "foo.yield"(%[[ARG]]) : (i32) -> ()
// CHECK-NEXT:    }) : (i32) -> ()
// CHECK-NEXT:    arith.addi %[[B0]], %[[B1]] : i32

// Ops of unknown dialects may have side effects: CSE must not merge them.
// PASSES-LABEL: func.func @f
// PASSES-NEXT:    %[[B0:.*]] = "foo.bar"
// PASSES-NEXT:    %[[B1:.*]] = "foo.bar"
// PASSES-NEXT:    "foo.region"(%[[B0]])
// PASSES:         arith.addi %[[B0]], %[[B1]] : i32

// GENERIC:      "foo.bar"(%{{.*}}) {attr = 1 : i32, name = "x"} : (i32) -> i32
// GENERIC:      "arith.addi"
