// Round trip of affine.vector_load and affine.vector_store: 1-D and n-D
// vectors, dimension and symbol subscripts, 0-d memrefs.
//
// RUN: irkit-opt %s | FileCheck %s
// RUN: irkit-opt %s | irkit-opt | FileCheck %s
// RUN: irkit-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC
// RUN: irkit-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENMAP
// RUN: irkit-opt %s > %t.custom && irkit-opt %s --mlir-print-op-generic | irkit-opt > %t.roundtrip && diff %t.custom %t.roundtrip
// RUN: irkit-opt %t.custom > %t.again && diff %t.custom %t.again
//
// The custom form names both the memref type and the vector type after the
// colon: `: memref<...>, vector<...>`.

// GENMAP-DAG: affine_map<(d0)[s0] -> (d0, s0 + 3)>
// GENMAP-DAG: affine_map<(d0) -> (d0 + 1, d0)>
// GENMAP-DAG: affine_map<(d0, d1) -> (d0, d1)>
// GENMAP-DAG: affine_map<() -> ()>

// CHECK-LABEL: func.func @vector_access(
// CHECK-SAME:    %[[M:[^:]+]]: memref<100x100xf32>, %[[N:[^:]+]]: index)
// CHECK:         affine.for %[[I:[^ ]+]] = 0 to 100 step 8 {
// CHECK-NEXT:      %[[V:[^ ]+]] = affine.vector_load %[[M]][%[[I]], symbol(%[[N]]) + 3] : memref<100x100xf32>, vector<8xf32>
// CHECK-NEXT:      affine.vector_store %[[V]], %[[M]][%[[I]] + 1, %[[I]]] : memref<100x100xf32>, vector<8xf32>
// CHECK-NEXT:      affine.for %[[J:[^ ]+]] = 0 to 100 step 4 {
// CHECK-NEXT:        %[[W:[^ ]+]] = affine.vector_load %[[M]][%[[I]], %[[J]]] : memref<100x100xf32>, vector<2x4xf32>
// CHECK-NEXT:        affine.vector_store %[[W]], %[[M]][%[[J]], %[[I]]] : memref<100x100xf32>, vector<2x4xf32>
// CHECK-NEXT:      }
// CHECK-NEXT:    }
// GENERIC-LABEL: sym_name = "vector_access"
// GENERIC:       ^bb0(%[[GM:[^:]+]]: memref<100x100xf32>, %[[GN:[^:]+]]: index):
// GENERIC:       ^bb0(%[[GI:[^:]+]]: index):
// GENERIC-NEXT:    %[[GV:[^ ]+]] = "affine.vector_load"(%[[GM]], %[[GI]], %[[GN]]) <{map = {{#map[0-9]*|affine_map<\(d0\)\[s0\] -> \(d0, s0 \+ 3\)>}}}> : (memref<100x100xf32>, index, index) -> vector<8xf32>
// GENERIC-NEXT:    "affine.vector_store"(%[[GV]], %[[GM]], %[[GI]]) <{map = {{#map[0-9]*|affine_map<\(d0\) -> \(d0 \+ 1, d0\)>}}}> : (vector<8xf32>, memref<100x100xf32>, index) -> ()
// GENERIC:         ^bb0(%[[GJ:[^:]+]]: index):
// GENERIC-NEXT:      %[[GW:[^ ]+]] = "affine.vector_load"(%[[GM]], %[[GI]], %[[GJ]]) <{map = {{#map[0-9]*|affine_map<\(d0, d1\) -> \(d0, d1\)>}}}> : (memref<100x100xf32>, index, index) -> vector<2x4xf32>
// GENERIC-NEXT:      "affine.vector_store"(%[[GW]], %[[GM]], %[[GJ]], %[[GI]]) <{map = {{#map[0-9]*|affine_map<\(d0, d1\) -> \(d0, d1\)>}}}> : (vector<2x4xf32>, memref<100x100xf32>, index, index) -> ()
func.func @vector_access(%m: memref<100x100xf32>, %n: index) {
  affine.for %i = 0 to 100 step 8 {
    %v = affine.vector_load %m[%i, symbol(%n) + 3] : memref<100x100xf32>, vector<8xf32>
    affine.vector_store %v, %m[%i + 1, %i] : memref<100x100xf32>, vector<8xf32>
    affine.for %j = 0 to 100 step 4 {
      %w = affine.vector_load %m[%i, %j] : memref<100x100xf32>, vector<2x4xf32>
      affine.vector_store %w, %m[%j, %i] : memref<100x100xf32>, vector<2x4xf32>
    }
  }
  return
}

// CHECK-LABEL: func.func @zero_d_and_int(
// CHECK-SAME:    %[[Z:[^:]+]]: memref<f32>, %[[Q:[^:]+]]: memref<16xi8>)
// CHECK-NEXT:    %[[V:[^ ]+]] = affine.vector_load %[[Z]][] : memref<f32>, vector<4xf32>
// CHECK-NEXT:    affine.vector_store %[[V]], %[[Z]][] : memref<f32>, vector<4xf32>
// CHECK-NEXT:    %[[B:[^ ]+]] = affine.vector_load %[[Q]][0] : memref<16xi8>, vector<16xi8>
// CHECK-NEXT:    return %[[B]] : vector<16xi8>
// GENERIC-LABEL: sym_name = "zero_d_and_int"
// GENERIC:       ^bb0(%[[GZ:[^:]+]]: memref<f32>, %[[GQ:[^:]+]]: memref<16xi8>):
// GENERIC-NEXT:  %[[GV:[^ ]+]] = "affine.vector_load"(%[[GZ]]) <{map = {{#map[0-9]*|affine_map<\(\) -> \(\)>}}}> : (memref<f32>) -> vector<4xf32>
// GENERIC-NEXT:  "affine.vector_store"(%[[GV]], %[[GZ]]) <{map = {{#map[0-9]*|affine_map<\(\) -> \(\)>}}}> : (vector<4xf32>, memref<f32>) -> ()
// GENERIC-NEXT:  "affine.vector_load"(%[[GQ]]) <{map = {{#map[0-9]*|affine_map<\(\) -> \(0\)>}}}> : (memref<16xi8>) -> vector<16xi8>
func.func @zero_d_and_int(%z: memref<f32>, %q: memref<16xi8>) -> vector<16xi8> {
  %v = affine.vector_load %z[] : memref<f32>, vector<4xf32>
  affine.vector_store %v, %z[] : memref<f32>, vector<4xf32>
  %b = affine.vector_load %q[0] : memref<16xi8>, vector<16xi8>
  return %b : vector<16xi8>
}
