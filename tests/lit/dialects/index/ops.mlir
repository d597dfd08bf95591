// Round trip of every index dialect op, in MLIR 22's custom syntax and in the generic form.
//
// RUN: irkit-opt %s | FileCheck %s
// RUN: irkit-opt %s | irkit-opt | FileCheck %s
// RUN: irkit-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC
// RUN: irkit-opt %s --mlir-print-op-generic | irkit-opt | FileCheck %s
// RUN: irkit-opt %s > %t.custom && irkit-opt %s --mlir-print-op-generic | irkit-opt > %t.roundtrip && diff %t.custom %t.roundtrip

// CHECK-LABEL: func.func @constants()
// CHECK-NEXT:    %{{.+}} = index.constant 42
// CHECK-NEXT:    %{{.+}} = index.constant -7
// CHECK-NEXT:    %{{.+}} = index.constant -9223372036854775808
// CHECK-NEXT:    %{{.+}} = index.bool.constant true
// CHECK-NEXT:    %{{.+}} = index.bool.constant false
// CHECK-NEXT:    %{{.+}} = index.sizeof
// GENERIC-LABEL: sym_name = "constants"
// GENERIC:       "index.constant"() <{value = 42 : index}> : () -> index
// GENERIC-NEXT:  "index.constant"() <{value = -7 : index}> : () -> index
// GENERIC-NEXT:  "index.constant"() <{value = -9223372036854775808 : index}> : () -> index
// GENERIC-NEXT:  "index.bool.constant"() <{value = true}> : () -> i1
// GENERIC-NEXT:  "index.bool.constant"() <{value = false}> : () -> i1
// GENERIC-NEXT:  "index.sizeof"() : () -> index
func.func @constants() -> (index, index, index, i1, i1, index) {
  %c42 = index.constant 42
  %cm7 = index.constant -7
  %min = index.constant -9223372036854775808
  %true = index.bool.constant true
  %false = index.bool.constant false
  %size = index.sizeof
  return %c42, %cm7, %min, %true, %false, %size : index, index, index, i1, i1, index
}

// CHECK-LABEL: func.func @binary(
// CHECK-SAME:    %[[A:[^:]+]]: index, %[[B:[^:]+]]: index)
// CHECK-NEXT:    index.add %[[A]], %[[B]]
// CHECK-NEXT:    index.sub %[[A]], %[[B]]
// CHECK-NEXT:    index.mul %[[A]], %[[B]]
// CHECK-NEXT:    index.divs %[[A]], %[[B]]
// CHECK-NEXT:    index.divu %[[A]], %[[B]]
// CHECK-NEXT:    index.ceildivs %[[A]], %[[B]]
// CHECK-NEXT:    index.ceildivu %[[A]], %[[B]]
// CHECK-NEXT:    index.floordivs %[[A]], %[[B]]
// CHECK-NEXT:    index.rems %[[A]], %[[B]]
// CHECK-NEXT:    index.remu %[[A]], %[[B]]
// CHECK-NEXT:    index.maxs %[[A]], %[[B]]
// CHECK-NEXT:    index.maxu %[[A]], %[[B]]
// CHECK-NEXT:    index.mins %[[A]], %[[B]]
// CHECK-NEXT:    index.minu %[[A]], %[[B]]
// CHECK-NEXT:    index.shl %[[A]], %[[B]]
// CHECK-NEXT:    index.shrs %[[A]], %[[B]]
// CHECK-NEXT:    index.shru %[[A]], %[[B]]
// CHECK-NEXT:    index.and %[[A]], %[[B]]
// CHECK-NEXT:    index.or %[[A]], %[[B]]
// CHECK-NEXT:    %[[LAST:[^ ]+]] = index.xor %[[A]], %[[B]]
// CHECK-NEXT:    return %[[LAST]] : index
// GENERIC-LABEL: sym_name = "binary"
// GENERIC:       ^bb0(%[[GA:[^:]+]]: index, %[[GB:[^:]+]]: index):
// GENERIC-NEXT:  "index.add"(%[[GA]], %[[GB]]) : (index, index) -> index
// GENERIC-NEXT:  "index.sub"(%[[GA]], %[[GB]]) : (index, index) -> index
// GENERIC-NEXT:  "index.mul"(%[[GA]], %[[GB]]) : (index, index) -> index
// GENERIC-NEXT:  "index.divs"(%[[GA]], %[[GB]]) : (index, index) -> index
// GENERIC-NEXT:  "index.divu"(%[[GA]], %[[GB]]) : (index, index) -> index
// GENERIC-NEXT:  "index.ceildivs"(%[[GA]], %[[GB]]) : (index, index) -> index
// GENERIC-NEXT:  "index.ceildivu"(%[[GA]], %[[GB]]) : (index, index) -> index
// GENERIC-NEXT:  "index.floordivs"(%[[GA]], %[[GB]]) : (index, index) -> index
// GENERIC-NEXT:  "index.rems"(%[[GA]], %[[GB]]) : (index, index) -> index
// GENERIC-NEXT:  "index.remu"(%[[GA]], %[[GB]]) : (index, index) -> index
// GENERIC-NEXT:  "index.maxs"(%[[GA]], %[[GB]]) : (index, index) -> index
// GENERIC-NEXT:  "index.maxu"(%[[GA]], %[[GB]]) : (index, index) -> index
// GENERIC-NEXT:  "index.mins"(%[[GA]], %[[GB]]) : (index, index) -> index
// GENERIC-NEXT:  "index.minu"(%[[GA]], %[[GB]]) : (index, index) -> index
// GENERIC-NEXT:  "index.shl"(%[[GA]], %[[GB]]) : (index, index) -> index
// GENERIC-NEXT:  "index.shrs"(%[[GA]], %[[GB]]) : (index, index) -> index
// GENERIC-NEXT:  "index.shru"(%[[GA]], %[[GB]]) : (index, index) -> index
// GENERIC-NEXT:  "index.and"(%[[GA]], %[[GB]]) : (index, index) -> index
// GENERIC-NEXT:  "index.or"(%[[GA]], %[[GB]]) : (index, index) -> index
// GENERIC-NEXT:  "index.xor"(%[[GA]], %[[GB]]) : (index, index) -> index
func.func @binary(%a: index, %b: index) -> index {
  %0 = index.add %a, %b
  %1 = index.sub %a, %b
  %2 = index.mul %a, %b
  %3 = index.divs %a, %b
  %4 = index.divu %a, %b
  %5 = index.ceildivs %a, %b
  %6 = index.ceildivu %a, %b
  %7 = index.floordivs %a, %b
  %8 = index.rems %a, %b
  %9 = index.remu %a, %b
  %10 = index.maxs %a, %b
  %11 = index.maxu %a, %b
  %12 = index.mins %a, %b
  %13 = index.minu %a, %b
  %14 = index.shl %a, %b
  %15 = index.shrs %a, %b
  %16 = index.shru %a, %b
  %17 = index.and %a, %b
  %18 = index.or %a, %b
  %19 = index.xor %a, %b
  return %19 : index
}

// Every predicate, spelled as MLIR spells it.
// CHECK-LABEL: func.func @compare(
// CHECK-SAME:    %[[A:[^:]+]]: index, %[[B:[^:]+]]: index)
// CHECK-NEXT:    index.cmp eq(%[[A]], %[[B]])
// CHECK-NEXT:    index.cmp ne(%[[A]], %[[B]])
// CHECK-NEXT:    index.cmp slt(%[[A]], %[[B]])
// CHECK-NEXT:    index.cmp sle(%[[A]], %[[B]])
// CHECK-NEXT:    index.cmp sgt(%[[A]], %[[B]])
// CHECK-NEXT:    index.cmp sge(%[[A]], %[[B]])
// CHECK-NEXT:    index.cmp ult(%[[A]], %[[B]])
// CHECK-NEXT:    index.cmp ule(%[[A]], %[[B]])
// CHECK-NEXT:    index.cmp ugt(%[[A]], %[[B]])
// CHECK-NEXT:    index.cmp uge(%[[A]], %[[B]])
// GENERIC-LABEL: sym_name = "compare"
// GENERIC:       "index.cmp"(%{{.+}}, %{{.+}}) <{pred = #index<cmp_predicate eq>}> : (index, index) -> i1
// GENERIC-NEXT:  "index.cmp"(%{{.+}}, %{{.+}}) <{pred = #index<cmp_predicate ne>}> : (index, index) -> i1
// GENERIC-NEXT:  "index.cmp"(%{{.+}}, %{{.+}}) <{pred = #index<cmp_predicate slt>}> : (index, index) -> i1
// GENERIC-NEXT:  "index.cmp"(%{{.+}}, %{{.+}}) <{pred = #index<cmp_predicate sle>}> : (index, index) -> i1
// GENERIC-NEXT:  "index.cmp"(%{{.+}}, %{{.+}}) <{pred = #index<cmp_predicate sgt>}> : (index, index) -> i1
// GENERIC-NEXT:  "index.cmp"(%{{.+}}, %{{.+}}) <{pred = #index<cmp_predicate sge>}> : (index, index) -> i1
// GENERIC-NEXT:  "index.cmp"(%{{.+}}, %{{.+}}) <{pred = #index<cmp_predicate ult>}> : (index, index) -> i1
// GENERIC-NEXT:  "index.cmp"(%{{.+}}, %{{.+}}) <{pred = #index<cmp_predicate ule>}> : (index, index) -> i1
// GENERIC-NEXT:  "index.cmp"(%{{.+}}, %{{.+}}) <{pred = #index<cmp_predicate ugt>}> : (index, index) -> i1
// GENERIC-NEXT:  "index.cmp"(%{{.+}}, %{{.+}}) <{pred = #index<cmp_predicate uge>}> : (index, index) -> i1
func.func @compare(%a: index, %b: index) -> (i1, i1, i1, i1, i1, i1, i1, i1, i1, i1) {
  %eq = index.cmp eq(%a, %b)
  %ne = index.cmp ne(%a, %b)
  %slt = index.cmp slt(%a, %b)
  %sle = index.cmp sle(%a, %b)
  %sgt = index.cmp sgt(%a, %b)
  %sge = index.cmp sge(%a, %b)
  %ult = index.cmp ult(%a, %b)
  %ule = index.cmp ule(%a, %b)
  %ugt = index.cmp ugt(%a, %b)
  %uge = index.cmp uge(%a, %b)
  return %eq, %ne, %slt, %sle, %sgt, %sge, %ult, %ule, %ugt, %uge
      : i1, i1, i1, i1, i1, i1, i1, i1, i1, i1
}

// Casts go both ways, between index and integers narrower, as wide and wider.
// CHECK-LABEL: func.func @casts(
// CHECK-SAME:    %[[X:[^:]+]]: i32, %[[I:[^:]+]]: index, %[[W:[^:]+]]: i128)
// CHECK-NEXT:    index.casts %[[X]] : i32 to index
// CHECK-NEXT:    index.castu %[[X]] : i32 to index
// CHECK-NEXT:    index.casts %[[I]] : index to i64
// CHECK-NEXT:    index.castu %[[I]] : index to i8
// CHECK-NEXT:    index.casts %[[W]] : i128 to index
// CHECK-NEXT:    index.castu %[[I]] : index to i128
// GENERIC-LABEL: sym_name = "casts"
// GENERIC:       "index.casts"(%{{.+}}) : (i32) -> index
// GENERIC-NEXT:  "index.castu"(%{{.+}}) : (i32) -> index
// GENERIC-NEXT:  "index.casts"(%{{.+}}) : (index) -> i64
// GENERIC-NEXT:  "index.castu"(%{{.+}}) : (index) -> i8
// GENERIC-NEXT:  "index.casts"(%{{.+}}) : (i128) -> index
// GENERIC-NEXT:  "index.castu"(%{{.+}}) : (index) -> i128
func.func @casts(%x: i32, %i: index, %w: i128) -> (index, index, i64, i8, index, i128) {
  %0 = index.casts %x : i32 to index
  %1 = index.castu %x : i32 to index
  %2 = index.casts %i : index to i64
  %3 = index.castu %i : index to i8
  %4 = index.casts %w : i128 to index
  %5 = index.castu %i : index to i128
  return %0, %1, %2, %3, %4, %5 : index, index, i64, i8, index, i128
}
