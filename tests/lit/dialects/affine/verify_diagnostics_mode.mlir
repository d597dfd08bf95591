// Self-checks of the driver's -verify-diagnostics mode, on the inputs in
// Inputs/ (which lit does not run as tests). The mode must fail (non-zero
// exit) and say why when an expectation is not met:
//   <file>:<line>:<col>: error: unexpected error: <message>
//   <file>:<line>:<col>: error: unexpected note: <message>
//   <file>:<line>:<col>: error: expected error "<text>" was not produced
// where <line> is the line of the diagnostic for "unexpected ..." and the line
// of the expected-error comment for "... was not produced". MLIR reports the
// unexpected diagnostics as they happen and the unmet expectations at the
// end, so the checks below do not depend on the order.

// The expected text is not a substring of the actual message.
// RUN: not irkit-opt %S/Inputs/verify_wrong_message.mlir -verify-diagnostics 2>&1 | FileCheck %s --check-prefix=WRONG
// WRONG-DAG: verify_wrong_message.mlir:6:{{[0-9]+}}: error: unexpected error: 'affine.for' op operand cannot be used as a symbol
// WRONG-DAG: verify_wrong_message.mlir:5:{{[0-9]+}}: error: expected error "operand cannot be used as a dimension id" was not produced

// The expected error never happens; the (valid) IR is still processed.
// RUN: not irkit-opt %S/Inputs/verify_missing_error.mlir -verify-diagnostics 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: verify_missing_error.mlir:4:{{[0-9]+}}: error: expected error "operand cannot be used as a symbol" was not produced
// RUN: not irkit-opt %S/Inputs/verify_missing_error.mlir -verify-diagnostics 2>&1 | not grep unexpected

// An error with no expectation at all.
// RUN: not irkit-opt %S/Inputs/verify_unexpected_error.mlir -verify-diagnostics 2>&1 | FileCheck %s --check-prefix=UNEXPECTED
// UNEXPECTED: verify_unexpected_error.mlir:5:{{[0-9]+}}: error: unexpected error: 'affine.yield' op parent of yield must have same number of results as the yield operands
// RUN: not irkit-opt %S/Inputs/verify_unexpected_error.mlir -verify-diagnostics 2>&1 | not grep "was not produced"

// The right message on the wrong line counts as both unexpected and missing.
// RUN: not irkit-opt %S/Inputs/verify_wrong_line.mlir -verify-diagnostics 2>&1 | FileCheck %s --check-prefix=LINE
// LINE-DAG: verify_wrong_line.mlir:6:{{[0-9]+}}: error: unexpected error: 'affine.for' op operand cannot be used as a symbol
// LINE-DAG: verify_wrong_line.mlir:4:{{[0-9]+}}: error: expected error "'affine.for' op operand cannot be used as a symbol" was not produced

// Notes are checked like errors: an unexpected note fails the run even when
// its error was expected.
// RUN: not irkit-opt %S/Inputs/verify_unexpected_note.mlir -verify-diagnostics 2>&1 | FileCheck %s --check-prefix=NOTE
// NOTE: verify_unexpected_note.mlir:5:{{[0-9]+}}: error: unexpected note: previously referenced here
// RUN: not irkit-opt %S/Inputs/verify_unexpected_note.mlir -verify-diagnostics 2>&1 | not grep -E "unexpected error|was not produced"

// With -split-input-file each chunk has its own expectations: only the wrong
// chunk (2) and the chunk with an unexpected parse error (4) are reported;
// chunks 1 and 3 pass. Both spellings of the flags are accepted.
// RUN: not irkit-opt %S/Inputs/verify_split.mlir -split-input-file -verify-diagnostics 2>&1 | FileCheck %s --check-prefix=SPLIT
// RUN: not irkit-opt %S/Inputs/verify_split.mlir --split-input-file --verify-diagnostics 2>&1 | FileCheck %s --check-prefix=SPLIT
// SPLIT-DAG: verify_split.mlir:17:{{[0-9]+}}: error: unexpected error: 'affine.min' op affine map expect at least one result
// SPLIT-DAG: verify_split.mlir:16:{{[0-9]+}}: error: expected error "'affine.apply' op mapping must produce one value" was not produced
// SPLIT-DAG: verify_split.mlir:32:{{[0-9]+}}: error: unexpected error: custom op 'affine.apply' dimension or symbol index mismatch
// RUN: not irkit-opt %S/Inputs/verify_split.mlir -split-input-file -verify-diagnostics 2>&1 | not grep -E "verify_split.mlir:(6|7|24|25):"

// Without -split-input-file the `// -----` lines are plain comments, so the
// whole file is one module: parsing stops at the first parse error (chunk 4)
// and the verifier never runs, leaving every expectation unmet.
// RUN: not irkit-opt %S/Inputs/verify_split.mlir -verify-diagnostics 2>&1 | FileCheck %s --check-prefix=NOSPLIT
// NOSPLIT-DAG: verify_split.mlir:32:{{[0-9]+}}: error: unexpected error: custom op 'affine.apply' dimension or symbol index mismatch
// NOSPLIT-DAG: verify_split.mlir:6:{{[0-9]+}}: error: expected error "'affine.for' op operand cannot be used as a symbol" was not produced
// NOSPLIT-DAG: verify_split.mlir:16:{{[0-9]+}}: error: expected error "'affine.apply' op mapping must produce one value" was not produced
// NOSPLIT-DAG: verify_split.mlir:24:{{[0-9]+}}: error: expected error "'affine.min' op affine map expect at least one result" was not produced

// When every expectation is met (errors, a note, @below and @above), the run
// succeeds and reports nothing.
// RUN: irkit-opt %S/Inputs/verify_all_good.mlir -split-input-file -verify-diagnostics 2> %t.err
// RUN: not grep error %t.err

// Without -verify-diagnostics the same input is just an error.
// RUN: not irkit-opt %S/Inputs/verify_all_good.mlir -split-input-file 2>&1 | FileCheck %s --check-prefix=PLAIN
// PLAIN-DAG: verify_all_good.mlir:6:{{[0-9]+}}: error: region entry argument '%i' is already in use
// PLAIN-DAG: verify_all_good.mlir:6:{{[0-9]+}}: note: previously referenced here
// PLAIN-DAG: verify_all_good.mlir:14:{{[0-9]+}}: error: 'affine.yield' op only terminates affine.if/for/parallel regions
