// A semi-affine expression (a product of two dimensions, a mod or floordiv by
// a dimension) in an affine_map attribute is rejected with a located parse
// error, as in mlir-opt, not with an internal error.
//
// RUN: not irkit-opt %s --split-input-file 2>&1 | FileCheck %s

// CHECK: parse-error-semi-affine-map.mlir:[[# @LINE + 1]]:{{[0-9]+}}: error:
func.func @mul() attributes {map = affine_map<(d0) -> (d0 * d0)>} {
  return
}

// -----

// CHECK: parse-error-semi-affine-map.mlir:[[# @LINE + 1]]:{{[0-9]+}}: error:
func.func @mod() attributes {map = affine_map<(d0, d1) -> (d0 mod d1)>} {
  return
}

// -----

// CHECK: parse-error-semi-affine-map.mlir:[[# @LINE + 1]]:{{[0-9]+}}: error:
func.func @floordiv() attributes {map = affine_map<(d0, d1) -> (d0 floordiv d1)>} {
  return
}

// CHECK-NOT: internal error
// CHECK-NOT: Traceback
