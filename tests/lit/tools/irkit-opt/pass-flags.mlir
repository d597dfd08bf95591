// Pass flags run in command-line order, and `-pass` is the same flag as `--pass`.
//
// RUN: irkit-opt %s | FileCheck %s --check-prefix=NONE
// RUN: irkit-opt %s --cse | FileCheck %s --check-prefix=CSE
// RUN: irkit-opt %s -cse | FileCheck %s --check-prefix=CSE
// RUN: irkit-opt %s --canonicalize | FileCheck %s --check-prefix=CANON
// RUN: irkit-opt %s --cse --canonicalize | FileCheck %s --check-prefix=CSE-CANON
// RUN: irkit-opt %s -cse -canonicalize | FileCheck %s --check-prefix=CSE-CANON
// RUN: irkit-opt %s --canonicalize --cse | FileCheck %s --check-prefix=CANON-CSE
// RUN: irkit-opt %s -canonicalize -cse | FileCheck %s --check-prefix=CANON-CSE
// The same pass twice runs twice: the last canonicalize sees CSE's result.
// RUN: irkit-opt %s --canonicalize --cse --canonicalize | FileCheck %s --check-prefix=CSE-CANON
// Flags may come before the input file.
// RUN: irkit-opt --cse --canonicalize %s | FileCheck %s --check-prefix=CSE-CANON
//
// %x and %y are the same expression. CSE merges them, which makes the
// comparison and the select foldable; canonicalize alone cannot see that. So
// "cse then canonicalize" folds both, while "canonicalize then cse" leaves
// them in place with CSE's merged operands.

func.func @order(%a: i32, %b: i32, %c: i1) -> (i1, i32) {
  %x = arith.muli %a, %b : i32
  %y = arith.muli %a, %b : i32
  %e = arith.cmpi eq, %x, %y : i32
  %s = arith.select %c, %x, %y : i32
  return %e, %s : i1, i32
}

// NONE-LABEL: func.func @order
// NONE-NEXT:    %[[X:.*]] = arith.muli %{{.*}}, %{{.*}} : i32
// NONE-NEXT:    %[[Y:.*]] = arith.muli %{{.*}}, %{{.*}} : i32
// NONE-NEXT:    %[[E:.*]] = arith.cmpi eq, %[[X]], %[[Y]] : i32
// NONE-NEXT:    %[[S:.*]] = arith.select %{{.*}}, %[[X]], %[[Y]] : i32
// NONE-NEXT:    {{(func.)?}}return %[[E]], %[[S]] : i1, i32

// CSE-LABEL: func.func @order
// CSE-NEXT:    %[[X:.*]] = arith.muli
// CSE-NEXT:    %[[E:.*]] = arith.cmpi eq, %[[X]], %[[X]] : i32
// CSE-NEXT:    %[[S:.*]] = arith.select %{{.*}}, %[[X]], %[[X]] : i32
// CSE-NEXT:    {{(func.)?}}return %[[E]], %[[S]] : i1, i32

// Canonicalize alone: nothing to fold, nothing merged.
// CANON-LABEL: func.func @order
// CANON-NEXT:    arith.muli
// CANON-NEXT:    arith.muli
// CANON-NEXT:    arith.cmpi
// CANON-NEXT:    arith.select
// CANON-NEXT:    return

// CSE-CANON-LABEL: func.func @order
// CSE-CANON-DAG:     %[[X:.*]] = arith.muli
// CSE-CANON-DAG:     %[[T:.*]] = arith.constant true
// CSE-CANON-NOT:     arith.cmpi
// CSE-CANON-NOT:     arith.select
// CSE-CANON:         {{(func.)?}}return %[[T]], %[[X]] : i1, i32

// CANON-CSE-LABEL: func.func @order
// CANON-CSE-NEXT:    %[[X:.*]] = arith.muli
// CANON-CSE-NEXT:    %[[E:.*]] = arith.cmpi eq, %[[X]], %[[X]] : i32
// CANON-CSE-NEXT:    %[[S:.*]] = arith.select %{{.*}}, %[[X]], %[[X]] : i32
// CANON-CSE-NEXT:    {{(func.)?}}return %[[E]], %[[S]] : i1, i32
