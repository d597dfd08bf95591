// A near miss (a diagnostic with the expected text on the expected line, but
// of another severity) is reported as MLIR reports it: at the expected-*
// comment, followed by that expectation's "was not produced". With
// =only-expected, MLIR does not report near misses at all (only the
// expectation that was not met).
//
// RUN: not irkit-opt %S/Inputs/verify-near-miss.mlir --verify-diagnostics 2> %t.all
// RUN: FileCheck %s --check-prefix=ALL --input-file %t.all --strict-whitespace
// RUN: not irkit-opt %S/Inputs/verify-near-miss.mlir --verify-diagnostics=only-expected 2> %t.only
// RUN: FileCheck %s --check-prefix=ONLY --input-file %t.only

//      ALL: {{^}}{{.*}}verify-near-miss.mlir:4:6: error: 'error' diagnostic emitted when expecting a 'warning'
// ALL-NEXT: {{^}}  // expected-warning@+1 {{[{][{]}}'func.return' op{{[}][}]}}
// ALL-NEXT: {{^}}     ^{{$}}
//      ALL: {{^}}{{.*}}verify-near-miss.mlir:4:6: error: expected warning "'func.return' op" was not produced
//  ALL-NOT: unexpected

// ONLY-NOT: diagnostic emitted when expecting
// ONLY:     verify-near-miss.mlir:4:6: error: expected warning "'func.return' op" was not produced
// ONLY-NOT: diagnostic emitted when expecting
