// A pipeline alias that meets a dialect it has no lowering for yet says so at the
// first such op: exit status 1, no output, no traceback.
//
// UNSUPPORTED: reference-mlir-opt
// RUN: not irkit-opt %s --allow-unregistered-dialect --lower-to-affine 2> %t.err | FileCheck %s --check-prefix=NOOUT --allow-empty
// RUN: FileCheck %s --input-file %t.err --strict-whitespace
// RUN: not irkit-opt %s --allow-unregistered-dialect --lower-to-llvm 2>&1 >/dev/null | FileCheck %s

func.func @model(%x: tensor<4xf32>) -> tensor<4xf32> {
  %y = "graph.relu"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// NOOUT-NOT: {{.}}

//      CHECK: {{^}}{{.*}}pipeline-alias-missing-lowering.mlir:10:8: error: no lowering for dialect 'graph' yet
// CHECK-NEXT: {{^}}  %y = "graph.relu"(%x) : (tensor<4xf32>) -> tensor<4xf32>{{$}}
// CHECK-NEXT: {{^}}       ^{{$}}
//  CHECK-NOT: Traceback
