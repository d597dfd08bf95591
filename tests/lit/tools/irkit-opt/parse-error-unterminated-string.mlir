// An unterminated string literal is reported at once, whatever its length
// (xDSL's lexer regex backtracks exponentially on it: about 2x slower per
// extra character, so this 51-character literal would take hours). `timeout`
// bounds the run; a timeout prints no diagnostic, so FileCheck fails.
//
// RUN: not timeout 20 irkit-opt %S/Inputs/long-unterminated-string.mlir 2>&1 | FileCheck %s

// CHECK:     long-unterminated-string.mlir:2:{{[0-9]+}}: error:
// CHECK-NOT: Traceback
