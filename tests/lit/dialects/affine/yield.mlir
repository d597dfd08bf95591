// affine.yield: the terminator of affine.for / affine.if / affine.parallel
// bodies. An operand-less yield is implicit in the custom form (elided when
// printing, inserted when parsing a body without one); a yield with operands
// is always printed. The generic form always shows it.
//
// RUN: irkit-opt %s | FileCheck %s
// RUN: irkit-opt %s | irkit-opt | FileCheck %s
// RUN: irkit-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC
// RUN: irkit-opt %s > %t.custom && irkit-opt %s --mlir-print-op-generic | irkit-opt > %t.roundtrip && diff %t.custom %t.roundtrip
// RUN: irkit-opt %t.custom > %t.again && diff %t.custom %t.again

// CHECK-LABEL: func.func @implicit_and_explicit_empty_yields(
// CHECK-SAME:    %[[N:[^:]+]]: index)
// CHECK-NEXT:    affine.for %{{[^ ]+}} = 0 to 4 {
// CHECK-NEXT:    }
// CHECK-NEXT:    affine.for %{{[^ ]+}} = 0 to 4 {
// CHECK-NEXT:    }
// CHECK-NEXT:    affine.if {{#set[0-9]*|affine_set<.+>}}()[%[[N]]] {
// CHECK-NEXT:    } else {
// CHECK-NEXT:    }
// CHECK-NEXT:    affine.parallel (%{{[^ )]+}}) = (0) to (4) {
// CHECK-NEXT:    }
// CHECK-NEXT:    return
// GENERIC-LABEL: sym_name = "implicit_and_explicit_empty_yields"
// GENERIC:       "affine.for"()
// GENERIC-NEXT:    ^bb0(%{{[^:]+}}: index):
// GENERIC-NEXT:      "affine.yield"() : () -> ()
// GENERIC-NEXT:  }) : () -> ()
// GENERIC-NEXT:  "affine.for"()
// GENERIC-NEXT:    ^bb0(%{{[^:]+}}: index):
// GENERIC-NEXT:      "affine.yield"() : () -> ()
// GENERIC-NEXT:  }) : () -> ()
// GENERIC-NEXT:  "affine.if"
// GENERIC-NEXT:    "affine.yield"() : () -> ()
// GENERIC-NEXT:  }, {
// GENERIC-NEXT:    "affine.yield"() : () -> ()
// GENERIC-NEXT:  }) : (index) -> ()
// GENERIC-NEXT:  "affine.parallel"()
// GENERIC-NEXT:    ^bb0(%{{[^:]+}}: index):
// GENERIC-NEXT:      "affine.yield"() : () -> ()
// GENERIC-NEXT:  }) : () -> ()
func.func @implicit_and_explicit_empty_yields(%n: index) {
  affine.for %i = 0 to 4 {
  }
  affine.for %i = 0 to 4 {
    affine.yield
  }
  affine.if affine_set<()[s0] : (s0 >= 0)>()[%n] {
    affine.yield
  } else {
  }
  affine.parallel (%i) = (0) to (4) {
    affine.yield
  }
  return
}

// Yields with values: loop-carried values, forwarding an iter_arg or a value
// from above unchanged, and results of an affine.if nested in a loop.
// CHECK-LABEL: func.func @yield_values(
// CHECK-SAME:    %[[X:[^:]+]]: f32, %[[Y:[^:]+]]: f32) -> (f32, f32)
// CHECK-NEXT:    %[[R:[^ :]+]]:2 = affine.for %[[I:[^ ]+]] = 0 to 8 iter_args(%[[A:[^ ]+]] = %[[X]], %[[B:[^ ]+]] = %[[Y]]) -> (f32, f32) {
// CHECK-NEXT:      %[[S:[^ ]+]] = affine.if {{#set[0-9]*|affine_set<.+>}}(%[[I]]) -> f32 {
// CHECK-NEXT:        affine.yield %[[A]] : f32
// CHECK-NEXT:      } else {
// CHECK-NEXT:        affine.yield %[[Y]] : f32
// CHECK-NEXT:      }
// CHECK-NEXT:      affine.yield %[[S]], %[[B]] : f32, f32
// CHECK-NEXT:    }
// CHECK-NEXT:    return %[[R]]#0, %[[R]]#1 : f32, f32
// GENERIC-LABEL: sym_name = "yield_values"
// GENERIC:       ^bb0(%{{[^:]+}}: index, %[[GA:[^:]+]]: f32, %[[GB:[^:]+]]: f32):
// GENERIC-NEXT:    %[[GS:[^ ]+]] = "affine.if"
// GENERIC-NEXT:      "affine.yield"(%[[GA]]) : (f32) -> ()
// GENERIC-NEXT:    }, {
// GENERIC-NEXT:      "affine.yield"(%{{[^)]+}}) : (f32) -> ()
// GENERIC-NEXT:    }) : (index) -> f32
// GENERIC-NEXT:    "affine.yield"(%[[GS]], %[[GB]]) : (f32, f32) -> ()
// GENERIC-NEXT:  }) : (f32, f32) -> (f32, f32)
func.func @yield_values(%x: f32, %y: f32) -> (f32, f32) {
  %r:2 = affine.for %i = 0 to 8 iter_args(%a = %x, %b = %y) -> (f32, f32) {
    %s = affine.if affine_set<(d0) : (d0 - 4 >= 0)>(%i) -> f32 {
      affine.yield %a : f32
    } else {
      affine.yield %y : f32
    }
    affine.yield %s, %b : f32, f32
  }
  return %r#0, %r#1 : f32, f32
}
