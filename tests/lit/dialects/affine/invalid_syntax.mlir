// Parser errors for malformed affine maps, integer sets and subscript
// expressions.
//
// RUN: irkit-opt %s --split-input-file -verify-diagnostics

func.func @undeclared_dim(%a: index) {
  // expected-error@+1 {{use of undeclared identifier}}
  %0 = affine.apply affine_map<(d0) -> (d1)>(%a)
  return
}

// -----

func.func @duplicate_dim(%a: index) {
  // expected-error@+1 {{redefinition of identifier 'd0'}}
  %0 = affine.apply affine_map<(d0, d0) -> (d0)>(%a, %a)
  return
}

// -----

func.func @symbol_named_like_dim(%a: index) {
  // expected-error@+1 {{redefinition of identifier 'd0'}}
  %0 = affine.apply affine_map<(d0)[s0, d0] -> (d0)>(%a)[%a, %a]
  return
}

// -----

func.func @missing_arrow(%a: index) {
  // expected-error@+1 {{expected '->' or ':'}}
  %0 = affine.apply affine_map<(d0) (d0)>(%a)
  return
}

// -----

func.func @unclosed_results(%a: index) {
  // expected-error@+1 {{expected ')' in affine map range}}
  %0 = affine.apply affine_map<(d0) -> (d0>(%a)
  return
}

// -----

func.func @dangling_operator(%a: index) {
  // expected-error@+1 {{missing right operand of binary operator}}
  %0 = affine.apply affine_map<(d0) -> (d0 +)>(%a)
  return
}

// -----

func.func @double_star(%a: index) {
  // expected-error@+1 {{missing right operand of binary operator}}
  %0 = affine.apply affine_map<(d0) -> (d0 ** 2)>(%a)
  return
}

// -----

func.func @undefined_alias(%a: index) {
  // expected-error@+1 {{undefined symbol alias id 'undefined_map'}}
  %0 = affine.apply #undefined_map(%a)
  return
}

// -----

func.func @dim_times_dim(%a: index) {
  // expected-error@+1 {{non-affine expression: at least one of the multiply operands has to be either a constant or symbolic}}
  %0 = affine.apply affine_map<(d0) -> (d0 * d0)>(%a)
  return
}

// -----

func.func @floordiv_by_dim(%a: index) {
  // expected-error@+1 {{non-affine expression: right operand of floordiv has to be either a constant or symbolic}}
  %0 = affine.apply affine_map<(d0) -> (d0 floordiv d0)>(%a)
  return
}

// -----

func.func @unclosed_operand_list(%a: index) {
  // expected-error@+1 {{expected ')' in operand list}}
  %0 = affine.apply affine_map<(d0) -> (d0)>(%a
  return
}

// -----

// Subscripts of memory ops are affine expressions of SSA values.

func.func @subscript_dim_times_dim(%m: memref<4xf32>, %i: index) {
  // expected-error@+1 {{non-affine expression: at least one of the multiply operands has to be either a constant or symbolic}}
  %v = affine.load %m[%i * %i] : memref<4xf32>
  return
}

// -----

func.func @subscript_floordiv_by_dim(%m: memref<4xf32>, %i: index) {
  // expected-error@+1 {{non-affine expression: right operand of floordiv has to be either a constant or symbolic}}
  %v = affine.load %m[%i floordiv %i] : memref<4xf32>
  return
}

// -----

func.func @subscript_ceildiv_by_dim(%m: memref<4xf32>, %i: index) {
  // expected-error@+1 {{non-affine expression: right operand of ceildiv has to be either a constant or symbolic}}
  %v = affine.load %m[%i ceildiv %i] : memref<4xf32>
  return
}

// -----

func.func @subscript_mod_by_dim(%m: memref<4xf32>, %i: index, %x: f32) {
  // expected-error@+1 {{non-affine expression: right operand of mod has to be either a constant or symbolic}}
  affine.store %x, %m[%i mod %i] : memref<4xf32>
  return
}

// -----

func.func @subscript_dangling_operator(%m: memref<4xf32>, %i: index) {
  // expected-error@+1 {{missing right operand of binary operator}}
  %v = affine.load %m[%i +] : memref<4xf32>
  return
}

// -----

func.func @subscript_undefined_value(%m: memref<4xf32>) {
  // expected-error@+1 {{use of undeclared SSA value name}}
  %v = affine.load %m[%undefined] : memref<4xf32>
  return
}

// -----

func.func @symbol_without_parens(%m: memref<4xf32>, %i: index) {
  // expected-error@+1 {{expected '(' at start of SSA symbol}}
  %v = affine.load %m[symbol %i] : memref<4xf32>
  return
}

// -----

func.func @subscript_not_index(%m: memref<4xf32>, %i: i32) {
  // expected-note@-1 {{prior use here}}
  // expected-error@+1 {{use of value '%i' expects different type than prior uses: 'index' vs 'i32'}}
  %v = affine.load %m[%i] : memref<4xf32>
  return
}
