// Verifier and parser errors of affine.if.
//
// RUN: irkit-opt %s --split-input-file -verify-diagnostics

func.func @condition_invalid_dim(%m: memref<?xindex>) {
  affine.for %i = 0 to 10 {
    %v = affine.load %m[%i] : memref<?xindex>
    // expected-error@+1 {{'affine.if' op operand cannot be used as a dimension id}}
    affine.if affine_set<(d0) : (d0 >= 0)>(%v) {
    }
  }
  return
}

// -----

#set = affine_set<(d0)[s0] : (d0 >= 0, s0 - d0 - 1 >= 0)>

func.func @condition_iv_as_symbol() {
  affine.for %i = 0 to 10 {
    // expected-error@+1 {{'affine.if' op operand cannot be used as a symbol}}
    affine.if #set(%i)[%i] {
    }
  }
  return
}

// -----

func.func @operand_count_mismatch(%a: index) {
  // expected-error@+1 {{'affine.if' op operand count and condition integer set dimension and symbol count must match}}
  "affine.if"(%a) <{condition = affine_set<(d0, d1) : (d0 - d1 >= 0)>}> ({
    "affine.yield"() : () -> ()
  }, {
  }) : (index) -> ()
  return
}

// -----

func.func @missing_condition(%a: index) {
  // expected-error@+1 {{'affine.if' op requires attribute 'condition'}}
  "affine.if"(%a) ({
    "affine.yield"() : () -> ()
  }, {
  }) : (index) -> ()
  return
}

// -----

func.func @too_few_dims(%a: index) {
  // expected-error@+1 {{custom op 'affine.if' dim operand count and integer set dim count must match}}
  affine.if affine_set<(d0, d1) : (d0 - d1 >= 0)>(%a) {
  }
  return
}

// -----

func.func @missing_symbol(%a: index) {
  // expected-error@+1 {{custom op 'affine.if' symbol operand count and integer set symbol count must match}}
  affine.if affine_set<(d0)[s0] : (d0 - s0 >= 0)>(%a) {
  }
  return
}

// -----

func.func @then_region_with_arguments(%a: index) {
  // expected-error@+1 {{'affine.if' op region #0 should have no arguments}}
  affine.if affine_set<(d0) : (d0 >= 0)>(%a) {
  ^bb0(%x: index):
  }
  return
}

// -----

func.func @else_region_with_arguments(%a: index) {
  // expected-error@+1 {{'affine.if' op region #1 should have no arguments}}
  affine.if affine_set<(d0) : (d0 >= 0)>(%a) {
  } else {
  ^bb0(%x: index):
  }
  return
}

// -----

// An affine.if with results needs an else region: without it, control could
// reach the results with no value. The error comes from the region-branch
// interface, with a note on the same op.
func.func @results_without_else(%a: index, %x: f32) {
  // expected-error@+2 {{'affine.if' op along control flow edge from parent to parent: region branch point has 0 operands, but region successor needs 1 inputs}}
  // expected-note@+1 {{region branch point}}
  %r = affine.if affine_set<(d0) : (d0 >= 0)>(%a) -> f32 {
    affine.yield %x : f32
  }
  return
}

// -----

func.func @else_yields_nothing(%a: index, %x: f32) {
  %r = affine.if affine_set<(d0) : (d0 >= 0)>(%a) -> f32 {
    affine.yield %x : f32
  } else {
    // expected-error@+1 {{'affine.yield' op parent of yield must have same number of results as the yield operands}}
    affine.yield
  }
  return
}

// -----

func.func @then_yields_wrong_type(%a: index, %x: f32) {
  %r = affine.if affine_set<(d0) : (d0 >= 0)>(%a) -> f32 {
    // expected-error@+1 {{'affine.yield' op types mismatch between yield op and its parent}}
    affine.yield %a : index
  } else {
    affine.yield %x : f32
  }
  return
}

// -----

// Parser errors inside integer sets.

func.func @missing_constraint_rhs(%a: index) {
  // expected-error@+1 {{expected affine expression}}
  affine.if affine_set<(d0) : (d0 >= )>(%a) {
  }
  return
}

// -----

func.func @missing_equality_rhs(%a: index) {
  // expected-error@+1 {{expected affine expression}}
  affine.if affine_set<(d0)[s0] : (d0 == )>(%a)[%a] {
  }
  return
}

// -----

func.func @constraint_without_comparison(%a: index) {
  // expected-error@+1 {{expected '== affine-expr' or '>= affine-expr' at end of affine constraint}}
  affine.if affine_set<(d0) : (d0)>(%a) {
  }
  return
}

// -----

func.func @constant_constraint(%a: index) {
  // expected-error@+1 {{expected '== affine-expr' or '>= affine-expr' at end of affine constraint}}
  affine.if affine_set<(d0) : (1)>(%a) {
  }
  return
}

// -----

func.func @non_affine_constraint(%a: index) {
  // expected-error@+1 {{non-affine expression: at least one of the multiply operands has to be either a constant or symbolic}}
  affine.if affine_set<(d0) : (d0 * d0 >= 0)>(%a) {
  }
  return
}
