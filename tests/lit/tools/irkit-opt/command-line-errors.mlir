// Command-line mistakes are one line on stderr, exit status 1, no output and
// no traceback: an unknown flag, an unknown pass (as a flag, in
// --pass-pipeline, nested), a malformed or unanchored pipeline, a missing
// input file, two input files, a flag without its value.
// (Each output starts with BEGIN so that FileCheck can see the error is the
// first and only line.)
//
// UNSUPPORTED: reference-mlir-opt
// RUN: echo BEGIN > %t.flag && not irkit-opt %s --no-such-flag >> %t.flag 2>&1
// RUN: FileCheck %s --check-prefix=FLAG --input-file %t.flag
// RUN: echo BEGIN > %t.flag1 && not irkit-opt %s -no-such-flag=3 >> %t.flag1 2>&1
// RUN: FileCheck %s --check-prefix=FLAG1 --input-file %t.flag1
// RUN: echo BEGIN > %t.pass && not irkit-opt %s --pass-pipeline='builtin.module(no-such-pass)' >> %t.pass 2>&1
// RUN: FileCheck %s --check-prefix=PASS --input-file %t.pass
// RUN: echo BEGIN > %t.nested && not irkit-opt %s --pass-pipeline='builtin.module(func.func(cse,no-such-pass))' >> %t.nested 2>&1
// RUN: FileCheck %s --check-prefix=PASS --input-file %t.nested
// RUN: echo BEGIN > %t.anchor && not irkit-opt %s --pass-pipeline='cse' >> %t.anchor 2>&1
// RUN: FileCheck %s --check-prefix=ANCHOR --input-file %t.anchor
// RUN: echo BEGIN > %t.unbalanced && not irkit-opt %s --pass-pipeline='builtin.module(func.func(cse)' >> %t.unbalanced 2>&1
// RUN: FileCheck %s --check-prefix=UNBALANCED --input-file %t.unbalanced
// RUN: echo BEGIN > %t.func && not irkit-opt %s --pass-pipeline='func.func(cse)' >> %t.func 2>&1
// RUN: FileCheck %s --check-prefix=FUNC --input-file %t.func
// RUN: echo BEGIN > %t.empty && not irkit-opt %s --pass-pipeline='builtin.module(cse,,canonicalize)' >> %t.empty 2>&1
// RUN: FileCheck %s --check-prefix=EMPTY --input-file %t.empty
// RUN: echo BEGIN > %t.missing && not irkit-opt %t.no-such-file.mlir >> %t.missing 2>&1
// RUN: FileCheck %s --check-prefix=MISSING --input-file %t.missing
// RUN: echo BEGIN > %t.two && not irkit-opt %s %s >> %t.two 2>&1
// RUN: FileCheck %s --check-prefix=TWO --input-file %t.two
// RUN: echo BEGIN > %t.value && not irkit-opt %s -o >> %t.value 2>&1
// RUN: FileCheck %s --check-prefix=VALUE --input-file %t.value
// RUN: echo BEGIN > %t.pvalue && not irkit-opt %s --pass-pipeline >> %t.pvalue 2>&1
// RUN: FileCheck %s --check-prefix=PVALUE --input-file %t.pvalue

func.func @f() {
  return
}

// FLAG:      BEGIN
// FLAG-NEXT: {{^}}irkit-opt: Unknown command line argument '--no-such-flag'.  Try: 'irkit-opt --help'{{$}}
// FLAG-NOT:  {{.}}

// FLAG1:      BEGIN
// FLAG1-NEXT: {{^}}irkit-opt: Unknown command line argument '-no-such-flag=3'.  Try: 'irkit-opt --help'{{$}}
// FLAG1-NOT:  {{.}}

// PASS:      BEGIN
// PASS-NEXT: {{^}}irkit-opt: 'no-such-pass' does not refer to a registered pass or pass pipeline{{$}}
// PASS-NOT:  {{.}}

// ANCHOR:      BEGIN
// ANCHOR-NEXT: {{^}}irkit-opt: {{.*}}anchored on an op{{.*$}}
// ANCHOR-NOT:  {{.}}

// UNBALANCED:      BEGIN
// UNBALANCED-NEXT: {{^}}irkit-opt: {{.*}}unbalanced{{.*$}}
// UNBALANCED-NOT:  {{.}}

// FUNC:      BEGIN
// FUNC-NEXT: {{^}}irkit-opt: can't run 'func.func' pass manager on 'builtin.module' op{{$}}
// FUNC-NOT:  {{.}}

// EMPTY:      BEGIN
// EMPTY-NEXT: {{^}}irkit-opt: expected a pass or an op name{{.*$}}
// EMPTY-NOT:  {{.}}

// MISSING:      BEGIN
// MISSING-NEXT: {{^}}{{(irkit-opt: )?}}error: could not open input file '{{.*}}no-such-file.mlir': No such file or directory{{$}}
// MISSING-NOT:  {{.}}

// TWO:      BEGIN
// TWO-NEXT: {{^}}irkit-opt: Too many positional arguments specified: {{.*$}}
// TWO-NOT:  {{.}}

// VALUE:      BEGIN
// VALUE-NEXT: {{^}}irkit-opt: option '-o' requires a value{{$}}
// VALUE-NOT:  {{.}}

// PVALUE:      BEGIN
// PVALUE-NEXT: {{^}}irkit-opt: option '--pass-pipeline' requires a value{{$}}
// PVALUE-NOT:  {{.}}
