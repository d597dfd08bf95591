// --verify-diagnostics failures with every severity: unexpected warnings,
// remarks and notes, expected ones that are not produced, near misses between
// severities, and a -re expectation whose regex does not match.
//
// UNSUPPORTED: reference-mlir-opt
// RUN: not irkit-opt %S/Inputs/verify-failures-severities.mlir --split-input-file --test-emit-diagnostics --verify-diagnostics 2> %t.err | FileCheck %s --check-prefix=OUT
// RUN: FileCheck %s --input-file %t.err

// Only the pieces without errors print their output.
// OUT-NOT:  @unexpected_note
// OUT:      func.func @unexpected_warning_and_remark
// OUT-NOT:  @unexpected_note
// OUT:      func.func @missing_note
// OUT:      func.func @remark_for_warning
// OUT:      func.func @warning_for_error
// OUT:      func.func @missing_warning_and_remark
// OUT:      func.func @missing_unknown
// OUT:      func.func @regex_mismatch

// CHECK-DAG: verify-failures-severities.mlir:6:8: error: unexpected warning: surprise
// CHECK-DAG: verify-failures-severities.mlir:7:8: error: unexpected remark: by the way
// CHECK-DAG: verify-failures-severities.mlir:15:8: error: unexpected note: the unexpected note
// CHECK-DAG: verify-failures-severities.mlir:23:6: error: expected note "the note that never comes" was not produced
// CHECK-DAG: error: 'remark' diagnostic emitted when expecting a 'warning'
// CHECK-DAG: verify-failures-severities.mlir:31:6: error: expected warning "mild" was not produced
// CHECK-DAG: error: 'warning' diagnostic emitted when expecting a 'error'
// CHECK-DAG: verify-failures-severities.mlir:39:6: error: expected error "strong" was not produced
// CHECK-DAG: verify-failures-severities.mlir:47:6: error: expected warning "a warning that never comes" was not produced
// CHECK-DAG: verify-failures-severities.mlir:48:6: error: expected remark "a remark that never comes" was not produced
// CHECK-DAG: verify-failures-severities.mlir:55:4: error: expected warning "nothing from nowhere" was not produced
// CHECK-DAG: verify-failures-severities.mlir:64:8: error: unexpected remark: count many
// CHECK-DAG: verify-failures-severities.mlir:63:6: error: expected remark "count {{[{][{]}}[0-9]+{{[}][}]}}" was not produced
// CHECK-NOT: Traceback
