// Verifier and parser errors of affine.linearize_index and
// affine.delinearize_index (MLIR 22).
//
// RUN: irkit-opt %s -split-input-file -verify-diagnostics

func.func @delinearize_too_many_results(%x: index) {
  // expected-error@+1 {{'affine.delinearize_index' op should return an index for each basis element and up to one extra index}}
  %0:3 = affine.delinearize_index %x into (2) : index, index, index
  return
}

// -----

func.func @delinearize_too_few_results(%x: index, %n: index) {
  // expected-error@+1 {{'affine.delinearize_index' op should return an index for each basis element and up to one extra index}}
  %0:2 = affine.delinearize_index %x into (%n, %n, %n) : index, index
  return
}

// -----

func.func @delinearize_zero_basis(%x: index) {
  // expected-error@+1 {{'affine.delinearize_index' op no basis element may be statically non-positive}}
  %0:2 = affine.delinearize_index %x into (0, 4) : index, index
  return
}

// -----

func.func @delinearize_negative_basis(%x: index) {
  // expected-error@+1 {{'affine.delinearize_index' op no basis element may be statically non-positive}}
  %0:2 = affine.delinearize_index %x into (4, -2) : index, index
  return
}

// -----

// kDynamic in static_basis without a matching dynamic_basis operand.
func.func @delinearize_dynamic_marker_without_operand(%x: index) {
  // expected-error@+1 {{'affine.delinearize_index' op mismatch between dynamic and static basis (kDynamic marker but no corresponding dynamic basis entry) -- this can only happen due to an incorrect fold/rewrite}}
  %0:2 = "affine.delinearize_index"(%x) <{static_basis = array<i64: -9223372036854775808, 4>}> : (index) -> (index, index)
  return
}

// -----

// A dynamic_basis operand without a kDynamic marker.
func.func @delinearize_operand_without_marker(%x: index, %n: index) {
  // expected-error@+1 {{'affine.delinearize_index' op mismatch between dynamic and static basis (kDynamic marker but no corresponding dynamic basis entry) -- this can only happen due to an incorrect fold/rewrite}}
  %0:2 = "affine.delinearize_index"(%x, %n) <{static_basis = array<i64: 4, 2>}> : (index, index) -> (index, index)
  return
}

// -----

func.func @delinearize_result_not_index(%x: index) {
  // expected-error@+1 {{'affine.delinearize_index' op result #1 must be variadic of index, but got 'i32'}}
  %0:2 = affine.delinearize_index %x into (4, 2) : index, i32
  return
}

// -----

func.func @delinearize_by_keyword(%x: index) {
  // expected-error@+1 {{custom op 'affine.delinearize_index' expected 'into'}}
  %0:2 = affine.delinearize_index %x by (4, 2) : index, index
  return
}

// -----

func.func @linearize_too_many_indices(%a: index, %b: index, %c: index) {
  // expected-error@+1 {{'affine.linearize_index' op should be passed a basis element for each index except possibly the first}}
  %0 = affine.linearize_index [%a, %b, %c] by (4) : index
  return
}

// -----

func.func @linearize_too_many_basis_elements(%a: index, %b: index) {
  // expected-error@+1 {{'affine.linearize_index' op should be passed a basis element for each index except possibly the first}}
  %0 = affine.linearize_index disjoint [%a, %b] by (4, 4, 4) : index
  return
}

// -----

func.func @linearize_dynamic_marker_without_operand(%a: index, %b: index) {
  // expected-error@+1 {{'affine.linearize_index' op mismatch between dynamic and static basis (kDynamic marker but no corresponding dynamic basis entry) -- this can only happen due to an incorrect fold/rewrite}}
  %0 = "affine.linearize_index"(%a, %b) <{operandSegmentSizes = array<i32: 2, 0>, static_basis = array<i64: -9223372036854775808, 4>}> : (index, index) -> index
  return
}

// -----

func.func @linearize_missing_by(%a: index, %b: index) {
  // expected-error@+1 {{custom op 'affine.linearize_index' expected 'by'}}
  %0 = affine.linearize_index [%a, %b] (4) : index
  return
}

// -----

func.func @linearize_result_not_index(%a: index, %b: index) {
  // expected-error@+1 {{custom op 'affine.linearize_index' invalid kind of type specified: expected builtin.index, but found 'i64'}}
  %0 = affine.linearize_index [%a, %b] by (4) : i64
  return
}

// -----

func.func @linearize_parenthesized_indices(%a: index, %b: index) {
  // expected-error@+1 {{expected '['}}
  %0 = affine.linearize_index disjoint (%a, %b) by (4) : index
  return
}
