// The pipeline aliases run only the lowering steps that the input still needs:
// --lower-to-affine and --lower-to-ta leave func/arith/memref input as it is;
// --lower-to-llvm has no lowering for those dialects yet, and says so at the
// first op it cannot lower (exit status 1, no output).
//
// UNSUPPORTED: reference-mlir-opt
// RUN: irkit-opt %s --lower-to-affine | FileCheck %s
// RUN: irkit-opt %s --lower-to-ta | FileCheck %s
// RUN: irkit-opt %s --lower-to-ta --lower-to-affine | FileCheck %s
// RUN: irkit-opt %s --pass-pipeline='builtin.module(lower-to-affine)' | FileCheck %s
// RUN: irkit-opt %s -p lower-to-affine | FileCheck %s
// RUN: irkit-opt %s --lower-to-affine | irkit-opt | FileCheck %s
// RUN: not irkit-opt %s --lower-to-llvm 2> %t.err | FileCheck %s --check-prefix=NOOUT --allow-empty
// RUN: FileCheck %s --check-prefix=LLVM --input-file %t.err --strict-whitespace
// RUN: not irkit-opt %s --lower-to-affine --lower-to-llvm 2>&1 >/dev/null | FileCheck %s --check-prefix=LLVM
// RUN: not irkit-opt %S/Inputs/scf-loop.mlir --lower-to-llvm 2>&1 | FileCheck %s --check-prefix=SCF
// RUN: irkit-opt %S/Inputs/scf-loop.mlir --lower-to-affine | FileCheck %s --check-prefix=SCF-KEPT

func.func @kernel(%m: memref<4xi32>, %a: i32) -> i32 {
  %c1 = arith.constant 1 : index
  %v = memref.load %m[%c1] : memref<4xi32>
  %w = arith.addi %v, %a : i32
  memref.store %w, %m[%c1] : memref<4xi32>
  return %w : i32
}

// CHECK-LABEL: func.func @kernel(%{{.*}}: memref<4xi32>, %{{.*}}: i32) -> i32 {
// CHECK-NEXT:    %[[C1:.*]] = arith.constant 1 : index
// CHECK-NEXT:    %[[V:.*]] = memref.load %{{.*}}[%[[C1]]] : memref<4xi32>
// CHECK-NEXT:    %[[W:.*]] = arith.addi %[[V]], %{{.*}} : i32
// CHECK-NEXT:    memref.store %[[W]], %{{.*}}[%[[C1]]] : memref<4xi32>
// CHECK-NEXT:    func.return %[[W]] : i32
// CHECK-NEXT:  }

// NOOUT-NOT: {{.}}

//      LLVM: {{^}}{{.*}}pipeline-aliases.mlir:19:1: error: no lowering for dialect 'func' yet
// LLVM-NEXT: {{^}}func.func @kernel(%m: memref<4xi32>, %a: i32) -> i32 {
// LLVM-NEXT: {{^}}^{{$}}
//  LLVM-NOT: Traceback

// SCF:     scf-loop.mlir:7:3: error: no lowering for dialect 'scf' yet
// SCF-NOT: Traceback

// SCF-KEPT: scf.for
