// A lexer error in the very first token of the input (or of a split piece) is
// an ordinary located parse error with exit status 1, not an internal error.
//
// RUN: not irkit-opt %S/Inputs/first-token-lex-error.mlir 2>&1 | FileCheck %s
// RUN: not irkit-opt %s --split-input-file 2>&1 | FileCheck %s --check-prefix=SPLIT

func.func @fine() {
  return
}

// -----

!

// CHECK:     first-token-lex-error.mlir:2:{{[0-9]+}}: error:
// CHECK-NOT: internal error
// CHECK-NOT: Traceback

// SPLIT-NOT: internal error
// SPLIT:     parse-error-first-token.mlir:13:1: error:
// SPLIT-NOT: internal error
// SPLIT-NOT: Traceback
