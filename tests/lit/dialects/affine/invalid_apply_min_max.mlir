// Verifier and parser errors of affine.apply, affine.min and affine.max.
//
// RUN: irkit-opt %s -split-input-file -verify-diagnostics

// The custom parser makes every operand and the result `index`, so type
// errors need the generic form.
func.func @apply_operand_not_index(%a: i32) {
  // expected-error@+1 {{'affine.apply' op operand #0 must be variadic of index, but got 'i32'}}
  %0 = "affine.apply"(%a) <{map = affine_map<(d0) -> (d0)>}> : (i32) -> index
  return
}

// -----

func.func @apply_result_not_index(%a: index) {
  // expected-error@+1 {{'affine.apply' op result #0 must be index, but got 'i32'}}
  %0 = "affine.apply"(%a) <{map = affine_map<(d0) -> (d0)>}> : (index) -> i32
  return
}

// -----

func.func @apply_missing_map(%a: index) {
  // expected-error@+1 {{'affine.apply' op requires attribute 'map'}}
  %0 = "affine.apply"(%a) : (index) -> index
  return
}

// -----

func.func @apply_too_many_operands(%a: index) {
  // expected-error@+1 {{'affine.apply' op operand count and affine map dimension and symbol count must match}}
  %0 = "affine.apply"(%a, %a) <{map = affine_map<(d0) -> (d0)>}> : (index, index) -> index
  return
}

// -----

func.func @apply_two_results(%a: index) {
  // expected-error@+1 {{'affine.apply' op mapping must produce one value}}
  %0 = "affine.apply"(%a) <{map = affine_map<(d0) -> (d0, d0 + 1)>}> : (index) -> index
  return
}

// -----

func.func @apply_no_result_expr(%a: index) {
  // expected-error@+1 {{'affine.apply' op mapping must produce one value}}
  %0 = "affine.apply"(%a) <{map = affine_map<(d0) -> ()>}> : (index) -> index
  return
}

// -----

// A loop induction variable is a dimension, not a symbol. This error is
// emitted with emitError, so it has no "'affine.apply' op" prefix.
func.func @apply_dim_as_symbol() {
  affine.for %i = 0 to 10 {
    // expected-error@+1 {{dimensional operand cannot be used as a symbol}}
    %0 = affine.apply affine_map<()[s0] -> (s0 + 1)>()[%i]
  }
  return
}

// -----

// The custom parser checks the operand lists against the map.
func.func @apply_dims_given_as_symbols(%a: index) {
  // expected-error@+1 {{custom op 'affine.apply' dimension or symbol index mismatch}}
  %0 = affine.apply affine_map<(d0) -> (d0)>()[%a]
  return
}

// -----

func.func @apply_missing_symbol(%a: index) {
  // expected-error@+1 {{custom op 'affine.apply' dimension or symbol index mismatch}}
  %0 = affine.apply affine_map<(d0)[s0] -> (d0 + s0)>(%a)
  return
}

// -----

// affine.min / affine.max do not check their operand lists when parsing; the
// verifier does.
func.func @min_too_many_dims(%a: index, %b: index) {
  // expected-error@+1 {{'affine.min' op operand count and affine map dimension and symbol count must match}}
  %0 = affine.min affine_map<(d0) -> (d0, 0)>(%a, %b)
  return
}

// -----

func.func @min_too_many_symbols(%a: index, %b: index) {
  // expected-error@+1 {{'affine.min' op operand count and affine map dimension and symbol count must match}}
  %0 = affine.min affine_map<()[s0] -> (s0)>()[%a, %b]
  return
}

// -----

func.func @max_missing_operand(%a: index) {
  // expected-error@+1 {{'affine.max' op operand count and affine map dimension and symbol count must match}}
  %0 = affine.max affine_map<(d0) -> (d0, 4)>()
  return
}

// -----

func.func @min_no_result_expr() {
  // expected-error@+1 {{'affine.min' op affine map expect at least one result}}
  %0 = affine.min affine_map<() -> ()>()
  return
}

// -----

func.func @max_no_result_expr(%a: index) {
  // expected-error@+1 {{'affine.max' op affine map expect at least one result}}
  %0 = affine.max affine_map<(d0) -> ()>(%a)
  return
}

// -----

func.func @min_result_not_index(%a: index) {
  // expected-error@+1 {{'affine.min' op result #0 must be index, but got 'i64'}}
  %0 = "affine.min"(%a) <{map = affine_map<(d0) -> (d0, 0)>}> : (index) -> i64
  return
}

// -----

func.func @max_operand_not_index(%a: i64) {
  // expected-error@+1 {{'affine.max' op operand #0 must be variadic of index, but got 'i64'}}
  %0 = "affine.max"(%a) <{map = affine_map<(d0) -> (d0, 0)>}> : (i64) -> index
  return
}

// -----

func.func @min_missing_map(%a: index) {
  // expected-error@+1 {{'affine.min' op requires attribute 'map'}}
  %0 = "affine.min"(%a) : (index) -> index
  return
}
