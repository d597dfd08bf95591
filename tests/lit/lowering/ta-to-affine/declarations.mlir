// Functions without tensors are left alone; declarations on tensors get the
// destination-passing signature too, their result attributes moving to the out-parameters.
//
// RUN: irkit-opt %s --lower-ta-to-affine | FileCheck %s
// RUN: irkit-opt %s --lower-ta-to-affine --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC

// CHECK-LABEL: func.func @scalar(%{{.*}}: f32) -> f32 {
// CHECK-NEXT:    func.return %{{.*}} : f32
// CHECK:       func.func private @external(memref<?x4xf16>, index, memref<4xf16>)
// CHECK-NOT:   tensor
// The custom form of a declaration does not show argument attributes; the generic does.
// GENERIC:     arg_attrs = [{}, {}, {ta.shape = affine_map<()[s0] -> (4)>}], function_type = (memref<?x4xf16>, index, memref<4xf16>) -> ()
func.func @scalar(%x: f32) -> f32 {
  func.return %x : f32
}
func.func private @external(tensor<?x4xf16>, index) -> (tensor<4xf16> {ta.shape = affine_map<()[s0] -> (4)>})
