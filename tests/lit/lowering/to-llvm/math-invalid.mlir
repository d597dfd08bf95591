// What convert-to-llvm refuses of the math ops it expands in place.
//
// UNSUPPORTED: reference-mlir-opt
// RUN: irkit-opt %s --split-input-file --verify-diagnostics --convert-to-llvm

func.func @vector_ipowi(%a: vector<4xi32>, %n: vector<4xi32>) -> vector<4xi32> {
  // expected-error@+1 {{cannot lower 'math.ipowi' on vector<4xi32> to the llvm dialect}}
  %p = math.ipowi %a, %n : vector<4xi32>
  return %p : vector<4xi32>
}

// -----

func.func @vector_fpowi(%x: vector<4xf32>, %n: vector<4xi32>) -> vector<4xf32> {
  // expected-error@+1 {{cannot lower 'math.fpowi' on vector<4xf32> to the llvm dialect}}
  %p = math.fpowi %x, %n : vector<4xf32>, vector<4xi32>
  return %p : vector<4xf32>
}
