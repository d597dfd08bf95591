// Verifier errors of the index dialect, worded as MLIR 22 words them.
//
// RUN: irkit-opt %s -split-input-file -verify-diagnostics

// The custom forms give every operand of a binary op the type index: type errors need the
// generic form.
func.func @binary_operand_not_index(%a: i32, %b: index) {
  // expected-error@+1 {{'index.add' op operand #0 must be index, but got 'i32'}}
  %0 = "index.add"(%a, %b) : (i32, index) -> index
  return
}

// -----

func.func @binary_rhs_not_index(%a: index, %b: i64) {
  // expected-error@+1 {{'index.floordivs' op operand #1 must be index, but got 'i64'}}
  %0 = "index.floordivs"(%a, %b) : (index, i64) -> index
  return
}

// -----

func.func @binary_result_not_index(%a: index, %b: index) {
  // expected-error@+1 {{'index.mul' op result #0 must be index, but got 'i64'}}
  %0 = "index.mul"(%a, %b) : (index, index) -> i64
  return
}

// -----

func.func @cmp_result_not_i1(%a: index, %b: index) {
  // expected-error@+1 {{'index.cmp' op result #0 must be 1-bit signless integer, but got 'i32'}}
  %0 = "index.cmp"(%a, %b) <{pred = #index<cmp_predicate slt>}> : (index, index) -> i32
  return
}

// -----

func.func @cmp_without_predicate(%a: index, %b: index) {
  // expected-error@+1 {{'index.cmp' op requires attribute 'pred'}}
  %0 = "index.cmp"(%a, %b) : (index, index) -> i1
  return
}

// -----

func.func @casts_index_to_index(%a: index) {
  // expected-error@+1 {{'index.casts' op operand type 'index' and result type 'index' are cast incompatible}}
  %0 = index.casts %a : index to index
  return
}

// -----

func.func @castu_integer_to_integer(%a: i32) {
  // expected-error@+1 {{'index.castu' op operand type 'i32' and result type 'i64' are cast incompatible}}
  %0 = index.castu %a : i32 to i64
  return
}

// -----

func.func @castu_from_float(%a: f32) {
  // expected-error@+1 {{'index.castu' op operand #0 must be integer or index, but got 'f32'}}
  %0 = index.castu %a : f32 to index
  return
}

// -----

func.func @casts_to_float(%a: index) {
  // expected-error@+1 {{'index.casts' op result #0 must be integer or index, but got 'f64'}}
  %0 = index.casts %a : index to f64
  return
}

// -----

func.func @constant_not_index_attribute() {
  // expected-error@+1 {{'index.constant' op attribute 'value' failed to satisfy constraint: index attribute}}
  %0 = "index.constant"() <{value = 3 : i64}> : () -> index
  return
}

// -----

func.func @constant_without_value() {
  // expected-error@+1 {{'index.constant' op requires attribute 'value'}}
  %0 = "index.constant"() : () -> index
  return
}

// -----

func.func @constant_result_not_index() {
  // expected-error@+1 {{'index.constant' op result #0 must be index, but got 'i64'}}
  %0 = "index.constant"() <{value = 3 : index}> : () -> i64
  return
}

// -----

func.func @bool_constant_result_not_i1() {
  // expected-error@+1 {{'index.bool.constant' op result #0 must be 1-bit signless integer, but got 'i32'}}
  %0 = "index.bool.constant"() <{value = true}> : () -> i32
  return
}

// -----

func.func @sizeof_result_not_index() {
  // expected-error@+1 {{'index.sizeof' op result #0 must be index, but got 'i64'}}
  %0 = "index.sizeof"() : () -> i64
  return
}
