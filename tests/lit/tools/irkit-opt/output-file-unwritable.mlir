// An output file that cannot be opened is a one-line error with exit status
// 1, as in mlir-opt; not an internal error with a traceback (exit status 2).
//
// RUN: not irkit-opt %s -o %t.missing-dir/sub/out.mlir 2> %t.err
// RUN: FileCheck %s --input-file %t.err

func.func @f() {
  return
}

// CHECK-NOT: Traceback
// CHECK-NOT: internal error
// CHECK:     {{(error: )?}}cannot open output file '{{.*}}out.mlir': No such file or directory
// CHECK-NOT: Traceback
