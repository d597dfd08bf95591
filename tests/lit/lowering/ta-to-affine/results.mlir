// Function boundaries: every result becomes a trailing out-parameter, in result order,
// keeping its attributes; scalar parameters stay where they are; a value returned twice,
// or a parameter returned as it is, is copied into its out-parameter.
//
// RUN: irkit-opt %s --lower-ta-to-affine | FileCheck %s

// CHECK-LABEL: func.func @results(
// CHECK-SAME:      %[[A:[^ :]+]]: memref<?xf32> {ta.shape = affine_map<()[s0] -> (s0)>},
// CHECK-SAME:      %[[ALPHA:[^ :]+]]: f32,
// CHECK-SAME:      %[[SCALED:[^ :]+]]: memref<?xf32> {ta.shape = affine_map<()[s0] -> (s0)>},
// CHECK-SAME:      %[[SUM:[^ :]+]]: memref<f32> {ta.shape = affine_map<()[s0] -> ()>},
// CHECK-SAME:      %[[AGAIN:[^ :]+]]: memref<?xf32> {ta.shape = affine_map<()[s0] -> (s0)>},
// CHECK-SAME:      %[[SAME:[^ :]+]]: memref<?xf32> {ta.shape = affine_map<()[s0] -> (s0)>})
// CHECK-SAME:      attributes {ta.size_vars = ["N"]} {
// CHECK:         affine.for %[[i:[^ :]+]] = 0 to %[[N:[^ :]+]] {
// CHECK-NEXT:      %[[a:[^ :]+]] = affine.load %[[A]][%[[i]]] : memref<?xf32>
// CHECK-NEXT:      %[[s:[^ :]+]] = arith.mulf %[[a]], %[[ALPHA]] : f32
// CHECK-NEXT:      affine.store %[[s]], %[[SCALED]][%[[i]]] : memref<?xf32>
// CHECK:         affine.store %{{.*}}, %[[SUM]][] : memref<f32>
// CHECK:         affine.for %[[r:[^ :]+]] = 0 to %[[N]] {
// CHECK-NEXT:      %[[x:[^ :]+]] = affine.load %[[SCALED]][%[[r]]] : memref<?xf32>
// CHECK-NEXT:      %[[old:[^ :]+]] = affine.load %[[SUM]][] : memref<f32>
// CHECK-NEXT:      %[[new:[^ :]+]] = arith.addf %[[old]], %[[x]] : f32
// CHECK-NEXT:      affine.store %[[new]], %[[SUM]][] : memref<f32>
// CHECK-NEXT:    }
// CHECK-NEXT:    memref.copy{{.*}}%[[SCALED]], %[[AGAIN]]
// CHECK-NEXT:    memref.copy{{.*}}%[[A]], %[[SAME]]
// CHECK-NEXT:    func.return
func.func @results(%A: tensor<?xf32> {ta.shape = affine_map<()[s0] -> (s0)>}, %alpha: f32)
    -> (tensor<?xf32> {ta.shape = affine_map<()[s0] -> (s0)>},
        tensor<f32> {ta.shape = affine_map<()[s0] -> ()>},
        tensor<?xf32> {ta.shape = affine_map<()[s0] -> (s0)>},
        tensor<?xf32> {ta.shape = affine_map<()[s0] -> (s0)>})
    attributes {ta.size_vars = ["N"]} {
  %c0 = arith.constant 0 : index
  %N = tensor.dim %A, %c0 : tensor<?xf32>
  %scaled = ta.comprehension (i: 0 to %N) ins(%A[i] : tensor<?xf32>) outs[i] -> tensor<?xf32> {
  ^bb0(%a: f32):
    %s = arith.mulf %a, %alpha : f32
    ta.yield %s : f32
  }
  %sum = ta.comprehension reduce(add, init) (r_i: 0 to %N) ins(%scaled[r_i] : tensor<?xf32>)
           outs[] -> tensor<f32> {
  ^bb0(%x: f32):
    ta.yield %x : f32
  }
  func.return %scaled, %sum, %scaled, %A : tensor<?xf32>, tensor<f32>, tensor<?xf32>, tensor<?xf32>
}
