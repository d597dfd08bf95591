// Reductions of every kind, on floats and on integers: with TC's `!` (`reduce(kind, init)`)
// the result is first filled with the kind's identity; without it the statement
// accumulates into its init (here a parameter, so it is first copied into the
// out-parameter). Floats combine with maximumf/minimumf, which propagate NaN.
//
// RUN: irkit-opt %s --split-input-file --lower-ta-to-affine | FileCheck %s

// CHECK-LABEL: func.func @float_identity(
// CHECK-SAME:      %[[A:[^ :]+]]: memref<?x?xf32>, %[[ACC:[^ :]+]]: memref<?xf32>,
// CHECK-SAME:      %[[R0:[^ :]+]]: memref<?xf32>, %[[R1:[^ :]+]]: memref<?xf32>, %[[R2:[^ :]+]]: memref<?xf32>, %[[R3:[^ :]+]]: memref<?xf32>) {
// CHECK:         %[[ID0:[^ :]+]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT:    affine.for %[[Z0:[^ :]+]] = 0 to %[[M:[^ :]+]] {
// CHECK-NEXT:      affine.store %[[ID0]], %[[R0]][%[[Z0]]] : memref<?xf32>
// CHECK-NEXT:    }
// CHECK-NEXT:    affine.for %[[m0:[^ :]+]] = 0 to %[[M]] {
// CHECK-NEXT:      affine.for %[[n0:[^ :]+]] = 0 to %[[N:[^ :]+]] {
// CHECK-NEXT:        %[[a0:[^ :]+]] = affine.load %[[A]][%[[m0]], %[[n0]]] : memref<?x?xf32>
// CHECK-NEXT:        %[[old0:[^ :]+]] = affine.load %[[R0]][%[[m0]]] : memref<?xf32>
// CHECK-NEXT:        %[[new0:[^ :]+]] = arith.addf %[[old0]], %[[a0]] : f32
// CHECK-NEXT:        affine.store %[[new0]], %[[R0]][%[[m0]]] : memref<?xf32>
// CHECK:         %[[ID1:[^ :]+]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT:    affine.for %[[Z1:[^ :]+]] = 0 to %[[M:[^ :]+]] {
// CHECK-NEXT:      affine.store %[[ID1]], %[[R1]][%[[Z1]]] : memref<?xf32>
// CHECK-NEXT:    }
// CHECK-NEXT:    affine.for %[[m1:[^ :]+]] = 0 to %[[M]] {
// CHECK-NEXT:      affine.for %[[n1:[^ :]+]] = 0 to %[[N:[^ :]+]] {
// CHECK-NEXT:        %[[a1:[^ :]+]] = affine.load %[[A]][%[[m1]], %[[n1]]] : memref<?x?xf32>
// CHECK-NEXT:        %[[old1:[^ :]+]] = affine.load %[[R1]][%[[m1]]] : memref<?xf32>
// CHECK-NEXT:        %[[new1:[^ :]+]] = arith.mulf %[[old1]], %[[a1]] : f32
// CHECK-NEXT:        affine.store %[[new1]], %[[R1]][%[[m1]]] : memref<?xf32>
// CHECK:         %[[ID2:[^ :]+]] = arith.constant 0xFF800000 : f32
// CHECK-NEXT:    affine.for %[[Z2:[^ :]+]] = 0 to %[[M:[^ :]+]] {
// CHECK-NEXT:      affine.store %[[ID2]], %[[R2]][%[[Z2]]] : memref<?xf32>
// CHECK-NEXT:    }
// CHECK-NEXT:    affine.for %[[m2:[^ :]+]] = 0 to %[[M]] {
// CHECK-NEXT:      affine.for %[[n2:[^ :]+]] = 0 to %[[N:[^ :]+]] {
// CHECK-NEXT:        %[[a2:[^ :]+]] = affine.load %[[A]][%[[m2]], %[[n2]]] : memref<?x?xf32>
// CHECK-NEXT:        %[[old2:[^ :]+]] = affine.load %[[R2]][%[[m2]]] : memref<?xf32>
// CHECK-NEXT:        %[[new2:[^ :]+]] = arith.maximumf %[[old2]], %[[a2]] : f32
// CHECK-NEXT:        affine.store %[[new2]], %[[R2]][%[[m2]]] : memref<?xf32>
// CHECK:         %[[ID3:[^ :]+]] = arith.constant 0x7F800000 : f32
// CHECK-NEXT:    affine.for %[[Z3:[^ :]+]] = 0 to %[[M:[^ :]+]] {
// CHECK-NEXT:      affine.store %[[ID3]], %[[R3]][%[[Z3]]] : memref<?xf32>
// CHECK-NEXT:    }
// CHECK-NEXT:    affine.for %[[m3:[^ :]+]] = 0 to %[[M]] {
// CHECK-NEXT:      affine.for %[[n3:[^ :]+]] = 0 to %[[N:[^ :]+]] {
// CHECK-NEXT:        %[[a3:[^ :]+]] = affine.load %[[A]][%[[m3]], %[[n3]]] : memref<?x?xf32>
// CHECK-NEXT:        %[[old3:[^ :]+]] = affine.load %[[R3]][%[[m3]]] : memref<?xf32>
// CHECK-NEXT:        %[[new3:[^ :]+]] = arith.minimumf %[[old3]], %[[a3]] : f32
// CHECK-NEXT:        affine.store %[[new3]], %[[R3]][%[[m3]]] : memref<?xf32>
func.func @float_identity(%A: tensor<?x?xf32>, %Acc: tensor<?xf32>)
    -> (tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %M = tensor.dim %A, %c0 : tensor<?x?xf32>
  %N = tensor.dim %A, %c1 : tensor<?x?xf32>
  %R0 = ta.comprehension reduce(add, init) (m: 0 to %M, r_n: 0 to %N)
         ins(%A[m, r_n] : tensor<?x?xf32>) outs[m] -> tensor<?xf32> {
  ^bb0(%a: f32):
    ta.yield %a : f32
  }
  %R1 = ta.comprehension reduce(mul, init) (m: 0 to %M, r_n: 0 to %N)
         ins(%A[m, r_n] : tensor<?x?xf32>) outs[m] -> tensor<?xf32> {
  ^bb0(%a: f32):
    ta.yield %a : f32
  }
  %R2 = ta.comprehension reduce(max, init) (m: 0 to %M, r_n: 0 to %N)
         ins(%A[m, r_n] : tensor<?x?xf32>) outs[m] -> tensor<?xf32> {
  ^bb0(%a: f32):
    ta.yield %a : f32
  }
  %R3 = ta.comprehension reduce(min, init) (m: 0 to %M, r_n: 0 to %N)
         ins(%A[m, r_n] : tensor<?x?xf32>) outs[m] -> tensor<?xf32> {
  ^bb0(%a: f32):
    ta.yield %a : f32
  }
  func.return %R0, %R1, %R2, %R3 : tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>
}

// -----

// CHECK-LABEL: func.func @int_identity(
// CHECK-SAME:      %[[A:[^ :]+]]: memref<?x?xi32>, %[[ACC:[^ :]+]]: memref<?xi32>,
// CHECK-SAME:      %[[R0:[^ :]+]]: memref<?xi32>, %[[R1:[^ :]+]]: memref<?xi32>, %[[R2:[^ :]+]]: memref<?xi32>, %[[R3:[^ :]+]]: memref<?xi32>) {
// CHECK:         %[[ID0:[^ :]+]] = arith.constant 0 : i32
// CHECK-NEXT:    affine.for %[[Z0:[^ :]+]] = 0 to %[[M:[^ :]+]] {
// CHECK-NEXT:      affine.store %[[ID0]], %[[R0]][%[[Z0]]] : memref<?xi32>
// CHECK-NEXT:    }
// CHECK-NEXT:    affine.for %[[m0:[^ :]+]] = 0 to %[[M]] {
// CHECK-NEXT:      affine.for %[[n0:[^ :]+]] = 0 to %[[N:[^ :]+]] {
// CHECK-NEXT:        %[[a0:[^ :]+]] = affine.load %[[A]][%[[m0]], %[[n0]]] : memref<?x?xi32>
// CHECK-NEXT:        %[[old0:[^ :]+]] = affine.load %[[R0]][%[[m0]]] : memref<?xi32>
// CHECK-NEXT:        %[[new0:[^ :]+]] = arith.addi %[[old0]], %[[a0]] : i32
// CHECK-NEXT:        affine.store %[[new0]], %[[R0]][%[[m0]]] : memref<?xi32>
// CHECK:         %[[ID1:[^ :]+]] = arith.constant 1 : i32
// CHECK-NEXT:    affine.for %[[Z1:[^ :]+]] = 0 to %[[M:[^ :]+]] {
// CHECK-NEXT:      affine.store %[[ID1]], %[[R1]][%[[Z1]]] : memref<?xi32>
// CHECK-NEXT:    }
// CHECK-NEXT:    affine.for %[[m1:[^ :]+]] = 0 to %[[M]] {
// CHECK-NEXT:      affine.for %[[n1:[^ :]+]] = 0 to %[[N:[^ :]+]] {
// CHECK-NEXT:        %[[a1:[^ :]+]] = affine.load %[[A]][%[[m1]], %[[n1]]] : memref<?x?xi32>
// CHECK-NEXT:        %[[old1:[^ :]+]] = affine.load %[[R1]][%[[m1]]] : memref<?xi32>
// CHECK-NEXT:        %[[new1:[^ :]+]] = arith.muli %[[old1]], %[[a1]] : i32
// CHECK-NEXT:        affine.store %[[new1]], %[[R1]][%[[m1]]] : memref<?xi32>
// CHECK:         %[[ID2:[^ :]+]] = arith.constant -2147483648 : i32
// CHECK-NEXT:    affine.for %[[Z2:[^ :]+]] = 0 to %[[M:[^ :]+]] {
// CHECK-NEXT:      affine.store %[[ID2]], %[[R2]][%[[Z2]]] : memref<?xi32>
// CHECK-NEXT:    }
// CHECK-NEXT:    affine.for %[[m2:[^ :]+]] = 0 to %[[M]] {
// CHECK-NEXT:      affine.for %[[n2:[^ :]+]] = 0 to %[[N:[^ :]+]] {
// CHECK-NEXT:        %[[a2:[^ :]+]] = affine.load %[[A]][%[[m2]], %[[n2]]] : memref<?x?xi32>
// CHECK-NEXT:        %[[old2:[^ :]+]] = affine.load %[[R2]][%[[m2]]] : memref<?xi32>
// CHECK-NEXT:        %[[new2:[^ :]+]] = arith.maxsi %[[old2]], %[[a2]] : i32
// CHECK-NEXT:        affine.store %[[new2]], %[[R2]][%[[m2]]] : memref<?xi32>
// CHECK:         %[[ID3:[^ :]+]] = arith.constant 2147483647 : i32
// CHECK-NEXT:    affine.for %[[Z3:[^ :]+]] = 0 to %[[M:[^ :]+]] {
// CHECK-NEXT:      affine.store %[[ID3]], %[[R3]][%[[Z3]]] : memref<?xi32>
// CHECK-NEXT:    }
// CHECK-NEXT:    affine.for %[[m3:[^ :]+]] = 0 to %[[M]] {
// CHECK-NEXT:      affine.for %[[n3:[^ :]+]] = 0 to %[[N:[^ :]+]] {
// CHECK-NEXT:        %[[a3:[^ :]+]] = affine.load %[[A]][%[[m3]], %[[n3]]] : memref<?x?xi32>
// CHECK-NEXT:        %[[old3:[^ :]+]] = affine.load %[[R3]][%[[m3]]] : memref<?xi32>
// CHECK-NEXT:        %[[new3:[^ :]+]] = arith.minsi %[[old3]], %[[a3]] : i32
// CHECK-NEXT:        affine.store %[[new3]], %[[R3]][%[[m3]]] : memref<?xi32>
func.func @int_identity(%A: tensor<?x?xi32>, %Acc: tensor<?xi32>)
    -> (tensor<?xi32>, tensor<?xi32>, tensor<?xi32>, tensor<?xi32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %M = tensor.dim %A, %c0 : tensor<?x?xi32>
  %N = tensor.dim %A, %c1 : tensor<?x?xi32>
  %R0 = ta.comprehension reduce(add, init) (m: 0 to %M, r_n: 0 to %N)
         ins(%A[m, r_n] : tensor<?x?xi32>) outs[m] -> tensor<?xi32> {
  ^bb0(%a: i32):
    ta.yield %a : i32
  }
  %R1 = ta.comprehension reduce(mul, init) (m: 0 to %M, r_n: 0 to %N)
         ins(%A[m, r_n] : tensor<?x?xi32>) outs[m] -> tensor<?xi32> {
  ^bb0(%a: i32):
    ta.yield %a : i32
  }
  %R2 = ta.comprehension reduce(max, init) (m: 0 to %M, r_n: 0 to %N)
         ins(%A[m, r_n] : tensor<?x?xi32>) outs[m] -> tensor<?xi32> {
  ^bb0(%a: i32):
    ta.yield %a : i32
  }
  %R3 = ta.comprehension reduce(min, init) (m: 0 to %M, r_n: 0 to %N)
         ins(%A[m, r_n] : tensor<?x?xi32>) outs[m] -> tensor<?xi32> {
  ^bb0(%a: i32):
    ta.yield %a : i32
  }
  func.return %R0, %R1, %R2, %R3 : tensor<?xi32>, tensor<?xi32>, tensor<?xi32>, tensor<?xi32>
}

// -----

// CHECK-LABEL: func.func @float_accumulate(
// CHECK-SAME:      %[[A:[^ :]+]]: memref<?x?xf32>, %[[ACC:[^ :]+]]: memref<?xf32>,
// CHECK-SAME:      %[[R0:[^ :]+]]: memref<?xf32>, %[[R1:[^ :]+]]: memref<?xf32>, %[[R2:[^ :]+]]: memref<?xf32>, %[[R3:[^ :]+]]: memref<?xf32>) {
// CHECK:         memref.copy{{.*}}%[[ACC]], %[[R0]]{{.*}}memref<?xf32>
// CHECK-NEXT:    affine.for %[[m0:[^ :]+]] = 0 to %[[M:[^ :]+]] {
// CHECK-NEXT:      affine.for %[[n0:[^ :]+]] = 0 to %[[N:[^ :]+]] {
// CHECK-NEXT:        %[[a0:[^ :]+]] = affine.load %[[A]][%[[m0]], %[[n0]]] : memref<?x?xf32>
// CHECK-NEXT:        %[[old0:[^ :]+]] = affine.load %[[R0]][%[[m0]]] : memref<?xf32>
// CHECK-NEXT:        %[[new0:[^ :]+]] = arith.addf %[[old0]], %[[a0]] : f32
// CHECK-NEXT:        affine.store %[[new0]], %[[R0]][%[[m0]]] : memref<?xf32>
// CHECK:         memref.copy{{.*}}%[[ACC]], %[[R1]]{{.*}}memref<?xf32>
// CHECK-NEXT:    affine.for %[[m1:[^ :]+]] = 0 to %[[M:[^ :]+]] {
// CHECK-NEXT:      affine.for %[[n1:[^ :]+]] = 0 to %[[N:[^ :]+]] {
// CHECK-NEXT:        %[[a1:[^ :]+]] = affine.load %[[A]][%[[m1]], %[[n1]]] : memref<?x?xf32>
// CHECK-NEXT:        %[[old1:[^ :]+]] = affine.load %[[R1]][%[[m1]]] : memref<?xf32>
// CHECK-NEXT:        %[[new1:[^ :]+]] = arith.mulf %[[old1]], %[[a1]] : f32
// CHECK-NEXT:        affine.store %[[new1]], %[[R1]][%[[m1]]] : memref<?xf32>
// CHECK:         memref.copy{{.*}}%[[ACC]], %[[R2]]{{.*}}memref<?xf32>
// CHECK-NEXT:    affine.for %[[m2:[^ :]+]] = 0 to %[[M:[^ :]+]] {
// CHECK-NEXT:      affine.for %[[n2:[^ :]+]] = 0 to %[[N:[^ :]+]] {
// CHECK-NEXT:        %[[a2:[^ :]+]] = affine.load %[[A]][%[[m2]], %[[n2]]] : memref<?x?xf32>
// CHECK-NEXT:        %[[old2:[^ :]+]] = affine.load %[[R2]][%[[m2]]] : memref<?xf32>
// CHECK-NEXT:        %[[new2:[^ :]+]] = arith.maximumf %[[old2]], %[[a2]] : f32
// CHECK-NEXT:        affine.store %[[new2]], %[[R2]][%[[m2]]] : memref<?xf32>
// CHECK:         memref.copy{{.*}}%[[ACC]], %[[R3]]{{.*}}memref<?xf32>
// CHECK-NEXT:    affine.for %[[m3:[^ :]+]] = 0 to %[[M:[^ :]+]] {
// CHECK-NEXT:      affine.for %[[n3:[^ :]+]] = 0 to %[[N:[^ :]+]] {
// CHECK-NEXT:        %[[a3:[^ :]+]] = affine.load %[[A]][%[[m3]], %[[n3]]] : memref<?x?xf32>
// CHECK-NEXT:        %[[old3:[^ :]+]] = affine.load %[[R3]][%[[m3]]] : memref<?xf32>
// CHECK-NEXT:        %[[new3:[^ :]+]] = arith.minimumf %[[old3]], %[[a3]] : f32
// CHECK-NEXT:        affine.store %[[new3]], %[[R3]][%[[m3]]] : memref<?xf32>
func.func @float_accumulate(%A: tensor<?x?xf32>, %Acc: tensor<?xf32>)
    -> (tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %M = tensor.dim %A, %c0 : tensor<?x?xf32>
  %N = tensor.dim %A, %c1 : tensor<?x?xf32>
  %R0 = ta.comprehension reduce(add) (m: 0 to %M, r_n: 0 to %N)
         ins(%A[m, r_n] : tensor<?x?xf32>) outs(%Acc[m] : tensor<?xf32>) -> tensor<?xf32> {
  ^bb0(%a: f32):
    ta.yield %a : f32
  }
  %R1 = ta.comprehension reduce(mul) (m: 0 to %M, r_n: 0 to %N)
         ins(%A[m, r_n] : tensor<?x?xf32>) outs(%Acc[m] : tensor<?xf32>) -> tensor<?xf32> {
  ^bb0(%a: f32):
    ta.yield %a : f32
  }
  %R2 = ta.comprehension reduce(max) (m: 0 to %M, r_n: 0 to %N)
         ins(%A[m, r_n] : tensor<?x?xf32>) outs(%Acc[m] : tensor<?xf32>) -> tensor<?xf32> {
  ^bb0(%a: f32):
    ta.yield %a : f32
  }
  %R3 = ta.comprehension reduce(min) (m: 0 to %M, r_n: 0 to %N)
         ins(%A[m, r_n] : tensor<?x?xf32>) outs(%Acc[m] : tensor<?xf32>) -> tensor<?xf32> {
  ^bb0(%a: f32):
    ta.yield %a : f32
  }
  func.return %R0, %R1, %R2, %R3 : tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>
}

// -----

// CHECK-LABEL: func.func @int_accumulate(
// CHECK-SAME:      %[[A:[^ :]+]]: memref<?x?xi32>, %[[ACC:[^ :]+]]: memref<?xi32>,
// CHECK-SAME:      %[[R0:[^ :]+]]: memref<?xi32>, %[[R1:[^ :]+]]: memref<?xi32>, %[[R2:[^ :]+]]: memref<?xi32>, %[[R3:[^ :]+]]: memref<?xi32>) {
// CHECK:         memref.copy{{.*}}%[[ACC]], %[[R0]]{{.*}}memref<?xi32>
// CHECK-NEXT:    affine.for %[[m0:[^ :]+]] = 0 to %[[M:[^ :]+]] {
// CHECK-NEXT:      affine.for %[[n0:[^ :]+]] = 0 to %[[N:[^ :]+]] {
// CHECK-NEXT:        %[[a0:[^ :]+]] = affine.load %[[A]][%[[m0]], %[[n0]]] : memref<?x?xi32>
// CHECK-NEXT:        %[[old0:[^ :]+]] = affine.load %[[R0]][%[[m0]]] : memref<?xi32>
// CHECK-NEXT:        %[[new0:[^ :]+]] = arith.addi %[[old0]], %[[a0]] : i32
// CHECK-NEXT:        affine.store %[[new0]], %[[R0]][%[[m0]]] : memref<?xi32>
// CHECK:         memref.copy{{.*}}%[[ACC]], %[[R1]]{{.*}}memref<?xi32>
// CHECK-NEXT:    affine.for %[[m1:[^ :]+]] = 0 to %[[M:[^ :]+]] {
// CHECK-NEXT:      affine.for %[[n1:[^ :]+]] = 0 to %[[N:[^ :]+]] {
// CHECK-NEXT:        %[[a1:[^ :]+]] = affine.load %[[A]][%[[m1]], %[[n1]]] : memref<?x?xi32>
// CHECK-NEXT:        %[[old1:[^ :]+]] = affine.load %[[R1]][%[[m1]]] : memref<?xi32>
// CHECK-NEXT:        %[[new1:[^ :]+]] = arith.muli %[[old1]], %[[a1]] : i32
// CHECK-NEXT:        affine.store %[[new1]], %[[R1]][%[[m1]]] : memref<?xi32>
// CHECK:         memref.copy{{.*}}%[[ACC]], %[[R2]]{{.*}}memref<?xi32>
// CHECK-NEXT:    affine.for %[[m2:[^ :]+]] = 0 to %[[M:[^ :]+]] {
// CHECK-NEXT:      affine.for %[[n2:[^ :]+]] = 0 to %[[N:[^ :]+]] {
// CHECK-NEXT:        %[[a2:[^ :]+]] = affine.load %[[A]][%[[m2]], %[[n2]]] : memref<?x?xi32>
// CHECK-NEXT:        %[[old2:[^ :]+]] = affine.load %[[R2]][%[[m2]]] : memref<?xi32>
// CHECK-NEXT:        %[[new2:[^ :]+]] = arith.maxsi %[[old2]], %[[a2]] : i32
// CHECK-NEXT:        affine.store %[[new2]], %[[R2]][%[[m2]]] : memref<?xi32>
// CHECK:         memref.copy{{.*}}%[[ACC]], %[[R3]]{{.*}}memref<?xi32>
// CHECK-NEXT:    affine.for %[[m3:[^ :]+]] = 0 to %[[M:[^ :]+]] {
// CHECK-NEXT:      affine.for %[[n3:[^ :]+]] = 0 to %[[N:[^ :]+]] {
// CHECK-NEXT:        %[[a3:[^ :]+]] = affine.load %[[A]][%[[m3]], %[[n3]]] : memref<?x?xi32>
// CHECK-NEXT:        %[[old3:[^ :]+]] = affine.load %[[R3]][%[[m3]]] : memref<?xi32>
// CHECK-NEXT:        %[[new3:[^ :]+]] = arith.minsi %[[old3]], %[[a3]] : i32
// CHECK-NEXT:        affine.store %[[new3]], %[[R3]][%[[m3]]] : memref<?xi32>
func.func @int_accumulate(%A: tensor<?x?xi32>, %Acc: tensor<?xi32>)
    -> (tensor<?xi32>, tensor<?xi32>, tensor<?xi32>, tensor<?xi32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %M = tensor.dim %A, %c0 : tensor<?x?xi32>
  %N = tensor.dim %A, %c1 : tensor<?x?xi32>
  %R0 = ta.comprehension reduce(add) (m: 0 to %M, r_n: 0 to %N)
         ins(%A[m, r_n] : tensor<?x?xi32>) outs(%Acc[m] : tensor<?xi32>) -> tensor<?xi32> {
  ^bb0(%a: i32):
    ta.yield %a : i32
  }
  %R1 = ta.comprehension reduce(mul) (m: 0 to %M, r_n: 0 to %N)
         ins(%A[m, r_n] : tensor<?x?xi32>) outs(%Acc[m] : tensor<?xi32>) -> tensor<?xi32> {
  ^bb0(%a: i32):
    ta.yield %a : i32
  }
  %R2 = ta.comprehension reduce(max) (m: 0 to %M, r_n: 0 to %N)
         ins(%A[m, r_n] : tensor<?x?xi32>) outs(%Acc[m] : tensor<?xi32>) -> tensor<?xi32> {
  ^bb0(%a: i32):
    ta.yield %a : i32
  }
  %R3 = ta.comprehension reduce(min) (m: 0 to %M, r_n: 0 to %N)
         ins(%A[m, r_n] : tensor<?x?xi32>) outs(%Acc[m] : tensor<?xi32>) -> tensor<?xi32> {
  ^bb0(%a: i32):
    ta.yield %a : i32
  }
  func.return %R0, %R1, %R2, %R3 : tensor<?xi32>, tensor<?xi32>, tensor<?xi32>, tensor<?xi32>
}
