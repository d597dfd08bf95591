// What convert-to-llvm refuses, each with a diagnostic at the op at fault.
//
// irkit prints llvm.mlir.undef where MLIR 22 prints poison, emits a C-interface wrapper for
// every public function, and lowers some ops through libm or call_intrinsic: the
// expectations are irkit's own, checked against MLIR by tests/interop/test_to_llvm_mlir.py.
// UNSUPPORTED: reference-mlir-opt
// RUN: irkit-opt %s --allow-unregistered-dialect --split-input-file --verify-diagnostics --convert-to-llvm
// RUN: not irkit-opt %s --allow-unregistered-dialect --split-input-file --convert-to-llvm 2>&1 | FileCheck %s
// CHECK-NOT: Traceback

func.func @structured(%n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  // expected-error@+1 {{no lowering from 'scf.for' to the llvm dialect}}
  scf.for %i = %c0 to %n step %c1 {
  }
  return
}

// -----

func.func @dynamic_dim(%m: memref<?x?xf32>, %d: index) -> index {
  // expected-error@+1 {{cannot lower memref.dim with a non-constant index yet}}
  %s = memref.dim %m, %d : memref<?x?xf32>
  return %s : index
}

// -----

func.func @strided_copy(%a: memref<4xf32, strided<[2]>>, %b: memref<4xf32>) {
  // expected-error@+1 {{cannot lower memref.copy between strided memrefs yet}}
  "memref.copy"(%a, %b) : (memref<4xf32, strided<[2]>>, memref<4xf32>) -> ()
  return
}

// -----

func.func @half_tanh(%x: f16) -> f16 {
  // expected-error@+1 {{no libm function for 'math.tanh' on f16}}
  %t = math.tanh %x : f16
  return %t : f16
}

// -----

func.func @strided_alloc() {
  // expected-error@+1 {{cannot allocate a memref with layout strided<[1], offset: 2>}}
  %m = memref.alloc() : memref<4xf32, strided<[1], offset: 2>>
  return
}

// -----

// expected-error@+1 {{cannot lower an uninitialized memref.global yet}}
"memref.global"() <{initial_value, sym_name = "scratch", sym_visibility = "public", type = memref<4xf32>}> : () -> ()

// -----

// expected-error@+1 {{no lowering from 'test.op' to the llvm dialect}}
"test.op"() : () -> ()
