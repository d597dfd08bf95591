// --verify-diagnostics fails (exit status 1) when an expected diagnostic is
// not produced, when an unexpected one is, and when one is produced with
// another severity than expected (a near miss), in MLIR's words. The output of
// a piece whose passes succeed is still printed.
//
// RUN: not irkit-opt %S/Inputs/verify-failures.mlir --split-input-file --verify-diagnostics 2> %t.err | FileCheck %s --check-prefix=OUT
// RUN: FileCheck %s --check-prefix=ERR --input-file %t.err
// RUN: not irkit-opt %S/Inputs/verify-missing.mlir --verify-diagnostics 2> %t.missing | FileCheck %s --check-prefix=OUT-MISSING
// RUN: FileCheck %s --check-prefix=MISSING --input-file %t.missing --strict-whitespace
// RUN: not irkit-opt %S/Inputs/verify-unexpected.mlir --verify-diagnostics 2> %t.unexpected
// RUN: FileCheck %s --check-prefix=UNEXPECTED --input-file %t.unexpected --strict-whitespace
// With =only-expected, the missing expectations still fail (near misses:
// see verify-diagnostics-near-miss.mlir).
// RUN: not irkit-opt %S/Inputs/verify-failures.mlir --split-input-file --verify-diagnostics=only-expected 2> %t.only
// RUN: FileCheck %s --check-prefix=ONLY --input-file %t.only

// OUT:      func.func @missing
// OUT-NOT:  func.func @unexpected
// OUT-NOT:  func.func @near_miss
// OUT-NOT:  func.func @wrong_line
// OUT-NOT:  func.func @wrong_text
// OUT:      func.func @missing_regex
// OUT-NOT:  func.func @bad_regex

// ERR-DAG: verify-failures.mlir:5:6: error: expected error "this error is never emitted" was not produced
// ERR-DAG: verify-failures.mlir:12:3: error: unexpected error: 'func.return' op
// ERR-DAG: verify-failures.mlir:{{[0-9]+}}:{{[0-9]+}}: error: 'error' diagnostic emitted when expecting a 'warning'
// ERR-DAG: verify-failures.mlir:18:6: error: expected warning "'func.return' op" was not produced
// ERR-DAG: verify-failures.mlir:26:23: error: unexpected error: use of undeclared SSA value name
// ERR-DAG: verify-failures.mlir:25:6: error: expected error "use of undeclared SSA value name" was not produced
// ERR-DAG: verify-failures.mlir:34:23: error: unexpected error: use of undeclared SSA value name
// ERR-DAG: verify-failures.mlir:33:6: error: expected error "use of an undeclared value" was not produced
// ERR-DAG: verify-failures.mlir:42:6: error: expected error "never {{[{][{]}}[0-9]+{{[}][}]}} times" was not produced
// ERR-DAG: verify-failures.mlir:49:6: error: invalid regex: {{.+}}
// ERR-NOT: Traceback

// OUT-MISSING: func.func @missing

// The expectation is quoted, with its text underlined.
//      MISSING: {{^}}{{.*}}verify-missing.mlir:4:6: error: expected error "this error is never emitted" was not produced
// MISSING-NEXT: {{^}}  // expected-error@+1 {{[{][{]}}this error is never emitted{{[}][}]}}
// MISSING-NEXT: {{^}}     ^~~~~~~~~~~~~~~~~~~~~~~~~~~{{$}}
//  MISSING-NOT: {{.}}

//      UNEXPECTED: {{^}}{{.*}}verify-unexpected.mlir:3:23: error: unexpected error: use of undeclared SSA value name
// UNEXPECTED-NEXT: {{^}}  %0 = arith.addi %a, %undefined : i32
// UNEXPECTED-NEXT: {{^}}                      ^{{$}}
//  UNEXPECTED-NOT: {{.}}

// ONLY-NOT: unexpected error
// ONLY-DAG: verify-failures.mlir:5:6: error: expected error "this error is never emitted" was not produced
// ONLY-DAG: verify-failures.mlir:25:6: error: expected error "use of undeclared SSA value name" was not produced
// ONLY-DAG: verify-failures.mlir:33:6: error: expected error "use of an undeclared value" was not produced
// ONLY-NOT: unexpected error
