// lower-affine reports, at each op, what MLIR's patterns refuse: a division or modulo by
// a non-positive constant, a reduction without an identity. mlir-opt reports the same errors for
// affine.apply/load/min/if and leaves those ops (exit status 0), and crashes on such a
// loop bound or an "assign" reduction; irkit-opt reports them all, changes nothing and
// exits with status 1.
//
// UNSUPPORTED: reference-mlir-opt
// RUN: irkit-opt %s --split-input-file --verify-diagnostics --lower-affine

func.func @mod_by_negative(%i: index) -> index {
  // expected-error @+1 {{modulo by non-positive value is not supported}}
  %r = affine.apply affine_map<(d0) -> (d0 mod -2)>(%i)
  return %r : index
}

// -----

func.func @floordiv_by_zero(%A: memref<8xf32>, %i: index) -> f32 {
  // expected-error @+1 {{division by non-positive value is not supported}}
  %v = affine.load %A[%i floordiv 0] : memref<8xf32>
  return %v : f32
}

// -----

func.func @ceildiv_in_bound(%n: index) {
  // expected-error @+1 {{division by non-positive value is not supported}}
  affine.for %i = 0 to affine_map<()[s0] -> (s0 ceildiv -3)>()[%n] {
  }
  return
}

// -----

func.func @in_condition(%i: index) {
  // expected-error @+1 {{modulo by non-positive value is not supported}}
  affine.if affine_set<(d0) : (d0 mod -4 == 0)>(%i) {
  }
  return
}

// -----

// Every refused op is reported, not only the first.
func.func @several(%i: index) -> (index, index) {
  // expected-error @+1 {{modulo by non-positive value is not supported}}
  %a = affine.apply affine_map<(d0) -> (d0 mod 0)>(%i)
  // expected-error @+1 {{division by non-positive value is not supported}}
  %b = affine.min affine_map<(d0) -> (d0, d0 floordiv -1)>(%i)
  return %a, %b : index, index
}

// -----

// "assign" has no identity value to start the reduction from (mlir-opt crashes on it).
func.func @assign(%A: memref<8xf32>) -> f32 {
  // expected-error @+1 {{Reduction operation type not supported}}
  %r = affine.parallel (%i) = (0) to (8) reduce ("assign") -> (f32) {
    %v = affine.load %A[%i] : memref<8xf32>
    affine.yield %v : f32
  }
  return %r : f32
}
