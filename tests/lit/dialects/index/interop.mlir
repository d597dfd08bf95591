// Interoperability with MLIR 22 on the round-trip input ops.mlir: mlir-opt reads what
// irkit-opt prints (custom and generic) and makes the same IR of it as of the original, and
// irkit-opt reads what mlir-opt prints (custom and generic).
// "The same IR" is judged by mlir-opt's generic print, which names values canonically.
//
// REQUIRES: mlir-opt
// RUN: mlir-opt %S/ops.mlir --mlir-print-op-generic > %t.reference
// RUN: irkit-opt %S/ops.mlir | mlir-opt --mlir-print-op-generic > %t.from-custom
// RUN: diff %t.reference %t.from-custom
// RUN: irkit-opt %S/ops.mlir --mlir-print-op-generic | mlir-opt --mlir-print-op-generic > %t.from-generic
// RUN: diff %t.reference %t.from-generic
// RUN: mlir-opt %S/ops.mlir | irkit-opt | mlir-opt --mlir-print-op-generic > %t.from-mlir-custom
// RUN: diff %t.reference %t.from-mlir-custom
// RUN: mlir-opt %S/ops.mlir --mlir-print-op-generic | irkit-opt | mlir-opt --mlir-print-op-generic > %t.from-mlir-generic
// RUN: diff %t.reference %t.from-mlir-generic
// RUN: mlir-opt %S/ops.mlir | irkit-opt | FileCheck %S/ops.mlir
