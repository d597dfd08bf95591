// -o FILE writes the output to FILE and nothing to stdout; `-o -` is stdout.
// When the run fails, no output file is created.
//
// RUN: rm -f %t && irkit-opt %s --cse -o %t > %t.stdout
// RUN: FileCheck %s --input-file %t
// RUN: FileCheck %s --check-prefix=EMPTY --input-file %t.stdout --allow-empty
// RUN: rm -f %t.eq && irkit-opt %s --cse -o=%t.eq && FileCheck %s --input-file %t.eq
// RUN: rm -f %t.before && irkit-opt -o %t.before %s --cse && FileCheck %s --input-file %t.before
// RUN: irkit-opt %s --cse -o - | FileCheck %s
// Split pieces are all written to the file, with their separators.
// RUN: rm -f %t.split && irkit-opt %S/Inputs/split-valid.mlir --split-input-file -o %t.split
// RUN: FileCheck %s --check-prefix=SPLIT --input-file %t.split
// A parse error, a failing piece among good ones, a failing pass: no file.
// RUN: rm -f %t.parse && not irkit-opt %S/Inputs/parse-error.mlir -o %t.parse 2> %t.parse.err
// RUN: not test -e %t.parse
// RUN: FileCheck %s --check-prefix=DIAG --input-file %t.parse.err
// RUN: rm -f %t.pieces && not irkit-opt %S/Inputs/split-one-bad.mlir --split-input-file -o %t.pieces 2>/dev/null
// RUN: not test -e %t.pieces
// RUN: rm -f %t.verify && not irkit-opt %S/Inputs/verify-missing.mlir --verify-diagnostics -o %t.verify 2>/dev/null
// RUN: not test -e %t.verify

func.func @f(%a: i32) -> i32 {
  %x = arith.addi %a, %a : i32
  %y = arith.addi %a, %a : i32
  %z = arith.muli %x, %y : i32
  return %z : i32
}

// CHECK-LABEL: func.func @f
// CHECK-NEXT:    %[[X:.*]] = arith.addi
// CHECK-NEXT:    arith.muli %[[X]], %[[X]]

// EMPTY-NOT: {{.}}

// SPLIT:      func.func @a
// SPLIT:      {{//}} -----
// SPLIT:      func.func @b
// SPLIT:      {{//}} -----
// SPLIT:      func.func @c

// DIAG: parse-error.mlir:4:{{[0-9]+}}: error:
