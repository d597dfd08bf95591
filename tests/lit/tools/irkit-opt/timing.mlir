// --mlir-timing prints MLIR's execution time report to stderr, after the
// output: the parser, each pass, the printer, and the total.
//
// RUN: irkit-opt %s --cse --canonicalize --mlir-timing 2> %t.timing | FileCheck %s --check-prefix=STDOUT
// RUN: FileCheck %s --input-file %t.timing
// RUN: irkit-opt %s --mlir-timing 2>&1 >/dev/null | FileCheck %s --check-prefix=NOPASS
// A failing run still reports what it timed.
// RUN: not irkit-opt %S/Inputs/parse-error.mlir --mlir-timing 2>&1 | FileCheck %s --check-prefix=FAIL

func.func @f(%a: i32) -> i32 {
  %x = arith.addi %a, %a : i32
  %y = arith.addi %a, %a : i32
  %z = arith.muli %x, %y : i32
  return %z : i32
}

// STDOUT-NOT: Execution time report
// STDOUT:     func.func @f
// STDOUT-NOT: Execution time report

//      CHECK: ===-------------------------------------------------------------------------===
// CHECK-NEXT: ... Execution time report ...
// CHECK-NEXT: ===-------------------------------------------------------------------------===
// CHECK-NEXT:   Total Execution Time: {{[0-9]+\.[0-9]+}} seconds
// CHECK-EMPTY:
// CHECK-NEXT:   ----Wall Time----  ----Name----
// CHECK-NEXT:   {{[0-9]+\.[0-9]+}} ({{ *[0-9]+\.[0-9]}}%)  Parser
// CHECK:        {{[0-9]+\.[0-9]+}} ({{ *[0-9]+\.[0-9]}}%)  {{cse|CSE}}
// CHECK:        {{[0-9]+\.[0-9]+}} ({{ *[0-9]+\.[0-9]}}%)  {{canonicalize|Canonicalizer}}
// CHECK:        {{[0-9]+\.[0-9]+}} ({{ *[0-9]+\.[0-9]}}%)  Output
// CHECK:        {{[0-9]+\.[0-9]+}} (100.0%)  Total

// NOPASS:     Execution time report
// NOPASS:     Parser
// NOPASS-NOT: {{cse|CSE}}
// NOPASS:     Total

// FAIL: parse-error.mlir:{{[0-9]+}}:{{[0-9]+}}: error:
// FAIL: Execution time report
// FAIL: Total
