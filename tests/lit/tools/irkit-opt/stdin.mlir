// The input is read from stdin when the file is `-` or when none is given;
// diagnostics then name it <stdin>.
//
// RUN: irkit-opt < %s | FileCheck %s
// RUN: irkit-opt - < %s | FileCheck %s
// RUN: irkit-opt --cse < %s | FileCheck %s --check-prefix=CSE
// RUN: cat %s | irkit-opt - --cse | FileCheck %s --check-prefix=CSE
// RUN: irkit-opt --split-input-file - < %S/Inputs/split-valid.mlir | FileCheck %s --check-prefix=SPLIT
// RUN: not irkit-opt < %S/Inputs/parse-error.mlir 2>&1 | FileCheck %s --check-prefix=DIAG
// RUN: not irkit-opt - < %S/Inputs/parse-error.mlir 2>&1 | FileCheck %s --check-prefix=DIAG
// An empty stdin is an empty module.
// RUN: irkit-opt < %S/Inputs/empty.mlir | FileCheck %s --check-prefix=EMPTY

func.func @from_stdin(%a: i32) -> i32 {
  %x = arith.addi %a, %a : i32
  %y = arith.addi %a, %a : i32
  %z = arith.muli %x, %y : i32
  return %z : i32
}

// CHECK-LABEL: func.func @from_stdin
// CHECK-NEXT:    %[[X:.*]] = arith.addi
// CHECK-NEXT:    %[[Y:.*]] = arith.addi
// CHECK-NEXT:    arith.muli %[[X]], %[[Y]]

// CSE-LABEL: func.func @from_stdin
// CSE-NEXT:    %[[X:.*]] = arith.addi
// CSE-NEXT:    arith.muli %[[X]], %[[X]]

// SPLIT: func.func @a
// SPLIT: func.func @b
// SPLIT: func.func @c

// DIAG:      <stdin>:4:{{[0-9]+}}: error:
// DIAG-NEXT: {{^}}  %0 = arith.addi %a, %c0 : i64
// DIAG-NOT:  Traceback

// EMPTY:      {{^(builtin.)?}}module {
// EMPTY-NEXT: {{^}}}
