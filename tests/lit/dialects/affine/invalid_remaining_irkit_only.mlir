// Verifier errors of the affine ops where MLIR 22's mlir-opt says something else
// (mostly: it rejects malformed properties at parse time, as invalid properties).
// Each chunk says what mlir-opt reports instead.
//
// UNSUPPORTED: reference-mlir-opt
// RUN: irkit-opt %s -split-input-file -verify-diagnostics

// mlir-opt rejects this at parse time: invalid properties ... for op affine.for: size mismatch in attribute conversion: 2 vs 3
func.func @for_segments_wrong_count() {
  // expected-error@+1 {{'affine.for' op 'operandSegmentSizes' attribute for specifying operand segments must have 3 elements, but got 2}}
  "affine.for"() <{lowerBoundMap = affine_map<() -> (0)>, operandSegmentSizes = array<i32: 0, 0>, step = 1 : index, upperBoundMap = affine_map<() -> (10)>}> ({
  ^bb0(%i: index):
    "affine.yield"() : () -> ()
  }) : () -> ()
  return
}

// -----

// mlir-opt rejects this at parse time: invalid properties ... for op affine.linearize_index: size mismatch in attribute conversion: 3 vs 2
func.func @linearize_segments_wrong_count(%a: index, %b: index) {
  // expected-error@+1 {{'affine.linearize_index' op 'operandSegmentSizes' attribute for specifying operand segments must have 2 elements, but got 3}}
  %0 = "affine.linearize_index"(%a, %b) <{operandSegmentSizes = array<i32: 2, 0, 0>, static_basis = array<i64: 4, 4>}> : (index, index) -> index
  return
}

// -----

// mlir-opt rejects this at parse time: invalid properties ... for op affine.linearize_index: expected DenseI32ArrayAttr for key `value`
func.func @linearize_segments_not_array(%a: index, %b: index) {
  // expected-error@+1 {{'affine.linearize_index' op requires attribute 'operandSegmentSizes'}}
  %0 = "affine.linearize_index"(%a, %b) <{operandSegmentSizes = "x", static_basis = array<i64: 4, 4>}> : (index, index) -> index
  return
}

// -----

// mlir-opt rejects this at parse time: invalid properties ... for op affine.for: expected DenseI32ArrayAttr for key `value`
func.func @for_segments_not_array() {
  // expected-error@+1 {{'affine.for' op requires attribute 'operandSegmentSizes'}}
  "affine.for"() <{lowerBoundMap = affine_map<() -> (0)>, operandSegmentSizes = 0 : i64, step = 1 : index, upperBoundMap = affine_map<() -> (10)>}> ({
  ^bb0(%i: index):
    "affine.yield"() : () -> ()
  }) : () -> ()
  return
}

// -----

// mlir-opt rejects this at parse time: invalid properties ... Invalid attribute `static_basis` in property conversion: array<i32: 4, 4>
func.func @linearize_static_basis_i32(%a: index, %b: index) {
  // expected-error@+1 {{'affine.linearize_index' op attribute 'static_basis' failed to satisfy constraint: i64 dense array attribute}}
  %0 = "affine.linearize_index"(%a, %b) <{operandSegmentSizes = array<i32: 2, 0>, static_basis = array<i32: 4, 4>}> : (index, index) -> index
  return
}

// -----

// mlir-opt rejects this at parse time: invalid properties ... Invalid attribute `static_basis` in property conversion: array<i32: 4, 4>
func.func @delinearize_static_basis_i32(%x: index) {
  // expected-error@+1 {{'affine.delinearize_index' op attribute 'static_basis' failed to satisfy constraint: i64 dense array attribute}}
  %0:2 = "affine.delinearize_index"(%x) <{static_basis = array<i32: 4, 4>}> : (index) -> (index, index)
  return
}

// -----

// mlir-opt accepts this without any error (its unit property ignores the non-unit value).
func.func @linearize_disjoint_not_unit(%a: index, %b: index) {
  // expected-error@+1 {{'affine.linearize_index' op attribute 'disjoint' failed to satisfy constraint: unit property}}
  %0 = "affine.linearize_index"(%a, %b) <{disjoint = "yes", operandSegmentSizes = array<i32: 2, 0>, static_basis = array<i64: 4, 4>}> : (index, index) -> index
  return
}
