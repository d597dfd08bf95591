// What polyhedral-schedule emits is valid for MLIR 22's mlir-opt (its parser and
// verifiers), with the max/min bounds, steps and affine.parallel loops of tiling: the
// inputs are those of polyhedral-schedule.mlir.
//
// REQUIRES: mlir-opt
// UNSUPPORTED: reference-mlir-opt
// RUN: irkit-opt %S/polyhedral-schedule.mlir --split-input-file '--polyhedral-schedule=tile-sizes=32,32 parallelize=true' | mlir-opt --split-input-file | FileCheck %s
// RUN: irkit-opt %S/polyhedral-schedule.mlir --split-input-file '--polyhedral-schedule=fusion=min' | mlir-opt --split-input-file | FileCheck %s --check-prefix=MIN

// CHECK: #[[ID:map[0-9]*]] = affine_map<(d0) -> (d0)>
// CHECK: #[[END:map[0-9]*]] = affine_map<(d0) -> (d0 + 32)>
// CHECK: #[[UPPER:map[0-9]*]] = affine_map<(d0) -> (80, d0 + 32)>
// CHECK-LABEL: func.func @matmul(
// CHECK:         affine.parallel (%[[TM:.*]]) = (0) to (64) step (32) {
// CHECK-NEXT:      affine.for %[[TN:.*]] = 0 to 80 step 32 {
// CHECK-NEXT:        affine.for %[[M:.*]] = #[[ID]](%[[TM]]) to #[[END]](%[[TM]]) {
// CHECK-NEXT:          affine.for %[[N:.*]] = #[[ID]](%[[TN]]) to min #[[UPPER]](%[[TN]]) {
// CHECK-NEXT:            affine.store %{{.*}}, %{{.*}}[%[[M]], %[[N]]]

// CHECK: #[[SYM_MIN:map[0-9]*]] = affine_map<(d0)[s0] -> (s0, d0 + 32)>
// CHECK-LABEL: func.func @transpose(
// CHECK:         %[[N:.*]] = memref.dim
// CHECK:         affine.parallel (%[[TI:.*]]) = (0) to (symbol(%[[N]])) step (32) {
// CHECK:           affine.for %{{.*}} = #{{.*}}(%[[TI]]) to min #[[SYM_MIN]](%[[TI]])[%[[N]]] {

// CHECK-LABEL: func.func @stencil(
// CHECK:         affine.apply

// MIN-LABEL: func.func @producer_consumer(
// MIN:         affine.for
// MIN:         affine.for
// MIN:         return
