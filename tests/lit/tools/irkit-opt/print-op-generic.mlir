// --mlir-print-op-generic prints every op in the generic form; that form reads
// back to the same IR.
//
// RUN: irkit-opt %s --mlir-print-op-generic | FileCheck %s
// RUN: irkit-opt %s -mlir-print-op-generic --cse | FileCheck %s --check-prefix=CSE
// RUN: irkit-opt %s --mlir-print-op-generic | irkit-opt | FileCheck %s --check-prefix=CUSTOM
// RUN: irkit-opt %s | FileCheck %s --check-prefix=CUSTOM
// RUN: irkit-opt %s --mlir-print-op-generic > %t.generic
// RUN: irkit-opt %t.generic --mlir-print-op-generic > %t.again
// RUN: diff %t.generic %t.again

func.func @f(%a: i32, %m: memref<4xi32>) -> i32 {
  %c0 = arith.constant 0 : index
  %true = arith.constant true
  %x = arith.addi %a, %a : i32
  %y = arith.addi %a, %a : i32
  %v = memref.load %m[%c0] : memref<4xi32>
  %r = scf.if %true -> (i32) {
    scf.yield %x : i32
  } else {
    scf.yield %y : i32
  }
  return %r : i32
}

// CHECK:      "builtin.module"() ({
// CHECK-NEXT:   "func.func"() <{{{.*}}sym_name = "f"{{.*}}}> ({
// CHECK-NEXT:   ^bb0(%[[A:.*]]: i32, %[[M:.*]]: memref<4xi32>):
// CHECK-NEXT:     %[[C0:.*]] = "arith.constant"() <{value = 0 : index}> : () -> index
// CHECK-NEXT:     %[[T:.*]] = "arith.constant"() <{value = true}> : () -> i1
// CHECK-NEXT:     %[[X:.*]] = "arith.addi"(%[[A]], %[[A]]) <{overflowFlags = #arith.overflow<none>}> : (i32, i32) -> i32
// CHECK-NEXT:     %[[Y:.*]] = "arith.addi"(%[[A]], %[[A]]) <{overflowFlags = #arith.overflow<none>}> : (i32, i32) -> i32
// CHECK-NEXT:     %{{.*}} = "memref.load"(%[[M]], %[[C0]]) : (memref<4xi32>, index) -> i32
// CHECK-NEXT:     %[[R:.*]] = "scf.if"(%[[T]]) ({
// CHECK-NEXT:       "scf.yield"(%[[X]]) : (i32) -> ()
// CHECK-NEXT:     }, {
// CHECK-NEXT:       "scf.yield"(%[[Y]]) : (i32) -> ()
// CHECK-NEXT:     }) : (i1) -> i32
// CHECK-NEXT:     "func.return"(%[[R]]) : (i32) -> ()
// CHECK-NEXT:   }) : () -> ()
// CHECK-NEXT: }) : () -> ()

// CSE:      "scf.if"
// CSE-NEXT:   "scf.yield"(%[[X:.*]]) : (i32) -> ()
// CSE-NEXT: }, {
// CSE-NEXT:   "scf.yield"(%[[X]]) : (i32) -> ()

// CUSTOM:     func.func @f(
// CUSTOM-NOT: "arith.
// CUSTOM:     scf.if %{{.*}} -> (i32) {
// CUSTOM:     return %{{.*}} : i32
