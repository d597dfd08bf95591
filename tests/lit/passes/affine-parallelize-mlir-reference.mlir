// The checks of affine-parallelize.mlir, run on MLIR 22's own `mlir-opt
// --affine-parallelize`: irkit's output and MLIR's agree.
//
// REQUIRES: mlir-opt
// UNSUPPORTED: reference-mlir-opt
// RUN: mlir-opt %S/affine-parallelize.mlir --split-input-file --affine-parallelize | FileCheck %S/affine-parallelize.mlir
// RUN: mlir-opt %S/affine-parallelize.mlir --split-input-file '--affine-parallelize=max-nested=1' | FileCheck %S/affine-parallelize.mlir --check-prefix=NESTED
// RUN: mlir-opt %S/affine-parallelize.mlir --split-input-file '--affine-parallelize=parallel-reductions=true' | FileCheck %S/affine-parallelize.mlir --check-prefix=REDUCE
