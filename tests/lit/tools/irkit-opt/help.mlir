// --help prints the usage, every driver flag and every registered pass (each
// also a flag) with a one-line summary, to stdout, and exits with status 0.
//
// UNSUPPORTED: reference-mlir-opt
// RUN: irkit-opt --help | FileCheck %s
// RUN: irkit-opt -help | FileCheck %s
// RUN: irkit-opt %s --help | FileCheck %s
// RUN: irkit-opt --help 2>&1 >/dev/null | FileCheck %s --check-prefix=STDERR --allow-empty

// CHECK:      OVERVIEW:
// CHECK:      USAGE: irkit-opt [options] <input file>
// CHECK:      OPTIONS:
// CHECK-DAG:  {{^}}  -o=<value> {{ *}}- {{[A-Za-z].*}}
// CHECK-DAG:  {{^}}  --pass-pipeline=<value> {{ *}}- {{[A-Za-z].*}}
// CHECK-DAG:  {{^}}  -p=<value> {{ *}}- {{[A-Za-z].*}}
// CHECK-DAG:  {{^}}  --split-input-file {{ *}}- {{[A-Za-z].*}}
// CHECK-DAG:  {{^}}  --verify-diagnostics {{ *}}- {{[A-Za-z].*}}
// CHECK-DAG:  {{^}}  --mlir-print-op-generic {{ *}}- {{[A-Za-z].*}}
// CHECK-DAG:  {{^}}  --mlir-print-debuginfo {{ *}}- {{[A-Za-z].*}}
// CHECK-DAG:  {{^}}  --mlir-print-ir-before-all {{ *}}- {{[A-Za-z].*}}
// CHECK-DAG:  {{^}}  --mlir-print-ir-after-all {{ *}}- {{[A-Za-z].*}}
// CHECK-DAG:  {{^}}  --mlir-timing {{ *}}- {{[A-Za-z].*}}
// CHECK-DAG:  {{^}}  --allow-unregistered-dialect {{ *}}- {{[A-Za-z].*}}
// CHECK-DAG:  {{^}}  --help {{ *}}- {{[A-Za-z].*}}
// CHECK:      PASSES
// CHECK-DAG:  {{^}}  --canonicalize {{ *}}- {{[A-Za-z].*}}
// CHECK-DAG:  {{^}}  --cse {{ *}}- {{.+}}
// CHECK-DAG:  {{^}}  --dce {{ *}}- {{.+}}
// CHECK-DAG:  {{^}}  --lower-to-affine {{ *}}- {{[A-Za-z].*}}
// CHECK-DAG:  {{^}}  --lower-to-llvm {{ *}}- {{[A-Za-z].*}}
// CHECK-DAG:  {{^}}  --lower-to-ta {{ *}}- {{[A-Za-z].*}}
// CHECK-DAG:  {{^}}  --test-emit-diagnostics {{ *}}- {{[A-Za-z].*}}

// STDERR-NOT: {{.}}
