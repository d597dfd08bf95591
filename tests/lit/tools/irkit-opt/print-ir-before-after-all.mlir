// --mlir-print-ir-before-all and --mlir-print-ir-after-all print the IR to
// stderr around every pass, in pipeline order, under MLIR's banner; stdout
// keeps only the final IR.
//
// RUN: irkit-opt %s --cse --canonicalize --mlir-print-ir-before-all 2> %t.before | FileCheck %s --check-prefix=STDOUT
// RUN: FileCheck %s --check-prefix=BEFORE --input-file %t.before
// RUN: irkit-opt %s --cse --canonicalize --mlir-print-ir-after-all 2> %t.after | FileCheck %s --check-prefix=STDOUT
// RUN: FileCheck %s --check-prefix=AFTER --input-file %t.after
// RUN: irkit-opt %s --cse --canonicalize --mlir-print-ir-before-all --mlir-print-ir-after-all 2>&1 >/dev/null | FileCheck %s --check-prefix=BOTH
// Nested pipelines dump once per anchored op.
// RUN: irkit-opt %s --pass-pipeline='builtin.module(func.func(cse))' --mlir-print-ir-after-all 2>&1 >/dev/null | FileCheck %s --check-prefix=NESTED
// Without passes there is nothing to dump.
// RUN: irkit-opt %s --mlir-print-ir-before-all --mlir-print-ir-after-all 2>&1 >/dev/null | FileCheck %s --check-prefix=NOPASS --allow-empty

func.func @f(%a: i32, %b: i32, %c: i1) -> i1 {
  %x = arith.muli %a, %b : i32
  %y = arith.muli %a, %b : i32
  %e = arith.cmpi eq, %x, %y : i32
  return %e : i1
}

func.func @g() {
  return
}

// STDOUT-NOT: IR Dump
// STDOUT:     func.func @f
// STDOUT:     arith.constant true
// STDOUT-NOT: IR Dump

// BEFORE:      // -----// IR Dump Before {{.*}}(cse){{.*}} //----- //
// BEFORE:        %[[X:.*]] = arith.muli
// BEFORE-NEXT:   %[[Y:.*]] = arith.muli
// BEFORE-NEXT:   arith.cmpi eq, %[[X]], %[[Y]]
// BEFORE:      // -----// IR Dump Before {{.*}}(canonicalize){{.*}} //----- //
// BEFORE:        %[[X:.*]] = arith.muli
// BEFORE-NEXT:   arith.cmpi eq, %[[X]], %[[X]]
// BEFORE-NOT:  IR Dump
// BEFORE-NOT:  arith.constant true

// AFTER-NOT:   IR Dump Before
// AFTER:       // -----// IR Dump After {{.*}}(cse){{.*}} //----- //
// AFTER:         %[[X:.*]] = arith.muli
// AFTER-NEXT:    arith.cmpi eq, %[[X]], %[[X]]
// AFTER:       // -----// IR Dump After {{.*}}(canonicalize){{.*}} //----- //
// AFTER-NOT:     arith.cmpi
// AFTER:         arith.constant true
// AFTER-NOT:   IR Dump

// BOTH:      IR Dump Before {{.*}}(cse)
// BOTH:      IR Dump After {{.*}}(cse)
// BOTH:      IR Dump Before {{.*}}(canonicalize)
// BOTH:      IR Dump After {{.*}}(canonicalize)
// BOTH-NOT:  IR Dump

// NESTED:      // -----// IR Dump After {{.*}}(cse){{.*}} //----- //
// NESTED-NEXT: func.func @f
// NESTED:      // -----// IR Dump After {{.*}}(cse){{.*}} //----- //
// NESTED-NEXT: func.func @g
// NESTED-NOT:  IR Dump

// NOPASS-NOT: IR Dump
