// Errors are reported as MLIR reports them: `file:line:col: error: message`,
// then the source line, then a caret under the column; the exit status is 1;
// nothing is printed to stdout; there is never a Python traceback.
//
// RUN: not irkit-opt %S/Inputs/parse-error.mlir 2> %t.parse | FileCheck %s --check-prefix=NOOUT --allow-empty
// RUN: FileCheck %s --check-prefix=PARSE --input-file %t.parse --strict-whitespace
// RUN: not irkit-opt %S/Inputs/tab.mlir 2>&1 | FileCheck %s --check-prefix=TAB --strict-whitespace
// RUN: not irkit-opt %S/Inputs/verifier-error.mlir 2> %t.verifier | FileCheck %s --check-prefix=NOOUT --allow-empty
// RUN: FileCheck %s --check-prefix=VERIFIER --input-file %t.verifier --strict-whitespace
// RUN: not irkit-opt %S/Inputs/truncated.mlir 2>&1 | FileCheck %s --check-prefix=TRUNCATED
// RUN: %python -c "import sys; sys.stdout.buffer.write(b'func.func @f() {\n  return\n}\n%%x = arith.constant 1 : i32 \xc3\x28\n')" > %t.utf8
// (mlir-opt quotes the bad bytes, which FileCheck cannot read: replace them.)
// RUN: not irkit-opt %t.utf8 2>&1 | %python -c "import sys; print(sys.stdin.buffer.read().decode('utf-8', 'replace'))" | FileCheck %s --check-prefix=UTF8
// The location is that of the first use of the undefined value.
// RUN: not irkit-opt %s 2>&1 | FileCheck %s --check-prefix=FIRST

func.func @f(%a: i32) {
  // FIRST:     diagnostics.mlir:[[# @LINE + 1]]:23: error: use of undeclared SSA value name
  %0 = arith.addi %a, %undefined1 : i32
  %1 = arith.addi %a, %undefined2 : i32
  return
}

// NOOUT-NOT: {{.}}

//      PARSE: {{^}}{{.*}}parse-error.mlir:4:19: error: {{.+}}
// PARSE-NEXT: {{^}}  %0 = arith.addi %a, %c0 : i64{{$}}
// PARSE-NEXT: {{^}}                  ^{{$}}
//  PARSE-NOT: Traceback

// A tab keeps the caret under the op name, whether it is kept or expanded.
//      TAB: {{^}}{{.*}}tab.mlir:3:7: error: custom op 'arith.bogus' is unknown
// TAB-NEXT: {{^}}{{\t|        }}%0 = arith.bogus 0 : i32{{$}}
// TAB-NEXT: {{^}}{{\t|        }}     ^{{$}}
//  TAB-NOT: Traceback

//      VERIFIER: {{^}}{{.*}}verifier-error.mlir:4:3: error: 'func.return' op {{.+}}
// VERIFIER-NEXT: {{^}}  return{{$}}
// VERIFIER-NEXT: {{^}}  ^{{$}}
//      VERIFIER: {{^}}{{.*}}verifier-error.mlir:4:3: note: see current operation: "func.return"() : () -> ()
//  VERIFIER-NOT: Traceback

// TRUNCATED:     truncated.mlir:{{[34]}}:{{[0-9]+}}: error:
// TRUNCATED-NOT: Traceback

// UTF8:     .utf8:4:29: error:
// UTF8-NOT: Traceback

