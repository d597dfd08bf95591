// Options of pass flags: `--pass=` with an empty option list is the plain
// pass; options that the pass does not have are a one-line usage error (exit
// status 1, no output). xDSL's canonicalize and cse take no options, so
// MLIR's `--canonicalize="max-iterations=3"` is rejected.
//
// UNSUPPORTED: reference-mlir-opt
// RUN: irkit-opt %s --cse= | FileCheck %s --check-prefix=CSE
// RUN: irkit-opt %s '--cse=' --canonicalize='' | FileCheck %s --check-prefix=FOLDED
// RUN: irkit-opt %s --pass-pipeline='builtin.module(func.func(cse{ }))' | FileCheck %s --check-prefix=CSE
// RUN: echo BEGIN > %t.canon && not irkit-opt %s --canonicalize="max-iterations=3" >> %t.canon 2>&1
// RUN: FileCheck %s --check-prefix=CANON --input-file %t.canon
// RUN: echo BEGIN > %t.cse && not irkit-opt %s -cse='no-such-option=1 other' >> %t.cse 2>&1
// RUN: FileCheck %s --check-prefix=CSE-OPT --input-file %t.cse
// RUN: echo BEGIN > %t.nested && not irkit-opt %s --pass-pipeline='builtin.module(func.func(cse{tile-sizes=32,32}))' >> %t.nested 2>&1
// RUN: FileCheck %s --check-prefix=NESTED --input-file %t.nested

func.func @f(%a: i32) -> i1 {
  %x = arith.addi %a, %a : i32
  %y = arith.addi %a, %a : i32
  %e = arith.cmpi eq, %x, %y : i32
  return %e : i1
}

// CSE-LABEL: func.func @f
// CSE-NEXT:    %[[X:.*]] = arith.addi
// CSE-NEXT:    arith.cmpi eq, %[[X]], %[[X]]

// FOLDED-LABEL: func.func @f
// FOLDED-NEXT:    %[[T:.*]] = arith.constant true
// FOLDED-NEXT:    func.return %[[T]] : i1

// CANON:      BEGIN
// CANON-NEXT: {{^}}irkit-opt: invalid options for pass 'canonicalize': {{.*}}max_iterations{{.*$}}
// CANON-NOT:  {{.}}

// CSE-OPT:      BEGIN
// CSE-OPT-NEXT: {{^}}irkit-opt: invalid options for pass 'cse': {{.*}}no_such_option{{.*$}}
// CSE-OPT-NOT:  {{.}}

// NESTED:      BEGIN
// NESTED-NEXT: {{^}}irkit-opt: invalid options for pass 'cse': {{.*}}tile_sizes{{.*$}}
// NESTED-NOT:  {{.}}
