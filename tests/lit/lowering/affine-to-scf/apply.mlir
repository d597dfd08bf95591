// lower-affine on affine.apply, affine.min and affine.max: MLIR's expandAffineExpr, op
// for op. `+` is arith.addi, `*` arith.muli with nsw; floordiv, ceildiv and mod by a
// positive divisor are branch-free arith.divsi/remsi sequences; constants are neither
// folded nor shared. min/max expand every result, then chain arith.minsi/maxsi.
//
// RUN: irkit-opt %s --lower-affine | FileCheck %s
// RUN: irkit-opt %s --lower-affine | irkit-opt | FileCheck %s
// mlir-opt-reference.test runs the same checks on mlir-opt's output.

// CHECK-LABEL: func.func @add_mul(
// CHECK-SAME:      %[[I:[^ :]+]]: index, %[[J:[^ :]+]]: index, %[[N:[^ :]+]]: index
// CHECK-NEXT:    %[[C3:[^ ]+]] = arith.constant 3 : index
// CHECK-NEXT:    %[[I3:[^ ]+]] = arith.muli %[[I]], %[[C3]] overflow<nsw> : index
// CHECK-NEXT:    %[[CM1:[^ ]+]] = arith.constant -1 : index
// CHECK-NEXT:    %[[NEGJ:[^ ]+]] = arith.muli %[[J]], %[[CM1]] overflow<nsw> : index
// CHECK-NEXT:    %[[SUM:[^ ]+]] = arith.addi %[[I3]], %[[NEGJ]] : index
// CHECK-NEXT:    %[[SUM2:[^ ]+]] = arith.addi %[[SUM]], %[[N]] : index
// CHECK-NEXT:    %[[C7:[^ ]+]] = arith.constant 7 : index
// CHECK-NEXT:    %[[R:[^ ]+]] = arith.addi %[[SUM2]], %[[C7]] : index
// CHECK-NEXT:    %[[NI:[^ ]+]] = arith.muli %[[I]], %[[N]] overflow<nsw> : index
// CHECK-NEXT:    %[[C5:[^ ]+]] = arith.constant 5 : index
// CHECK-NEXT:    {{(func\.)?}}return %[[R]], %[[NI]], %[[C5]] : index, index, index
func.func @add_mul(%i: index, %j: index, %n: index) -> (index, index, index) {
  %r = affine.apply affine_map<(d0, d1)[s0] -> (d0 * 3 - d1 + s0 + 7)>(%i, %j)[%n]
  %semi = affine.apply affine_map<(d0)[s0] -> (d0 * s0)>(%i)[%n]
  %c = affine.apply affine_map<() -> (5)>()
  return %r, %semi, %c : index, index, index
}

// a floordiv b: n = a < 0; q = (n ? -1 - a : a) / b; n ? -1 - q : q.
// CHECK-LABEL: func.func @floordiv(
// CHECK-SAME:      %[[I:[^ :]+]]: index
// CHECK-NEXT:    %[[C4:[^ ]+]] = arith.constant 4 : index
// CHECK-NEXT:    %[[C0:[^ ]+]] = arith.constant 0 : index
// CHECK-NEXT:    %[[CM1:[^ ]+]] = arith.constant -1 : index
// CHECK-NEXT:    %[[NEG:[^ ]+]] = arith.cmpi slt, %[[I]], %[[C0]] : index
// CHECK-NEXT:    %[[FLIP:[^ ]+]] = arith.subi %[[CM1]], %[[I]] : index
// CHECK-NEXT:    %[[DIVIDEND:[^ ]+]] = arith.select %[[NEG]], %[[FLIP]], %[[I]] : index
// CHECK-NEXT:    %[[Q:[^ ]+]] = arith.divsi %[[DIVIDEND]], %[[C4]] : index
// CHECK-NEXT:    %[[QFLIP:[^ ]+]] = arith.subi %[[CM1]], %[[Q]] : index
// CHECK-NEXT:    %[[R:[^ ]+]] = arith.select %[[NEG]], %[[QFLIP]], %[[Q]] : index
// CHECK-NEXT:    {{(func\.)?}}return %[[R]] : index
func.func @floordiv(%i: index) -> index {
  %r = affine.apply affine_map<(d0) -> (d0 floordiv 4)>(%i)
  return %r : index
}

// a ceildiv b: n = a <= 0; q = (n ? 0 - a : a - 1) / b; n ? 0 - q : q + 1.
// CHECK-LABEL: func.func @ceildiv(
// CHECK-SAME:      %[[I:[^ :]+]]: index, %[[S:[^ :]+]]: index
// CHECK-NEXT:    %[[C0:[^ ]+]] = arith.constant 0 : index
// CHECK-NEXT:    %[[C1:[^ ]+]] = arith.constant 1 : index
// CHECK-NEXT:    %[[NP:[^ ]+]] = arith.cmpi sle, %[[I]], %[[C0]] : index
// CHECK-NEXT:    %[[NEGATED:[^ ]+]] = arith.subi %[[C0]], %[[I]] : index
// CHECK-NEXT:    %[[DEC:[^ ]+]] = arith.subi %[[I]], %[[C1]] : index
// CHECK-NEXT:    %[[DIVIDEND:[^ ]+]] = arith.select %[[NP]], %[[NEGATED]], %[[DEC]] : index
// CHECK-NEXT:    %[[Q:[^ ]+]] = arith.divsi %[[DIVIDEND]], %[[S]] : index
// CHECK-NEXT:    %[[QNEG:[^ ]+]] = arith.subi %[[C0]], %[[Q]] : index
// CHECK-NEXT:    %[[QINC:[^ ]+]] = arith.addi %[[Q]], %[[C1]] : index
// CHECK-NEXT:    %[[R:[^ ]+]] = arith.select %[[NP]], %[[QNEG]], %[[QINC]] : index
// CHECK-NEXT:    {{(func\.)?}}return %[[R]] : index
func.func @ceildiv(%i: index, %s: index) -> index {
  %r = affine.apply affine_map<(d0)[s0] -> (d0 ceildiv s0)>(%i)[%s]
  return %r : index
}

// a mod b: r = a srem b; r < 0 ? r + b : r.
// CHECK-LABEL: func.func @mod(
// CHECK-SAME:      %[[I:[^ :]+]]: index
// CHECK-NEXT:    %[[C1:[^ ]+]] = arith.constant 1 : index
// CHECK-NEXT:    %[[A:[^ ]+]] = arith.addi %[[I]], %[[C1]] : index
// CHECK-NEXT:    %[[C8:[^ ]+]] = arith.constant 8 : index
// CHECK-NEXT:    %[[REM:[^ ]+]] = arith.remsi %[[A]], %[[C8]] : index
// CHECK-NEXT:    %[[C0:[^ ]+]] = arith.constant 0 : index
// CHECK-NEXT:    %[[NEG:[^ ]+]] = arith.cmpi slt, %[[REM]], %[[C0]] : index
// CHECK-NEXT:    %[[FIX:[^ ]+]] = arith.addi %[[REM]], %[[C8]] : index
// CHECK-NEXT:    %[[R:[^ ]+]] = arith.select %[[NEG]], %[[FIX]], %[[REM]] : index
// CHECK-NEXT:    {{(func\.)?}}return %[[R]] : index
func.func @mod(%i: index) -> index {
  %r = affine.apply affine_map<(d0) -> ((d0 + 1) mod 8)>(%i)
  return %r : index
}

// CHECK-LABEL: func.func @min_max(
// CHECK-SAME:      %[[I:[^ :]+]]: index, %[[N:[^ :]+]]: index
// CHECK-NEXT:    %[[C2:[^ ]+]] = arith.constant 2 : index
// CHECK-NEXT:    %[[I2:[^ ]+]] = arith.muli %[[I]], %[[C2]] overflow<nsw> : index
// CHECK-NEXT:    %[[CM1:[^ ]+]] = arith.constant -1 : index
// CHECK-NEXT:    %[[NM1:[^ ]+]] = arith.addi %[[N]], %[[CM1]] : index
// CHECK-NEXT:    %[[C5:[^ ]+]] = arith.constant 5 : index
// CHECK-NEXT:    %[[MIN1:[^ ]+]] = arith.minsi %[[I2]], %[[NM1]] : index
// CHECK-NEXT:    %[[MIN:[^ ]+]] = arith.minsi %[[MIN1]], %[[C5]] : index
// CHECK-NEXT:    %[[C0:[^ ]+]] = arith.constant 0 : index
// CHECK-NEXT:    %[[MAX:[^ ]+]] = arith.maxsi %[[I]], %[[C0]] : index
// CHECK-NEXT:    {{(func\.)?}}return %[[MIN]], %[[MAX]] : index, index
func.func @min_max(%i: index, %n: index) -> (index, index) {
  %min = affine.min affine_map<(d0)[s0] -> (d0 * 2, s0 - 1, 5)>(%i)[%n]
  %max = affine.max affine_map<(d0) -> (d0, 0)>(%i)
  return %min, %max : index, index
}
