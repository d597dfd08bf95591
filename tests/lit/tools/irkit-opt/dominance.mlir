// The verifier's dominance rule: within a block by position, across the blocks of a
// CFG region by its dominator tree, and out of nested regions. Passes unchanged with
// `lit --param opt=mlir-opt`.
//
// RUN: irkit-opt %s -split-input-file -verify-diagnostics

// A value of the entry block is visible in every block it dominates, a block argument
// in its block, and a value of a branch only there.
func.func @valid(%c: i1, %x: i32) -> i32 {
  %a = arith.addi %x, %x : i32
  cf.cond_br %c, ^bb1, ^bb2
^bb1:
  %b = arith.addi %a, %x : i32
  cf.br ^bb3(%b : i32)
^bb2:
  cf.br ^bb3(%a : i32)
^bb3(%r: i32):
  %s = arith.addi %r, %a : i32
  return %s : i32
}

// -----

func.func @branch_value_after_join(%c: i1, %x: i32) -> i32 {
  cf.cond_br %c, ^bb1, ^bb2
^bb1:
  // expected-note@+1 {{operand defined here (op in the same region)}}
  %b = arith.addi %x, %x : i32
  cf.br ^bb3
^bb2:
  cf.br ^bb3
^bb3:
  // expected-error@+1 {{operand #0 does not dominate this use}}
  return %b : i32
}

// -----

func.func @use_before_definition(%x: i32) -> i32 {
  // expected-error@+1 {{operand #0 does not dominate this use}}
  %a = arith.addi %b, %x : i32
  // expected-note@+1 {{operand defined here (op in the same block)}}
  %b = arith.addi %x, %x : i32
  return %a : i32
}

// -----

func.func @loop_back_edge(%x: i32) -> i32 {
  cf.br ^bb1
^bb1:
  %a = arith.addi %x, %x : i32
  cf.br ^bb2
^bb2:
  %b = arith.addi %a, %x : i32
  cf.br ^bb1
}
