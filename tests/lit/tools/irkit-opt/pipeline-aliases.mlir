// The pipeline aliases run only the lowering steps that the input still needs:
// --lower-to-affine and --lower-to-ta leave func/arith/memref input as it is;
// --lower-to-llvm takes it, and scf input, down to the llvm dialect.
//
// UNSUPPORTED: reference-mlir-opt
// RUN: irkit-opt %s --lower-to-affine | FileCheck %s
// RUN: irkit-opt %s --lower-to-ta | FileCheck %s
// RUN: irkit-opt %s --lower-to-ta --lower-to-affine | FileCheck %s
// RUN: irkit-opt %s --pass-pipeline='builtin.module(lower-to-affine)' | FileCheck %s
// RUN: irkit-opt %s -p lower-to-affine | FileCheck %s
// RUN: irkit-opt %s --lower-to-affine | irkit-opt | FileCheck %s
// RUN: irkit-opt %s --lower-to-llvm | FileCheck %s --check-prefix=LLVM
// RUN: irkit-opt %s --lower-to-affine --lower-to-llvm | FileCheck %s --check-prefix=LLVM
// RUN: irkit-opt %s --lower-to-llvm --lower-to-llvm | FileCheck %s --check-prefix=LLVM
// RUN: irkit-opt %S/Inputs/scf-loop.mlir --lower-to-llvm | FileCheck %s --check-prefix=SCF
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

//  LLVM-NOT: {{func|arith|memref}}.
//      LLVM: llvm.func @kernel(%{{[^ :]+}}: !llvm.ptr, %{{[^ :]+}}: !llvm.ptr, %{{[^ :]+}}: i64, %{{[^ :]+}}: i64, %{{[^ :]+}}: i64, %{{[^ :]+}}: i32) -> i32
//      LLVM:   llvm.load
//      LLVM:   llvm.add
//      LLVM:   llvm.store
//      LLVM:   llvm.return
//      LLVM: llvm.func @_mlir_ciface_kernel(%{{[^ :]+}}: !llvm.ptr, %{{[^ :]+}}: i32) -> i32
//  LLVM-NOT: {{func|arith|memref}}.

//  SCF-NOT: {{scf|cf|func|arith|memref}}.
//      SCF: llvm.func @loop(
//      SCF:   llvm.br ^[[HEADER:[^(]*]](
// SCF-NEXT: ^[[HEADER]](%{{.*}}: i64):
// SCF-NEXT:   llvm.icmp "slt"
// SCF-NEXT:   llvm.cond_br
//  SCF-NOT: {{scf|cf|func|arith|memref}}.

// SCF-KEPT: scf.for
