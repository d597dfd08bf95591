// Errors: exit status 1, a located diagnostic or one line, no traceback, and no output
// file left behind, not even one from an earlier run.
//
// RUN: echo stale > %t.ll
// RUN: not irkit-translate %s -o %t.ll 2> %t.op
// RUN: FileCheck %s --check-prefix=OP --input-file %t.op
// RUN: not test -e %t.ll
// RUN: not irkit-translate %S/Inputs/valid.mlir --target=bogus-triple 2> %t.triple
// RUN: FileCheck %s --check-prefix=TRIPLE --input-file %t.triple
// RUN: not irkit-translate %S/does-not-exist.mlir 2> %t.missing
// RUN: FileCheck %s --check-prefix=MISSING --input-file %t.missing
// RUN: not irkit-translate %S/Inputs/valid.mlir --target=bogus-triple --emit=obj -o %t.o 2> %t.triple2
// RUN: FileCheck %s --check-prefix=TRIPLE --input-file %t.triple2
// RUN: not test -e %t.o
// RUN: not irkit-translate %S/Inputs/valid.mlir --emit=obj 2> %t.binary
// RUN: FileCheck %s --check-prefix=BINARY --input-file %t.binary
// RUN: not irkit-translate %S/Inputs/valid.mlir --emit=exe 2> %t.emit
// RUN: FileCheck %s --check-prefix=EMIT --input-file %t.emit
// RUN: not irkit-translate %S/Inputs/parse-error.mlir 2> %t.parse
// RUN: FileCheck %s --check-prefix=PARSE --input-file %t.parse

// OP: errors.mlir:[[# @LINE + 12]]:8: error: 'arith.addi' op cannot be translated to LLVM IR{{$}}
// OP-NEXT: {{^}}  %b = arith.addi %a, %a : i32
// OP-NEXT: {{^}}       ^
// OP-NOT: Traceback
// TRIPLE: irkit-translate: error: unknown target triple 'bogus-triple'
// TRIPLE-NOT: Traceback
// MISSING: error: could not open input file '{{.*}}does-not-exist.mlir'
// BINARY: irkit-translate: error: --emit=obj writes binary: use -o FILE
// EMIT: irkit-translate: for the --emit option: Cannot find option named 'exe'
// PARSE: parse-error.mlir:2:3: error:
// PARSE-NOT: Traceback
llvm.func @f(%a: i32) -> i32 {
  %b = arith.addi %a, %a : i32
  llvm.return %b : i32
}
