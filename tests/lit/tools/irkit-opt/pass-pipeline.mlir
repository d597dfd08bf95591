// --pass-pipeline: a textual pipeline anchored on builtin.module (or any), with
// nested pass managers anchored on op names. A nested pipeline runs on every op
// of its name directly inside the op that its parent pipeline runs on.
//
// RUN: irkit-opt %s --pass-pipeline='builtin.module(cse)' | FileCheck %s --check-prefixes=F-CSE,H-CSE
// RUN: irkit-opt %s --pass-pipeline='any(cse)' | FileCheck %s --check-prefixes=F-CSE,H-CSE
// RUN: irkit-opt %s --pass-pipeline='builtin.module(any(cse))' | FileCheck %s --check-prefixes=F-CSE,H-CSE
// RUN: irkit-opt %s --pass-pipeline='builtin.module(func.func(cse))' | FileCheck %s --check-prefixes=F-CSE,H-NONE
// RUN: irkit-opt %s '--pass-pipeline= builtin.module( func.func( cse ) ) ' | FileCheck %s --check-prefixes=F-CSE,H-NONE
// RUN: irkit-opt %s --pass-pipeline 'builtin.module(func.func(cse))' | FileCheck %s --check-prefixes=F-CSE,H-NONE
// Two levels of nesting: only the functions of the inner module.
// RUN: irkit-opt %s --pass-pipeline='builtin.module(builtin.module(func.func(cse)))' | FileCheck %s --check-prefixes=F-NONE,H-CSE
// RUN: irkit-opt %s --pass-pipeline='builtin.module(builtin.module(cse))' | FileCheck %s --check-prefixes=F-NONE,H-CSE
// An anchor that names no op directly inside the module: nothing runs.
// RUN: irkit-opt %s --pass-pipeline='builtin.module(scf.for(cse))' | FileCheck %s --check-prefixes=F-NONE,H-NONE
// RUN: irkit-opt %s --pass-pipeline='builtin.module(func.return(cse))' | FileCheck %s --check-prefixes=F-NONE,H-NONE
// RUN: irkit-opt %s --pass-pipeline='builtin.module()' | FileCheck %s --check-prefixes=F-NONE,H-NONE
// Several elements run in order; `{}` is an empty option list.
// RUN: irkit-opt %s --pass-pipeline='builtin.module(func.func(cse),canonicalize)' | FileCheck %s --check-prefixes=F-FOLDED
// RUN: irkit-opt %s --pass-pipeline='builtin.module(func.func(cse{}, canonicalize))' | FileCheck %s --check-prefixes=F-FOLDED
// RUN: irkit-opt %s --pass-pipeline='builtin.module(canonicalize,func.func(cse))' | FileCheck %s --check-prefixes=F-CSE
// (mlir-opt rejects pass flags next to --pass-pipeline, so that mix is not tested.)

func.func @f(%a: i32) -> i1 {
  %x = arith.addi %a, %a : i32
  %y = arith.addi %a, %a : i32
  %e = arith.cmpi eq, %x, %y : i32
  return %e : i1
}

module @inner {
  func.func @h(%a: i32) -> i1 {
    %x = arith.subi %a, %a : i32
    %y = arith.subi %a, %a : i32
    %e = arith.cmpi ne, %x, %y : i32
    return %e : i1
  }
}

// F-CSE-LABEL: func.func @f
// F-CSE-NEXT:    %[[X:.*]] = arith.addi
// F-CSE-NEXT:    arith.cmpi eq, %[[X]], %[[X]]

// F-NONE-LABEL: func.func @f
// F-NONE-NEXT:    %[[X:.*]] = arith.addi
// F-NONE-NEXT:    %[[Y:.*]] = arith.addi
// F-NONE-NEXT:    arith.cmpi eq, %[[X]], %[[Y]]

// F-FOLDED-LABEL: func.func @f
// F-FOLDED-NEXT:    %[[T:.*]] = arith.constant true
// F-FOLDED-NEXT:    return %[[T]] : i1

// H-CSE-LABEL: func.func @h
// H-CSE-NEXT:    %[[X:.*]] = arith.subi
// H-CSE-NEXT:    arith.cmpi ne, %[[X]], %[[X]]

// H-NONE-LABEL: func.func @h
// H-NONE-NEXT:    %[[X:.*]] = arith.subi
// H-NONE-NEXT:    %[[Y:.*]] = arith.subi
// H-NONE-NEXT:    arith.cmpi ne, %[[X]], %[[Y]]
