// lower-affine on affine.if: the integer set becomes one arith.cmpi per constraint
// (`sge` against 0 for `>= 0`, `eq` for `== 0`) on the expanded constraint expression,
// joined by arith.andi in constraint order without short circuit; the regions move into
// scf.if, with or without an else region and results.
//
// RUN: irkit-opt %s --lower-affine | FileCheck %s
// RUN: irkit-opt %s --lower-affine | irkit-opt | FileCheck %s
// mlir-opt-reference.test runs the same checks on mlir-opt's output.

// (d0 - 10 >= 0, s0 - d0 - 9 >= 0, d1 == 0): MLIR's canonical forms d0 + -10 and
// d0 * -1 + s0 + -9. One zero constant serves every comparison.
// CHECK-LABEL: func.func @if_else_results(
// CHECK-SAME:      %[[I:[^ :]+]]: index, %[[J:[^ :]+]]: index, %[[N:[^ :]+]]: index, %[[X:[^ :]+]]: f32
// CHECK-NEXT:    %[[ZERO:[^ ]+]] = arith.constant 0 : index
// CHECK-NEXT:    %[[CM10:[^ ]+]] = arith.constant -10 : index
// CHECK-NEXT:    %[[E1:[^ ]+]] = arith.addi %[[I]], %[[CM10]] : index
// CHECK-NEXT:    %[[B1:[^ ]+]] = arith.cmpi sge, %[[E1]], %[[ZERO]] : index
// CHECK-NEXT:    %[[CM1:[^ ]+]] = arith.constant -1 : index
// CHECK-NEXT:    %[[NEG:[^ ]+]] = arith.muli %[[I]], %[[CM1]] overflow<nsw> : index
// CHECK-NEXT:    %[[E2A:[^ ]+]] = arith.addi %[[NEG]], %[[N]] : index
// CHECK-NEXT:    %[[CM9:[^ ]+]] = arith.constant -9 : index
// CHECK-NEXT:    %[[E2:[^ ]+]] = arith.addi %[[E2A]], %[[CM9]] : index
// CHECK-NEXT:    %[[B2:[^ ]+]] = arith.cmpi sge, %[[E2]], %[[ZERO]] : index
// CHECK-NEXT:    %[[AND1:[^ ]+]] = arith.andi %[[B1]], %[[B2]] : i1
// CHECK-NEXT:    %[[B3:[^ ]+]] = arith.cmpi eq, %[[J]], %[[ZERO]] : index
// CHECK-NEXT:    %[[COND:[^ ]+]] = arith.andi %[[AND1]], %[[B3]] : i1
// CHECK-NEXT:    %[[R:[^ ]+]] = scf.if %[[COND]] -> (f32) {
// CHECK-NEXT:      %[[Y:[^ ]+]] = arith.addf %[[X]], %[[X]] : f32
// CHECK-NEXT:      scf.yield %[[Y]] : f32
// CHECK-NEXT:    } else {
// CHECK-NEXT:      scf.yield %[[X]] : f32
// CHECK-NEXT:    }
// CHECK-NEXT:    {{(func\.)?}}return %[[R]] : f32
func.func @if_else_results(%i: index, %j: index, %n: index, %x: f32) -> f32 {
  %r = affine.if affine_set<(d0, d1)[s0] : (d0 - 10 >= 0, s0 - d0 - 9 >= 0, d1 == 0)>(%i, %j)[%n] -> f32 {
    %y = arith.addf %x, %x : f32
    affine.yield %y : f32
  } else {
    affine.yield %x : f32
  }
  return %r : f32
}

// No else region, and a constraint with a mod.
// CHECK-LABEL: func.func @if_without_else(
// CHECK-SAME:      %[[A:[^ :]+]]: memref<?xf32>, %[[I:[^ :]+]]: index, %[[X:[^ :]+]]: f32
// CHECK-NEXT:    %[[ZERO:[^ ]+]] = arith.constant 0 : index
// CHECK-NEXT:    %[[C2:[^ ]+]] = arith.constant 2 : index
// CHECK-NEXT:    %[[REM:[^ ]+]] = arith.remsi %[[I]], %[[C2]] : index
// CHECK-NEXT:    %[[C0:[^ ]+]] = arith.constant 0 : index
// CHECK-NEXT:    %[[NEG:[^ ]+]] = arith.cmpi slt, %[[REM]], %[[C0]] : index
// CHECK-NEXT:    %[[FIX:[^ ]+]] = arith.addi %[[REM]], %[[C2]] : index
// CHECK-NEXT:    %[[MOD:[^ ]+]] = arith.select %[[NEG]], %[[FIX]], %[[REM]] : index
// CHECK-NEXT:    %[[COND:[^ ]+]] = arith.cmpi eq, %[[MOD]], %[[ZERO]] : index
// CHECK-NEXT:    scf.if %[[COND]] {
// CHECK-NEXT:      memref.store %[[X]], %[[A]][%[[I]]] : memref<?xf32>
// CHECK-NEXT:    }
// CHECK-NOT:     else
// CHECK:         {{(func\.)?}}return
func.func @if_without_else(%A: memref<?xf32>, %i: index, %x: f32) {
  affine.if affine_set<(d0) : (d0 mod 2 == 0)>(%i) {
    affine.store %x, %A[%i] : memref<?xf32>
  }
  return
}

// The empty set is the universe `0 == 0`: its constant still gets compared.
// CHECK-LABEL: func.func @universe(
// CHECK-NEXT:    %[[ZERO:[^ ]+]] = arith.constant 0 : index
// CHECK-NEXT:    %[[C0:[^ ]+]] = arith.constant 0 : index
// CHECK-NEXT:    %[[COND:[^ ]+]] = arith.cmpi eq, %[[C0]], %[[ZERO]] : index
// CHECK-NEXT:    scf.if %[[COND]] {
// CHECK-NEXT:    } else {
// CHECK-NEXT:    }
func.func @universe() {
  affine.if affine_set<() : ()>() {
  } else {
  }
  return
}

// Nested in a loop, on the induction variable and a symbol.
// CHECK-LABEL: func.func @in_loop(
// CHECK-SAME:      %[[A:[^ :]+]]: memref<?xf32>, %[[N:[^ :]+]]: index
// CHECK:         scf.for %[[I:[^ ]+]] = %{{[^ ]+}} to %[[N]] step %{{[^ ]+}} {
// CHECK-NEXT:      %[[ZERO:[^ ]+]] = arith.constant 0 : index
// CHECK-NEXT:      %[[CM1:[^ ]+]] = arith.constant -1 : index
// CHECK-NEXT:      %[[NEG:[^ ]+]] = arith.muli %[[I]], %[[CM1]] overflow<nsw> : index
// CHECK-NEXT:      %[[HALF:[^ ]+]] = arith.constant 2 : index
// CHECK-NEXT:      %[[Z:[^ ]+]] = arith.constant 0 : index
// CHECK-NEXT:      %[[M1:[^ ]+]] = arith.constant -1 : index
// CHECK-NEXT:      %[[NN:[^ ]+]] = arith.cmpi slt, %[[N]], %[[Z]] : index
// CHECK-NEXT:      %[[ND:[^ ]+]] = arith.subi %[[M1]], %[[N]] : index
// CHECK-NEXT:      %[[DIVIDEND:[^ ]+]] = arith.select %[[NN]], %[[ND]], %[[N]] : index
// CHECK-NEXT:      %[[Q:[^ ]+]] = arith.divsi %[[DIVIDEND]], %[[HALF]] : index
// CHECK-NEXT:      %[[QC:[^ ]+]] = arith.subi %[[M1]], %[[Q]] : index
// CHECK-NEXT:      %[[FLOOR:[^ ]+]] = arith.select %[[NN]], %[[QC]], %[[Q]] : index
// CHECK-NEXT:      %[[E:[^ ]+]] = arith.addi %[[NEG]], %[[FLOOR]] : index
// CHECK-NEXT:      %[[COND:[^ ]+]] = arith.cmpi sge, %[[E]], %[[ZERO]] : index
// CHECK-NEXT:      scf.if %[[COND]] {
// CHECK-NEXT:        %[[V:[^ ]+]] = memref.load %[[A]][%[[I]]] : memref<?xf32>
// CHECK-NEXT:        memref.store %[[V]], %[[A]][%[[I]]] : memref<?xf32>
// CHECK-NEXT:      }
// CHECK-NEXT:    }
func.func @in_loop(%A: memref<?xf32>, %n: index) {
  affine.for %i = 0 to %n {
    affine.if affine_set<(d0)[s0] : (s0 floordiv 2 - d0 >= 0)>(%i)[%n] {
      %v = affine.load %A[%i] : memref<?xf32>
      affine.store %v, %A[%i] : memref<?xf32>
    }
  }
  return
}
