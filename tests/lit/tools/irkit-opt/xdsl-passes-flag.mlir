// irkit-opt's extension: xDSL's `-p a,b` (also `--passes`), a comma-separated
// list of passes with optional `{options}`, appended to the pipeline in
// command-line order together with the pass flags.
//
// UNSUPPORTED: reference-mlir-opt
// RUN: irkit-opt %s -p cse,canonicalize | FileCheck %s --check-prefix=CSE-CANON
// RUN: irkit-opt %s -p=cse,canonicalize | FileCheck %s --check-prefix=CSE-CANON
// RUN: irkit-opt %s --passes cse,canonicalize | FileCheck %s --check-prefix=CSE-CANON
// RUN: irkit-opt %s -p 'cse{},canonicalize{}' | FileCheck %s --check-prefix=CSE-CANON
// RUN: irkit-opt %s -p canonicalize,cse | FileCheck %s --check-prefix=CANON-CSE
// RUN: irkit-opt %s --cse -p canonicalize | FileCheck %s --check-prefix=CSE-CANON
// RUN: irkit-opt %s -p canonicalize --cse | FileCheck %s --check-prefix=CANON-CSE
// RUN: irkit-opt %s -p cse -p canonicalize | FileCheck %s --check-prefix=CSE-CANON
// Errors are one line on stderr, exit status 1, and no output.
// (Each output file starts with BEGIN so that FileCheck can tell that the
// error is the first and only line.)
// RUN: echo BEGIN > %t.unknown && not irkit-opt %s -p no-such-pass >> %t.unknown 2>&1
// RUN: FileCheck %s --check-prefix=UNKNOWN --input-file %t.unknown
// RUN: echo BEGIN > %t.unbalanced && not irkit-opt %s -p 'cse{' >> %t.unbalanced 2>&1
// RUN: FileCheck %s --check-prefix=UNBALANCED --input-file %t.unbalanced
// RUN: echo BEGIN > %t.badopt && not irkit-opt %s -p 'cse{bogus-option=1}' >> %t.badopt 2>&1
// RUN: FileCheck %s --check-prefix=BADOPT --input-file %t.badopt
// RUN: echo BEGIN > %t.novalue && not irkit-opt %s -p >> %t.novalue 2>&1
// RUN: FileCheck %s --check-prefix=NOVALUE --input-file %t.novalue

func.func @order(%a: i32, %b: i32, %c: i1) -> (i1, i32) {
  %x = arith.muli %a, %b : i32
  %y = arith.muli %a, %b : i32
  %e = arith.cmpi eq, %x, %y : i32
  %s = arith.select %c, %x, %y : i32
  return %e, %s : i1, i32
}

// CSE-CANON-LABEL: func.func @order
// CSE-CANON-NEXT:    %[[X:.*]] = arith.muli
// CSE-CANON-NEXT:    %[[T:.*]] = arith.constant true
// CSE-CANON-NEXT:    func.return %[[T]], %[[X]] : i1, i32

// CANON-CSE-LABEL: func.func @order
// CANON-CSE-NEXT:    %[[X:.*]] = arith.muli
// CANON-CSE-NEXT:    %[[E:.*]] = arith.cmpi eq, %[[X]], %[[X]] : i32
// CANON-CSE-NEXT:    %[[S:.*]] = arith.select %{{.*}}, %[[X]], %[[X]] : i32
// CANON-CSE-NEXT:    func.return %[[E]], %[[S]] : i1, i32

// UNKNOWN:      BEGIN
// UNKNOWN-NEXT: {{^}}irkit-opt: 'no-such-pass' does not refer to a registered pass or pass pipeline{{$}}
// UNKNOWN-NOT:  {{.}}

// UNBALANCED:      BEGIN
// UNBALANCED-NEXT: {{^}}irkit-opt: unbalanced brackets or quotes in 'cse{'{{$}}
// UNBALANCED-NOT:  {{.}}

// BADOPT:      BEGIN
// BADOPT-NEXT: {{^}}irkit-opt: invalid options for pass 'cse': {{.*}}bogus{{.*$}}
// BADOPT-NOT:  {{.}}

// NOVALUE:      BEGIN
// NOVALUE-NEXT: {{^}}irkit-opt: option '-p' requires a value{{$}}
// NOVALUE-NOT:  {{.}}
