// A failed run leaves no output file behind, not even the file of an earlier
// run, as in mlir-opt: no stale output may pass for the result of this run.
//
// RUN: echo stale > %t
// RUN: not irkit-opt %S/Inputs/parse-error.mlir -o %t 2>/dev/null
// RUN: not test -e %t

func.func @f() {
  return
}
