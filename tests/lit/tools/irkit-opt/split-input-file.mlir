// --split-input-file: each piece between split markers (a line of five dashes
// after `//`) is parsed, verified, transformed and printed on its own; the
// outputs are joined by the marker line.
// A piece that fails prints nothing, does not stop the pieces after it, and
// makes the exit status 1. Diagnostics keep the line numbers of the whole file.
//
// RUN: not irkit-opt %s --split-input-file 2> %t.err | FileCheck %s --check-prefix=OUT
// RUN: FileCheck %s --check-prefix=ERR --input-file %t.err
// RUN: not irkit-opt %s -split-input-file 2> %t.err1 | FileCheck %s --check-prefix=OUT
// RUN: FileCheck %s --check-prefix=ERR --input-file %t.err1
// Passes run on every piece that parses and verifies.
// RUN: not irkit-opt %s --split-input-file --cse 2>/dev/null | FileCheck %s --check-prefix=CSE
// Without the flag the markers are plain comments: one module, one error, no output.
// RUN: not irkit-opt %s 2>&1 | FileCheck %s --check-prefix=WHOLE
// A file whose pieces all succeed exits with status 0.
// RUN: irkit-opt %S/Inputs/split-valid.mlir --split-input-file | FileCheck %s --check-prefix=VALID

func.func @one(%a: i32) -> i32 {
  %x = arith.addi %a, %a : i32
  %y = arith.addi %a, %a : i32
  %z = arith.muli %x, %y : i32
  return %z : i32
}

// -----

func.func @two(%a: i32) -> i32 {
  // ERR: split-input-file.mlir:[[# @LINE + 1]]:23: error: use of undeclared SSA value name
  %0 = arith.addi %a, %undefined : i32
  return %0 : i32
}

// -----

func.func @three(%a: i32) -> i32 {
  %x = arith.addi %a, %a : i32
  %y = arith.addi %a, %a : i32
  %z = arith.muli %x, %y : i32
  return %z : i32
}

// -----

func.func @four() -> i32 {
  // ERR: split-input-file.mlir:[[# @LINE + 1]]:3: error: 'func.return' op
  return
}

// -----

// An empty piece is an empty module.

// -----
func.func @six() {
  return
}

// OUT-NOT:      {{//}} -----
// OUT:          func.func @one
// OUT:          {{//}} -----
// OUT-NEXT:     {{//}} -----
// OUT-NEXT:     {{(builtin.)?}}module {
// OUT-NEXT:       func.func @three
// OUT:          {{//}} -----
// OUT-NEXT:     {{//}} -----
// OUT-NEXT:     {{(builtin.)?}}module {
// OUT-NEXT:     }
// OUT:          {{//}} -----
// OUT-NEXT:     {{(builtin.)?}}module {
// OUT-NEXT:       func.func @six
// OUT-NOT:      {{//}} -----

// ERR-NOT: Traceback

// CSE-LABEL: func.func @one
// CSE-NEXT:    %[[X:.*]] = arith.addi
// CSE-NEXT:    arith.muli %[[X]], %[[X]]
// CSE-LABEL: func.func @three
// CSE-NEXT:    %[[X:.*]] = arith.addi
// CSE-NEXT:    arith.muli %[[X]], %[[X]]

// WHOLE-NOT:  func.func @one
// WHOLE:      split-input-file.mlir:{{[0-9]+}}:23: error: use of undeclared SSA value name
// WHOLE-NOT:  error
// WHOLE-NOT:  func.func

// VALID:      func.func @a
// VALID:      {{//}} -----
// VALID-NEXT: {{(builtin.)?}}module {
// VALID-NEXT:   func.func @b
// VALID:      {{//}} -----
// VALID-NEXT: {{(builtin.)?}}module {
// VALID-NEXT:   func.func @c
