// affine-super-vectorize, 1-D: cases ported from MLIR's SuperVectorize/vectorize_1d.mlir
// and vectorize_reduction.mlir. irkit emits affine.vector_load/vector_store where MLIR
// emits vector.transfer_read/write, and a scalar remainder loop where MLIR masks.
// RUN: irkit-opt %s --pass-pipeline='builtin.module(affine-super-vectorize{virtual-vector-size=128 test-fastest-varying=0})' | FileCheck %s
// UNSUPPORTED: reference-mlir-opt
// RUN: irkit-opt %s --pass-pipeline='builtin.module(affine-super-vectorize{virtual-vector-size=4 vectorize-reductions=true})' | FileCheck %s --check-prefix=RED
// MLIR 22 reads the result back.
// RUN: %if mlir-opt %{ irkit-opt %s --pass-pipeline='builtin.module(affine-super-vectorize{virtual-vector-size=4 vectorize-reductions=true})' | mlir-opt | irkit-opt | FileCheck %s --check-prefix=RED %}

// vec1d_2: contiguous along the loop.
// CHECK-LABEL: func @vec1d_2
// CHECK:         affine.for %[[I:.*]] = 0 to 1024 step 128 {
// CHECK-NEXT:      %{{.*}} = affine.vector_load %{{.*}}[%{{.*}}, %[[I]]] : memref<1024x1024xf32>, vector<128xf32>
// CHECK-NEXT:    }
func.func @vec1d_2(%A: memref<1024x1024xf32>) {
  %c0 = arith.constant 0 : index
  affine.for %i3 = 0 to 1024 {
    %a3 = affine.load %A[%c0, %i3] : memref<1024x1024xf32>
  }
  return
}

// vec1d_1: an invariant load is a scalar load and a broadcast.
// CHECK-LABEL: func @vec1d_1
// CHECK:         affine.for %{{.*}} = 0 to 512 step 128 {
// CHECK-NEXT:      %[[S:.*]] = affine.load %{{.*}}[%{{.*}}, %{{.*}}] : memref<512x512xf32>
// CHECK-NEXT:      %{{.*}} = vector.broadcast %[[S]] : f32 to vector<128xf32>
func.func @vec1d_1(%A: memref<512x512xf32>) {
  %c0 = arith.constant 0 : index
  affine.for %i0 = 0 to 512 {
    %a0 = affine.load %A[%c0, %c0] : memref<512x512xf32>
  }
  return
}

// vector_add_2d: the inner loop; constants become splats at the top of its body.
// CHECK-LABEL: func @vector_add_2d
// CHECK:         affine.for %[[I:.*]] = 0 to 256 {
// CHECK-NEXT:      affine.for %[[J:.*]] = 0 to 256 step 128 {
// CHECK-DAG:         %[[SPLAT1:.*]] = arith.constant dense<1.000000e+00> : vector<128xf32>
// CHECK-DAG:         %[[SPLAT2:.*]] = arith.constant dense<2.000000e+00> : vector<128xf32>
// CHECK:             %[[A5:.*]] = affine.vector_load %{{.*}}[%[[I]], %[[J]]] : memref<256x256xf32>, vector<128xf32>
// CHECK-NEXT:        %[[B5:.*]] = affine.vector_load %{{.*}}[%[[I]], %[[J]]] : memref<256x256xf32>, vector<128xf32>
// CHECK-NEXT:        %[[S5:.*]] = arith.addf %[[A5]], %[[B5]] : vector<128xf32>
// CHECK-NEXT:        %[[S6:.*]] = arith.addf %[[S5]], %[[SPLAT1]] : vector<128xf32>
// CHECK-NEXT:        %[[S7:.*]] = arith.addf %[[S5]], %[[SPLAT2]] : vector<128xf32>
// CHECK-NEXT:        %[[S8:.*]] = arith.addf %[[S7]], %[[S6]] : vector<128xf32>
// CHECK-NEXT:        affine.vector_store %[[S8]], %{{.*}}[%[[I]], %[[J]]] : memref<256x256xf32>, vector<128xf32>
func.func @vector_add_2d(%A: memref<256x256xf32>, %B: memref<256x256xf32>, %C: memref<256x256xf32>) {
  %f1 = arith.constant 1.0 : f32
  %f2 = arith.constant 2.0 : f32
  affine.for %i4 = 0 to 256 {
    affine.for %i5 = 0 to 256 {
      %a5 = affine.load %A[%i4, %i5] : memref<256x256xf32>
      %b5 = affine.load %B[%i4, %i5] : memref<256x256xf32>
      %s5 = arith.addf %a5, %b5 : f32
      %s6 = arith.addf %s5, %f1 : f32
      %s7 = arith.addf %s5, %f2 : f32
      %s8 = arith.addf %s7, %s6 : f32
      affine.store %s8, %C[%i4, %i5] : memref<256x256xf32>
    }
  }
  return
}

// A value defined above the loop is broadcast; math ops are widened.
// CHECK-LABEL: func @broadcast_and_math
// CHECK:         affine.for %[[I:.*]] = 0 to 256 step 128 {
// CHECK-NEXT:      %[[X:.*]] = vector.broadcast %{{.*}} : f32 to vector<128xf32>
// CHECK-NEXT:      %[[A:.*]] = affine.vector_load %{{.*}}[%[[I]] + 3] : memref<260xf32>, vector<128xf32>
// CHECK-NEXT:      %[[M:.*]] = arith.mulf %[[A]], %[[X]] : vector<128xf32>
// CHECK-NEXT:      %[[E:.*]] = math.exp %[[M]] : vector<128xf32>
// CHECK-NEXT:      affine.vector_store %[[E]], %{{.*}}[%[[I]]] : memref<256xf32>, vector<128xf32>
func.func @broadcast_and_math(%A: memref<260xf32>, %B: memref<256xf32>, %x: f32) {
  affine.for %i = 0 to 256 {
    %a = affine.load %A[%i + 3] : memref<260xf32>
    %m = arith.mulf %a, %x : f32
    %e = math.exp %m : f32
    affine.store %e, %B[%i] : memref<256xf32>
  }
  return
}

// A trip count that 128 does not divide: the original loop runs the remainder.
// CHECK-LABEL: func @remainder
// CHECK:         affine.for %[[I:.*]] = 0 to 256 step 128 {
// CHECK-NEXT:      affine.vector_load
// CHECK-NEXT:      affine.vector_store
// CHECK-NEXT:    }
// CHECK-NEXT:    affine.for %{{.*}} = 256 to 300 {
// CHECK-NEXT:      affine.load
// CHECK-NEXT:      affine.store
func.func @remainder(%A: memref<300xf32>, %B: memref<300xf32>) {
  affine.for %i = 0 to 300 {
    %a = affine.load %A[%i] : memref<300xf32>
    affine.store %a, %B[%i] : memref<300xf32>
  }
  return
}

// A dynamic trip count: the vector loop ends at lb + ((ub - lb) floordiv 128) * 128.
// CHECK-LABEL: func @dynamic_remainder
// CHECK:         %[[N:.*]] = memref.dim
// CHECK-NEXT:    affine.for %{{.*}} = 0 to affine_map<()[s0] -> ((s0 floordiv 128) * 128)>()[%[[N]]] step 128 {
// CHECK:         affine.for %{{.*}} = affine_map<()[s0] -> ((s0 floordiv 128) * 128)>()[%[[N]]] to %[[N]] {
func.func @dynamic_remainder(%A: memref<?xf32>) {
  %c0 = arith.constant 0 : index
  %n = memref.dim %A, %c0 : memref<?xf32>
  affine.for %i = 0 to %n {
    %a = affine.load %A[%i] : memref<?xf32>
    %b = arith.addf %a, %a : f32
    affine.store %b, %A[%i] : memref<?xf32>
  }
  return
}

// vecdim_reduction (vectorize_reduction.mlir): a vector accumulator from the identity,
// folded by vector.reduction after the loop and combined with the init.
// RED-LABEL: func @vecdim_reduction
// RED:         %[[N:.*]] = memref.dim
// RED:         affine.for %[[I:.*]] = 0 to 256 {
// RED-NEXT:      %[[ZERO:.*]] = arith.constant dense<0.000000e+00> : vector<4xf32>
// RED-NEXT:      %[[VEC:.*]] = affine.for %[[J:.*]] = 0 to 512 step 4 iter_args(%[[ACC:.*]] = %[[ZERO]]) -> (vector<4xf32>) {
// RED-NEXT:        %[[LD:.*]] = affine.vector_load %{{.*}}[%[[I]], %[[J]]] : memref<256x512xf32>, vector<4xf32>
// RED-NEXT:        %[[ADD:.*]] = arith.addf %[[ACC]], %[[LD]] : vector<4xf32>
// RED-NEXT:        affine.yield %[[ADD]] : vector<4xf32>
// RED-NEXT:      }
// RED-NEXT:      %[[R:.*]] = vector.reduction <add>, %[[VEC]] : vector<4xf32> into f32
// RED-NEXT:      %[[FINAL:.*]] = arith.addf %[[R]], %{{.*}} : f32
// RED-NEXT:      affine.store %[[FINAL]], %{{.*}}[%[[I]]] : memref<256xf32>
// Without vectorize-reductions the loop is left as it is.
// CHECK-LABEL: func @vecdim_reduction
// CHECK:         affine.for %{{.*}} = 0 to 512 iter_args
func.func @vecdim_reduction(%in: memref<256x512xf32>, %out: memref<256xf32>) {
  %cst = arith.constant 0.000000e+00 : f32
  %c0 = arith.constant 0 : index
  %n = memref.dim %in, %c0 : memref<256x512xf32>
  affine.for %i = 0 to 256 {
    %final_red = affine.for %j = 0 to 512 iter_args(%red_iter = %cst) -> (f32) {
      %ld = affine.load %in[%i, %j] : memref<256x512xf32>
      %add = arith.addf %red_iter, %ld : f32
      affine.yield %add : f32
    }
    affine.store %final_red, %out[%i] : memref<256xf32>
  }
  return
}

// vecdim_reduction_minsi: the identity of a signed minimum is the largest integer.
// RED-LABEL: func @vecdim_reduction_minsi
// RED:         arith.constant dense<2147483647> : vector<4xi32>
// RED:         vector.reduction <minsi>, %{{.*}} : vector<4xi32> into i32
// RED-NEXT:    arith.minsi
func.func @vecdim_reduction_minsi(%in: memref<256x512xi32>, %out: memref<256xi32>) {
  %cst = arith.constant 2147483647 : i32
  affine.for %i = 0 to 256 {
    %final_red = affine.for %j = 0 to 512 iter_args(%red_iter = %cst) -> (i32) {
      %ld = affine.load %in[%i, %j] : memref<256x512xi32>
      %min = arith.minsi %red_iter, %ld : i32
      affine.yield %min : i32
    }
    affine.store %final_red, %out[%i] : memref<256xi32>
  }
  return
}
