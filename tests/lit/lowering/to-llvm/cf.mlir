// cf to the llvm dialect: branches keep their successors and operands; block arguments
// take lowered types (a memref block argument is its descriptor). Blocks are lowered in
// dominance order, whatever their order in the region.
//
// irkit prints llvm.mlir.undef where MLIR 22 prints poison, emits a C-interface wrapper for
// every public function, and lowers some ops through libm or call_intrinsic: the
// expectations are irkit's own, checked against MLIR by tests/interop/test_to_llvm_mlir.py.
// UNSUPPORTED: reference-mlir-opt
// RUN: irkit-opt %s --convert-to-llvm | FileCheck %s
// RUN: irkit-opt %s --convert-to-llvm | FileCheck %s --check-prefix=DECL
// RUN: %if mlir-opt %{ irkit-opt %s --convert-to-llvm | mlir-opt | FileCheck %s --check-prefix=MLIR %}

// The loop block comes before the block that defines its step in the region, but that
// block dominates it, so it is lowered first.
// CHECK-LABEL: llvm.func @branches(
// CHECK-SAME:      %[[N:[^ :]+]]: i64, %[[C:[^ :]+]]: i1) -> i64
func.func @branches(%n: index, %c: i1) -> index {
  // CHECK-NEXT:    %[[ZERO:.*]] = llvm.mlir.constant(0) : i64
  %zero = arith.constant 0 : index
  // CHECK-NEXT:    llvm.cond_br %[[C]], ^[[SETUP:.*]], ^[[EXIT:.*]](%[[N]] : i64)
  cf.cond_br %c, ^setup, ^exit(%n : index)
// CHECK-NEXT:  ^[[EXIT]](%[[R:.*]]: i64):
// CHECK-NEXT:    llvm.return %[[R]] : i64
^exit(%r: index):
  return %r : index
// CHECK-NEXT:  ^[[LOOP:.*]](%[[I:.*]]: i64):
// CHECK-NEXT:    %[[NEXT:.*]] = llvm.add %[[I]], %[[STEP:.*]] : i64
// CHECK-NEXT:    %[[MORE:.*]] = llvm.icmp "slt" %[[NEXT]], %[[N]] : i64
// CHECK-NEXT:    llvm.cond_br %[[MORE]], ^[[LOOP]](%[[NEXT]] : i64), ^[[EXIT]](%[[NEXT]] : i64)
^loop(%i: index):
  %next = arith.addi %i, %step : index
  %more = arith.cmpi slt, %next, %n : index
  cf.cond_br %more, ^loop(%next : index), ^exit(%next : index)
// CHECK-NEXT:  ^[[SETUP]]:
// CHECK-NEXT:    %[[STEP]] = llvm.mlir.constant(1) : i64
// CHECK-NEXT:    llvm.br ^[[LOOP]](%[[ZERO]] : i64)
^setup:
  %step = arith.constant 1 : index
  cf.br ^loop(%zero : index)
}

// CHECK-LABEL: llvm.func @memref_block_argument(
func.func @memref_block_argument(%a: memref<4xf32>, %b: memref<4xf32>, %c: i1) -> f32 {
  // CHECK:         llvm.cond_br %{{.*}}, ^[[JOIN:.*]](%[[A:.*]] : !llvm.struct<(!llvm.ptr, !llvm.ptr, i64, !llvm.array<1 x i64>, !llvm.array<1 x i64>)>), ^[[JOIN]](%[[B:.*]] : !llvm.struct<(!llvm.ptr, !llvm.ptr, i64, !llvm.array<1 x i64>, !llvm.array<1 x i64>)>)
  cf.cond_br %c, ^join(%a : memref<4xf32>), ^join(%b : memref<4xf32>)
// CHECK-NEXT:  ^[[JOIN]](%[[M:.*]]: !llvm.struct<(!llvm.ptr, !llvm.ptr, i64, !llvm.array<1 x i64>, !llvm.array<1 x i64>)>):
// CHECK:         llvm.extractvalue %[[M]][1]
^join(%m: memref<4xf32>):
  %c0 = arith.constant 0 : index
  %v = memref.load %m[%c0] : memref<4xf32>
  // CHECK:         llvm.br ^[[END:.*]]
  cf.br ^end
// CHECK-NEXT:  ^[[END]]:
// CHECK-NEXT:    llvm.return
^end:
  return %v : f32
}

// cf.switch becomes a chain of equality tests, one block per case, placed right after the
// switch's block, ending in a branch to the default.
// CHECK-LABEL: llvm.func @switch(
// CHECK-SAME:      %[[FLAG:[^ :]+]]: i32, %[[X:[^ :]+]]: f32) -> f32
// CHECK-NEXT:    %[[TWO:.*]] = llvm.mlir.constant(2 : i32) : i32
// CHECK-NEXT:    %[[IS_TWO:.*]] = llvm.icmp "eq" %[[FLAG]], %[[TWO]] : i32
// CHECK-NEXT:    llvm.cond_br %[[IS_TWO]], ^[[CASE2:.*]](%[[X]] : f32), ^[[TEST7:[^ ]*]]
// CHECK-NEXT:  ^[[TEST7]]:
// CHECK-NEXT:    %[[SEVEN:.*]] = llvm.mlir.constant(7 : i32) : i32
// CHECK-NEXT:    %[[IS_SEVEN:.*]] = llvm.icmp "eq" %[[FLAG]], %[[SEVEN]] : i32
// CHECK-NEXT:    llvm.cond_br %[[IS_SEVEN]], ^[[CASE7:[^ ]*]], ^[[DEFAULT_TEST:[^ ]*]]
// CHECK-NEXT:  ^[[DEFAULT_TEST]]:
// CHECK-NEXT:    llvm.br ^[[DEFAULT:[^ ]*]]
// CHECK-NEXT:  ^[[DEFAULT]]:
// CHECK-NEXT:    llvm.return %[[X]] : f32
// CHECK-NEXT:  ^[[CASE2]](%[[Y:.*]]: f32):
// CHECK-NEXT:    %[[DOUBLE:.*]] = llvm.fadd %[[Y]], %[[Y]] : f32
// CHECK-NEXT:    llvm.return %[[DOUBLE]] : f32
// CHECK-NEXT:  ^[[CASE7]]:
// CHECK-NEXT:    %[[NEG:.*]] = llvm.fneg %[[X]] : f32
// CHECK-NEXT:    llvm.return %[[NEG]] : f32
func.func @switch(%flag: i32, %x: f32) -> f32 {
  cf.switch %flag : i32, [
    default: ^default,
    2: ^case2(%x : f32),
    7: ^case7
  ]
^default:
  return %x : f32
^case2(%y: f32):
  %double = arith.addf %y, %y : f32
  return %double : f32
^case7:
  %neg = arith.negf %x : f32
  return %neg : f32
}

// cf.assert as MLIR 22 lowers it: a conditional branch to a block that prints the message
// (a private NUL-terminated global, one per assert, uniqued as MLIR does) with puts and
// calls abort; the ops after the assert continue in the other successor.
// DECL-DAG:    llvm.func @abort()
// DECL-DAG:    llvm.func @puts(!llvm.ptr)
// DECL-DAG:    llvm.mlir.global private constant @assert_msg(dense<[98, 111, 111, 109, 0]> : tensor<5xi8>) {addr_space = 0 : i32} : !llvm.array<5 x i8>
// DECL-DAG:    llvm.mlir.global private constant @assert_msg_0(dense<[110, 111, 0]> : tensor<3xi8>) {addr_space = 0 : i32} : !llvm.array<3 x i8>
// MLIR-LABEL:  llvm.func @asserts(
// MLIR:        llvm.call @abort() : () -> ()
// MLIR-NEXT:   llvm.unreachable
// CHECK-LABEL: llvm.func @asserts(
// CHECK-SAME:      %[[C:[^ :]+]]: i1, %[[D:[^ :]+]]: i1, %[[X:[^ :]+]]: i32) -> i32
func.func @asserts(%c: i1, %d: i1, %x: i32) -> i32 {
  // CHECK-NEXT:  llvm.cond_br %[[C]], ^[[OK:.*]], ^[[FAIL:[^ ]*]]
  // CHECK-NEXT:  ^[[OK]]:
  cf.assert %c, "boom"
  // CHECK-NEXT:  %[[Y:.*]] = llvm.add %[[X]], %[[X]] : i32
  %y = arith.addi %x, %x : i32
  // CHECK-NEXT:  llvm.cond_br %[[D]], ^[[OK2:.*]], ^[[FAIL2:[^ ]*]]
  // CHECK-NEXT:  ^[[OK2]]:
  cf.assert %d, "no"
  // CHECK-NEXT:  llvm.return %[[Y]] : i32
  // CHECK-NEXT:  ^[[FAIL2]]:
  // CHECK-NEXT:  %[[MSG2:.*]] = llvm.mlir.addressof @assert_msg_0 : !llvm.ptr
  // CHECK-NEXT:  %[[PTR2:.*]] = llvm.getelementptr %[[MSG2]][0] : (!llvm.ptr) -> !llvm.ptr, !llvm.array<3 x i8>
  // CHECK-NEXT:  llvm.call @puts(%[[PTR2]]) : (!llvm.ptr) -> ()
  // CHECK-NEXT:  llvm.call @abort() : () -> ()
  // CHECK-NEXT:  llvm.unreachable
  // CHECK-NEXT:  ^[[FAIL]]:
  // CHECK-NEXT:  %[[MSG:.*]] = llvm.mlir.addressof @assert_msg : !llvm.ptr
  // CHECK-NEXT:  %[[PTR:.*]] = llvm.getelementptr %[[MSG]][0] : (!llvm.ptr) -> !llvm.ptr, !llvm.array<5 x i8>
  // CHECK-NEXT:  llvm.call @puts(%[[PTR]]) : (!llvm.ptr) -> ()
  // CHECK-NEXT:  llvm.call @abort() : () -> ()
  // CHECK-NEXT:  llvm.unreachable
  return %y : i32
}
