// scf.for to a CFG: a header block with the induction variable and the carried values
// as arguments compares against the upper bound; the body steps and branches back.
// The expectations are MLIR's own (checked with `lit --param opt=mlir-opt`).
//
// RUN: irkit-opt %s --convert-scf-to-cf | FileCheck %s

// CHECK-LABEL: func.func @sum(
// CHECK-SAME:      %[[N:[^ :]+]]: index, %[[M:[^ :]+]]: memref<?xf32>) -> f32 {
func.func @sum(%n: index, %m: memref<?xf32>) -> f32 {
  // CHECK:         %[[C0:.*]] = arith.constant 0 : index
  // CHECK-NEXT:    %[[C1:.*]] = arith.constant 1 : index
  // CHECK-NEXT:    %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
  // CHECK-NEXT:    cf.br ^[[HEADER:.*]](%[[C0]], %[[ZERO]] : index, f32)
  // CHECK-NEXT:  ^[[HEADER]](%[[I:.*]]: index, %[[ACC:.*]]: f32):
  // CHECK-NEXT:    %[[MORE:.*]] = arith.cmpi slt, %[[I]], %[[N]] : index
  // CHECK-NEXT:    cf.cond_br %[[MORE]], ^[[BODY:.*]], ^[[EXIT:[^ ]*]]
  // CHECK-NEXT:  ^[[BODY]]:
  // CHECK-NEXT:    %[[V:.*]] = memref.load %[[M]][%[[I]]] : memref<?xf32>
  // CHECK-NEXT:    %[[NEXT:.*]] = arith.addf %[[ACC]], %[[V]] : f32
  // CHECK-NEXT:    %[[STEPPED:.*]] = arith.addi %[[I]], %[[C1]] : index
  // CHECK-NEXT:    cf.br ^[[HEADER]](%[[STEPPED]], %[[NEXT]] : index, f32)
  // CHECK-NEXT:  ^[[EXIT]]:
  // CHECK-NEXT:    {{(func\.)?}}return %[[ACC]] : f32
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f32
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %zero) -> (f32) {
    %v = memref.load %m[%i] : memref<?xf32>
    %next = arith.addf %acc, %v : f32
    scf.yield %next : f32
  }
  return %r : f32
}

// A nest: the inner loop's exit steps the outer loop.
// CHECK-LABEL: func.func @nest(
func.func @nest(%n: index, %m: memref<?x?xf32>) {
  // CHECK:         cf.br ^[[OUTER:.*]](%{{.*}} : index)
  // CHECK-NEXT:  ^[[OUTER]](%[[I:.*]]: index):
  // CHECK-NEXT:    %[[MORE_I:.*]] = arith.cmpi slt, %[[I]], %{{.*}} : index
  // CHECK-NEXT:    cf.cond_br %[[MORE_I]], ^[[OUTER_BODY:.*]], ^[[DONE:[^ ]*]]
  // CHECK-NEXT:  ^[[OUTER_BODY]]:
  // CHECK-NEXT:    cf.br ^[[INNER:.*]](%{{.*}} : index)
  // CHECK-NEXT:  ^[[INNER]](%[[J:.*]]: index):
  // CHECK-NEXT:    %[[MORE_J:.*]] = arith.cmpi slt, %[[J]], %{{.*}} : index
  // CHECK-NEXT:    cf.cond_br %[[MORE_J]], ^[[INNER_BODY:.*]], ^[[INNER_EXIT:[^ ]*]]
  // CHECK-NEXT:  ^[[INNER_BODY]]:
  // CHECK-NEXT:    memref.store %{{.*}}, %{{.*}}[%[[I]], %[[J]]] : memref<?x?xf32>
  // CHECK-NEXT:    %[[J_NEXT:.*]] = arith.addi %[[J]], %{{.*}} : index
  // CHECK-NEXT:    cf.br ^[[INNER]](%[[J_NEXT]] : index)
  // CHECK-NEXT:  ^[[INNER_EXIT]]:
  // CHECK-NEXT:    %[[I_NEXT:.*]] = arith.addi %[[I]], %{{.*}} : index
  // CHECK-NEXT:    cf.br ^[[OUTER]](%[[I_NEXT]] : index)
  // CHECK-NEXT:  ^[[DONE]]:
  // CHECK-NEXT:    {{(func\.)?}}return
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f32
  scf.for %i = %c0 to %n step %c1 {
    scf.for %j = %c0 to %n step %c1 {
      memref.store %zero, %m[%i, %j] : memref<?x?xf32>
    }
  }
  return
}
