// Round trip of affine.prefetch: read/write, locality hints 0-3, data/instr
// caches, symbolic and 0-d subscripts.
//
// RUN: irkit-opt %s | FileCheck %s
// RUN: irkit-opt %s | irkit-opt | FileCheck %s
// RUN: irkit-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC
// RUN: irkit-opt %s > %t.custom && irkit-opt %s --mlir-print-op-generic | irkit-opt > %t.roundtrip && diff %t.custom %t.roundtrip
// RUN: irkit-opt %t.custom > %t.again && diff %t.custom %t.again
//
// The custom form spells the properties as keywords: `read`/`write` is
// isWrite, `locality<N>` is localityHint (an i32), `data`/`instr` is
// isDataCache. The generic form lists them in alphabetical order.

// CHECK-LABEL: func.func @prefetch(
// CHECK-SAME:    %[[M:[^:]+]]: memref<400x400xi32>, %[[N:[^:]+]]: index)
// CHECK:         affine.for %[[I:[^ ]+]] = 0 to 400 {
// CHECK-NEXT:      affine.prefetch %[[M]][%[[I]], %[[I]] + 5], read, locality<3>, data : memref<400x400xi32>
// CHECK-NEXT:      affine.prefetch %[[M]][%[[I]], symbol(%[[N]])], write, locality<0>, instr : memref<400x400xi32>
// CHECK-NEXT:      affine.prefetch %[[M]][%[[I]] floordiv 2, 0], write, locality<1>, data : memref<400x400xi32>
// CHECK-NEXT:      affine.prefetch %[[M]][0, %[[I]]], read, locality<2>, instr : memref<400x400xi32>
// CHECK-NEXT:    }
// GENERIC-LABEL: sym_name = "prefetch"
// GENERIC:       ^bb0(%[[GM:[^:]+]]: memref<400x400xi32>, %[[GN:[^:]+]]: index):
// GENERIC:       ^bb0(%[[GI:[^:]+]]: index):
// GENERIC-NEXT:    "affine.prefetch"(%[[GM]], %[[GI]]) <{isDataCache = true, isWrite = false, localityHint = 3 : i32, map = {{#map[0-9]*|affine_map<\(d0\) -> \(d0, d0 \+ 5\)>}}}> : (memref<400x400xi32>, index) -> ()
// GENERIC-NEXT:    "affine.prefetch"(%[[GM]], %[[GI]], %[[GN]]) <{isDataCache = false, isWrite = true, localityHint = 0 : i32, map = {{#map[0-9]*|affine_map<\(d0\)\[s0\] -> \(d0, s0\)>}}}> : (memref<400x400xi32>, index, index) -> ()
// GENERIC-NEXT:    "affine.prefetch"(%[[GM]], %[[GI]]) <{isDataCache = true, isWrite = true, localityHint = 1 : i32, map = {{#map[0-9]*|affine_map<\(d0\) -> \(d0 floordiv 2, 0\)>}}}> : (memref<400x400xi32>, index) -> ()
// GENERIC-NEXT:    "affine.prefetch"(%[[GM]], %[[GI]]) <{isDataCache = false, isWrite = false, localityHint = 2 : i32, map = {{#map[0-9]*|affine_map<\(d0\) -> \(0, d0\)>}}}> : (memref<400x400xi32>, index) -> ()
func.func @prefetch(%m: memref<400x400xi32>, %n: index) {
  affine.for %i = 0 to 400 {
    affine.prefetch %m[%i, %i + 5], read, locality<3>, data : memref<400x400xi32>
    affine.prefetch %m[%i, symbol(%n)], write, locality<0>, instr : memref<400x400xi32>
    affine.prefetch %m[%i floordiv 2, 0], write, locality<1>, data : memref<400x400xi32>
    affine.prefetch %m[0, %i], read, locality<2>, instr : memref<400x400xi32>
  }
  return
}

// CHECK-LABEL: func.func @prefetch_0d(
// CHECK-SAME:    %[[Z:[^:]+]]: memref<f64>)
// CHECK-NEXT:    affine.prefetch %[[Z]][], read, locality<1>, data : memref<f64>
// GENERIC-LABEL: sym_name = "prefetch_0d"
// GENERIC:       "affine.prefetch"(%{{[^)]+}}) <{isDataCache = true, isWrite = false, localityHint = 1 : i32, map = {{#map[0-9]*|affine_map<\(\) -> \(\)>}}}> : (memref<f64>) -> ()
func.func @prefetch_0d(%z: memref<f64>) {
  affine.prefetch %z[], read, locality<1>, data : memref<f64>
  return
}
