// Producer-consumer and sibling fusion, ported from MLIR's
// test/Dialect/Affine/loop-fusion.mlir.
//
// RUN: irkit-opt %s --split-input-file --affine-loop-fusion | FileCheck %s
// RUN: irkit-opt %s --split-input-file '--affine-loop-fusion=mode=sibling' | FileCheck %s --check-prefix=SIBLING
// UNSUPPORTED: reference-mlir-opt

// CHECK-LABEL: func.func @should_fuse_raw_dep_for_locality() {
// CHECK:      memref.alloc() : memref<1xf32>
// CHECK-NEXT: affine.for %{{.*}} = 0 to 10 {
// CHECK-NEXT:   affine.store %{{.*}}, %{{.*}}[0] : memref<1xf32>
// CHECK-NEXT:   affine.load %{{.*}}[0] : memref<1xf32>
// CHECK-NEXT: }
// CHECK-NEXT: func.return
// SIBLING-LABEL: func.func @should_fuse_raw_dep_for_locality() {
// SIBLING-COUNT-2: affine.for
func.func @should_fuse_raw_dep_for_locality() {
  %m = memref.alloc() : memref<10xf32>
  %cf7 = arith.constant 7.0 : f32
  affine.for %i0 = 0 to 10 {
    affine.store %cf7, %m[%i0] : memref<10xf32>
  }
  affine.for %i1 = 0 to 10 {
    %v0 = affine.load %m[%i1] : memref<10xf32>
  }
  return
}

// -----

// Should fuse the entire inner loop on %i1 of the source nest, as %i1 is not used in the
// accesses to %b.
// CHECK-LABEL: func.func @should_fuse_reduction_to_pointwise() {
// CHECK:       affine.for %[[I:.*]] = 0 to 10 {
// CHECK-NEXT:    affine.for %[[J:.*]] = 0 to 10 {
// CHECK-NEXT:      affine.load %{{.*}}[0] : memref<1xf32>
// CHECK-NEXT:      affine.load %{{.*}}[%[[I]], %[[J]]] : memref<10x10xf32>
// CHECK-NEXT:      arith.addf %{{.*}}, %{{.*}} : f32
// CHECK-NEXT:      affine.store %{{.*}}, %{{.*}}[0] : memref<1xf32>
// CHECK-NEXT:    }
// CHECK-NEXT:    affine.load %{{.*}}[0] : memref<1xf32>
// CHECK-NEXT:    affine.store %{{.*}}, %{{.*}}[%[[I]]] : memref<10xf32>
// CHECK-NEXT:  }
// CHECK-NEXT:  func.return
func.func @should_fuse_reduction_to_pointwise() {
  %a = memref.alloc() : memref<10x10xf32>
  %b = memref.alloc() : memref<10xf32>
  %c = memref.alloc() : memref<10xf32>
  %cf7 = arith.constant 7.0 : f32
  affine.for %i0 = 0 to 10 {
    affine.for %i1 = 0 to 10 {
      %v0 = affine.load %b[%i0] : memref<10xf32>
      %v1 = affine.load %a[%i0, %i1] : memref<10x10xf32>
      %v3 = arith.addf %v0, %v1 : f32
      affine.store %v3, %b[%i0] : memref<10xf32>
    }
  }
  affine.for %i2 = 0 to 10 {
    %v4 = affine.load %b[%i2] : memref<10xf32>
    affine.store %v4, %c[%i2] : memref<10xf32>
  }
  return
}

// -----

// The private memref of a shifted producer holds one element.
// CHECK-LABEL: func.func @should_fuse_loop_nests_with_shifts() {
// CHECK:      memref.alloc() : memref<1x1xf32>
// CHECK-NEXT: affine.for %{{.*}} = 1 to 10 {
// CHECK-NEXT:   affine.for %{{.*}} = 1 to 10 {
// CHECK-NEXT:     affine.store %{{.*}}, %{{.*}}[0, 0] : memref<1x1xf32>
// CHECK-NEXT:     affine.load %{{.*}}[0, 0] : memref<1x1xf32>
// CHECK-NEXT:   }
// CHECK-NEXT: }
// CHECK-NEXT: func.return
func.func @should_fuse_loop_nests_with_shifts() {
  %a = memref.alloc() : memref<10x10xf32>
  %cf7 = arith.constant 7.0 : f32
  affine.for %i0 = 0 to 9 {
    affine.for %i1 = 0 to 9 {
      affine.store %cf7, %a[%i0 + 1, %i1 + 1] : memref<10x10xf32>
    }
  }
  affine.for %i2 = 1 to 10 {
    affine.for %i3 = 1 to 10 {
      %v0 = affine.load %a[%i2, %i3] : memref<10x10xf32>
    }
  }
  return
}

// -----

// A transposed read: the producer's slice is the single iteration (%j, %i).
// CHECK-LABEL: func.func @should_fuse_loop_nest() {
// CHECK-DAG:  [[NEWA:%[0-9a-zA-Z_]+]] = memref.alloc() : memref<1x1xf32>
// CHECK-DAG:  [[NEWB:%[0-9a-zA-Z_]+]] = memref.alloc() : memref<1x1xf32>
// CHECK:      affine.for %{{.*}} = 0 to 10 {
// CHECK-NEXT:   affine.for %{{.*}} = 0 to 10 {
// CHECK-NEXT:     affine.store %{{.*}}, [[NEWA]][0, 0] : memref<1x1xf32>
// CHECK-NEXT:     affine.load [[NEWA]][0, 0] : memref<1x1xf32>
// CHECK-NEXT:     affine.store %{{.*}}, [[NEWB]][0, 0] : memref<1x1xf32>
// CHECK-NEXT:     affine.load [[NEWB]][0, 0] : memref<1x1xf32>
// CHECK-NEXT:   }
// CHECK-NEXT: }
// CHECK-NEXT: func.return
func.func @should_fuse_loop_nest() {
  %a = memref.alloc() : memref<10x10xf32>
  %b = memref.alloc() : memref<10x10xf32>
  %cf7 = arith.constant 7.0 : f32
  affine.for %i0 = 0 to 10 {
    affine.for %i1 = 0 to 10 {
      affine.store %cf7, %a[%i0, %i1] : memref<10x10xf32>
    }
  }
  affine.for %i2 = 0 to 10 {
    affine.for %i3 = 0 to 10 {
      %v0 = affine.load %a[%i3, %i2] : memref<10x10xf32>
      affine.store %v0, %b[%i2, %i3] : memref<10x10xf32>
    }
  }
  affine.for %i4 = 0 to 10 {
    affine.for %i5 = 0 to 10 {
      %v1 = affine.load %b[%i4, %i5] : memref<10x10xf32>
    }
  }
  return
}

// -----

// The first loop is fused past the second, which it does not depend on.
// CHECK-LABEL: func.func @should_fuse_across_intermediate_loop_with_no_deps() {
// CHECK:      affine.for %{{.*}} = 0 to 10 {
// CHECK-NEXT:   affine.store %{{.*}}, %{{.*}}[%{{.*}}] : memref<10xf32>
// CHECK-NEXT: }
// CHECK:      affine.for %{{.*}} = 0 to 10 {
// CHECK-NEXT:   affine.load %{{.*}}[%{{.*}}] : memref<10xf32>
// CHECK-NEXT:   affine.store %{{.*}}, %{{.*}}[0] : memref<1xf32>
// CHECK-NEXT:   affine.load %{{.*}}[0] : memref<1xf32>
// CHECK-NEXT: }
// CHECK-NEXT: func.return
func.func @should_fuse_across_intermediate_loop_with_no_deps() {
  %a = memref.alloc() : memref<10xf32>
  %b = memref.alloc() : memref<10xf32>
  %c = memref.alloc() : memref<10xf32>
  %cf7 = arith.constant 7.0 : f32
  affine.for %i0 = 0 to 10 {
    %v0 = affine.load %a[%i0] : memref<10xf32>
    affine.store %v0, %b[%i0] : memref<10xf32>
  }
  affine.for %i1 = 0 to 10 {
    affine.store %cf7, %c[%i1] : memref<10xf32>
  }
  affine.for %i2 = 0 to 10 {
    %v1 = affine.load %b[%i2] : memref<10xf32>
  }
  return
}

// -----

// The fused nest moves to the producer's place to keep the WAR dependence on %a.
// CHECK-LABEL: func.func @should_fuse_and_move_to_preserve_war_dep() {
// CHECK:       affine.for %{{.*}} = 0 to 10 {
// CHECK-NEXT:    affine.load %{{.*}}[%{{.*}}] : memref<10xf32>
// CHECK-NEXT:    affine.store %{{.*}}, %{{.*}}[0] : memref<1xf32>
// CHECK-NEXT:    affine.load %{{.*}}[0] : memref<1xf32>
// CHECK-NEXT:  }
// CHECK-NEXT:  affine.for %{{.*}} = 0 to 10 {
// CHECK-NEXT:    affine.store %{{.*}}, %{{.*}}[%{{.*}}] : memref<10xf32>
// CHECK-NEXT:  }
// CHECK-NEXT:  func.return
func.func @should_fuse_and_move_to_preserve_war_dep() {
  %a = memref.alloc() : memref<10xf32>
  %b = memref.alloc() : memref<10xf32>
  %cf7 = arith.constant 7.0 : f32
  affine.for %i0 = 0 to 10 {
    %v0 = affine.load %a[%i0] : memref<10xf32>
    affine.store %v0, %b[%i0] : memref<10xf32>
  }
  affine.for %i1 = 0 to 10 {
    affine.store %cf7, %a[%i1] : memref<10xf32>
  }
  affine.for %i2 = 0 to 10 {
    %v1 = affine.load %b[%i2] : memref<10xf32>
  }
  return
}

// -----

// Sibling fusion: two nests that only share the read-only %A.
// CHECK-LABEL: func.func @sibling(
// SIBLING-LABEL: func.func @sibling(
// SIBLING-NEXT:    affine.for %[[J:.*]] = 0 to 10 {
// SIBLING-NEXT:      affine.load %{{.*}}[%[[J]]] : memref<10xf32>
// SIBLING-NEXT:      affine.store %{{.*}}, %{{.*}}[%[[J]]] : memref<10xf32>
// SIBLING-NEXT:      affine.load %{{.*}}[%[[J]]] : memref<10xf32>
// SIBLING-NEXT:      arith.addf
// SIBLING-NEXT:      affine.store %{{.*}}, %{{.*}}[%[[J]]] : memref<10xf32>
// SIBLING-NEXT:    }
// SIBLING-NEXT:    func.return
func.func @sibling(%A: memref<10xf32>, %B: memref<10xf32>, %C: memref<10xf32>) {
  affine.for %i = 0 to 10 {
    %a = affine.load %A[%i] : memref<10xf32>
    affine.store %a, %B[%i] : memref<10xf32>
  }
  affine.for %j = 0 to 10 {
    %a = affine.load %A[%j] : memref<10xf32>
    %s = arith.addf %a, %a : f32
    affine.store %s, %C[%j] : memref<10xf32>
  }
  return
}
