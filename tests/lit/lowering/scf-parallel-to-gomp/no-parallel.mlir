// A module without scf.parallel loops is left as it is: no runtime declarations.
//
// UNSUPPORTED: reference-mlir-opt
// RUN: irkit-opt %s --convert-scf-parallel-to-gomp | FileCheck %s

// CHECK-LABEL: builtin.module {
// CHECK-NEXT:    func.func @sequential(
// CHECK-NEXT:      scf.for
// CHECK-NEXT:        memref.store
// CHECK-NEXT:      }
// CHECK-NEXT:      func.return
// CHECK-NEXT:    }
// CHECK-NEXT:  }
func.func @sequential(%m: memref<?xf32>, %lb: index, %ub: index, %step: index, %v: f32) {
  scf.for %i = %lb to %ub step %step {
    memref.store %v, %m[%i] : memref<?xf32>
  }
  return
}
