// An op that uses its own region's argument as an operand (the name is not
// defined yet where it is used) is a located parse error with a note at the
// use, never an internal error.
//
// mlir-opt 22 words this case two ways depending on the op's parser: for
// affine.for "region entry argument '%i' is already in use" (tested in
// dialects/affine), for scf.for "use of undeclared SSA value name". irkit-opt
// gives the first for both, since xDSL's scf.for parser resolves the bounds
// before the region as affine.for's does.
//
// RUN: not irkit-opt %s 2>&1 | FileCheck %s

func.func @f() {
  %c1 = arith.constant 1 : index
  // CHECK: parse-error-self-reference.mlir:[[# @LINE + 2]]:11: error: region entry argument '%i' is already in use
  // CHECK: parse-error-self-reference.mlir:[[# @LINE + 1]]:16: note: previously referenced here
  scf.for %i = %i to %c1 step %c1 {
  }
  return
}

// CHECK-NOT: internal error
// CHECK-NOT: Traceback
