// --help gives every pass a one-line summary of what it does, as mlir-opt
// does ("cse - Eliminate common sub-expressions").
//
// UNSUPPORTED: reference-mlir-opt
// RUN: irkit-opt --help | FileCheck %s

// CHECK:     PASSES
// CHECK-NOT: (no description)
// CHECK:     {{^}}  --cse {{ *}}- {{.*}}{{[Ss]ub-?expression}}
// CHECK-NOT: (no description)
