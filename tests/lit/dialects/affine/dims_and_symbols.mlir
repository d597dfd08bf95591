// Values that MLIR 22 accepts as affine dimensions and symbols. These must
// verify: an implementation that is stricter than MLIR rejects valid IR.
//
// RUN: irkit-opt %s | FileCheck %s
// RUN: irkit-opt %s --mlir-print-op-generic | irkit-opt | FileCheck %s
// RUN: irkit-opt %s > %t.custom && irkit-opt %s --mlir-print-op-generic | irkit-opt > %t.roundtrip && diff %t.custom %t.roundtrip
//
// A symbol is (within the closest enclosing op with the AffineScope trait,
// here func.func): a value defined at the top level of the scope or one of
// its arguments, a constant, memref.dim of a top-level memref, affine.apply
// of symbols, or (new in MLIR 22) the result of a pure op whose operands are
// all symbols, even inside a loop. A dimension is a symbol, an affine.for /
// affine.parallel induction variable, or affine.apply of dimensions.

// CHECK-LABEL: func.func @symbols_in_loop(
// CHECK-SAME:    %[[M:[^:]+]]: memref<?x?xf32>, %[[N:[^:]+]]: index)
// CHECK:         affine.for %[[I:[^ ]+]] = 0 to 10 {
// CHECK-NEXT:      %[[C4:[^ ]+]] = arith.constant 4 : index
// CHECK-NEXT:      affine.for %{{[^ ]+}} = 0 to %[[C4]] {
// CHECK:           %[[D:[^ ]+]] = memref.dim %[[M]], %{{[^ ]+}} : memref<?x?xf32>
// CHECK-NEXT:      affine.for %{{[^ ]+}} = 0 to %[[D]] {
// CHECK:           %[[S:[^ ]+]] = affine.apply {{#map[0-9]*|affine_map<.+>}}()[%[[N]]]
// CHECK-NEXT:      affine.for %{{[^ ]+}} = 0 to %[[S]] {
// CHECK:           %[[P:[^ ]+]] = arith.addi %[[N]], %[[N]] : index
// CHECK-NEXT:      affine.for %{{[^ ]+}} = 0 to %[[P]] {
// CHECK:           %[[A:[^ ]+]] = affine.apply {{#map[0-9]*|affine_map<.+>}}(%[[I]])
// CHECK-NEXT:      affine.load %[[M]][%[[A]], %[[I]]] : memref<?x?xf32>
// CHECK-NEXT:      affine.load %[[M]][%[[N]], %[[C4]] + symbol(%[[P]])] : memref<?x?xf32>
// CHECK-NEXT:      affine.if {{#set[0-9]*|affine_set<.+>}}(%[[I]])[%[[D]]] {
func.func @symbols_in_loop(%m: memref<?x?xf32>, %n: index) {
  %c0 = arith.constant 0 : index
  affine.for %i = 0 to 10 {
    %c4 = arith.constant 4 : index
    affine.for %j = 0 to %c4 {
    }
    %d = memref.dim %m, %c0 : memref<?x?xf32>
    affine.for %j = 0 to %d {
    }
    %s = affine.apply affine_map<()[s0] -> (s0 * 2)>()[%n]
    affine.for %j = 0 to %s {
    }
    %p = arith.addi %n, %n : index
    affine.for %j = 0 to %p {
    }
    %a = affine.apply affine_map<(d0) -> (d0 + 1)>(%i)
    %v = affine.load %m[%a, %i] : memref<?x?xf32>
    %w = affine.load %m[%n, %c4 + symbol(%p)] : memref<?x?xf32>
    affine.if affine_set<(d0)[s0] : (s0 - d0 - 1 >= 0)>(%i)[%d] {
    }
  }
  return
}

// Induction variables of affine.parallel and of enclosing affine.for loops
// are dimensions at any depth.
// CHECK-LABEL: func.func @ivs_as_dims(
// CHECK-SAME:    %[[M:[^:]+]]: memref<?x?xf32>, %[[N:[^:]+]]: index)
// CHECK:         affine.parallel (%[[I:[^ ,]+]], %[[J:[^ )]+]]) = (0, 0) to (%[[N]], %[[N]]) {
// CHECK-NEXT:      affine.for %[[K:[^ ]+]] = {{#map[0-9]*|affine_map<.+>}}(%[[I]]) to {{#map[0-9]*|affine_map<.+>}}(%[[J]]) {
// CHECK-NEXT:        affine.for %[[L:[^ ]+]] = 0 to 4 {
// CHECK-NEXT:          affine.load %[[M]][%[[I]] + %[[L]], %[[J]] + %[[K]]] : memref<?x?xf32>
func.func @ivs_as_dims(%m: memref<?x?xf32>, %n: index) {
  affine.parallel (%i, %j) = (0, 0) to (%n, %n) {
    affine.for %k = affine_map<(d0) -> (d0)>(%i) to affine_map<(d0) -> (d0 + 8)>(%j) {
      affine.for %l = 0 to 4 {
        %v = affine.load %m[%i + %l, %j + %k] : memref<?x?xf32>
      }
    }
  }
  return
}
