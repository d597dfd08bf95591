// index to the llvm dialect, as MLIR 22's IndexToLLVM lowers it with index as i64: one llvm
// op or intrinsic per op, MLIR's expansions of the rounded divisions, casts by sext/zext
// (casts/castu) or trunc, and index.sizeof as the constant 64.
//
// irkit emits a C-interface wrapper for every public function and calls min/max through
// call_intrinsic: the expectations are irkit's own. mlir-opt verifies the output.
// UNSUPPORTED: reference-mlir-opt
// RUN: irkit-opt %s --convert-to-llvm | FileCheck %s
// RUN: %if mlir-opt %{ irkit-opt %s --convert-to-llvm | mlir-opt | FileCheck %s --check-prefix=MLIR %}

// MLIR-LABEL: llvm.func @binary(
// MLIR-LABEL: llvm.func @rounded_division(
// MLIR-LABEL: llvm.func @compare_and_constants(
// MLIR-LABEL: llvm.func @casts(

// CHECK-LABEL: llvm.func @binary(
// CHECK-SAME:      %[[A:[^ :]+]]: i64, %[[B:[^ :]+]]: i64) -> i64
func.func @binary(%a: index, %b: index) -> index {
  // CHECK-NEXT: %[[ADD:.*]] = llvm.add %[[A]], %[[B]] : i64
  %add = index.add %a, %b
  // CHECK-NEXT: %[[SUB:.*]] = llvm.sub %[[ADD]], %[[B]] : i64
  %sub = index.sub %add, %b
  // CHECK-NEXT: %[[MUL:.*]] = llvm.mul %[[SUB]], %[[B]] : i64
  %mul = index.mul %sub, %b
  // CHECK-NEXT: %[[DIVS:.*]] = llvm.sdiv %[[MUL]], %[[B]] : i64
  %divs = index.divs %mul, %b
  // CHECK-NEXT: %[[DIVU:.*]] = llvm.udiv %[[DIVS]], %[[B]] : i64
  %divu = index.divu %divs, %b
  // CHECK-NEXT: %[[REMS:.*]] = llvm.srem %[[DIVU]], %[[B]] : i64
  %rems = index.rems %divu, %b
  // CHECK-NEXT: %[[REMU:.*]] = llvm.urem %[[REMS]], %[[B]] : i64
  %remu = index.remu %rems, %b
  // CHECK-NEXT: %[[MAXS:.*]] = llvm.call_intrinsic "llvm.smax"(%[[REMU]], %[[B]]) : (i64, i64) -> i64
  %maxs = index.maxs %remu, %b
  // CHECK-NEXT: %[[MAXU:.*]] = llvm.call_intrinsic "llvm.umax"(%[[MAXS]], %[[B]]) : (i64, i64) -> i64
  %maxu = index.maxu %maxs, %b
  // CHECK-NEXT: %[[MINS:.*]] = llvm.call_intrinsic "llvm.smin"(%[[MAXU]], %[[B]]) : (i64, i64) -> i64
  %mins = index.mins %maxu, %b
  // CHECK-NEXT: %[[MINU:.*]] = llvm.call_intrinsic "llvm.umin"(%[[MINS]], %[[B]]) : (i64, i64) -> i64
  %minu = index.minu %mins, %b
  // CHECK-NEXT: %[[SHL:.*]] = llvm.shl %[[MINU]], %[[B]] : i64
  %shl = index.shl %minu, %b
  // CHECK-NEXT: %[[SHRS:.*]] = llvm.ashr %[[SHL]], %[[B]] : i64
  %shrs = index.shrs %shl, %b
  // CHECK-NEXT: %[[SHRU:.*]] = llvm.lshr %[[SHRS]], %[[B]] : i64
  %shru = index.shru %shrs, %b
  // CHECK-NEXT: %[[AND:.*]] = llvm.and %[[SHRU]], %[[B]] : i64
  %and = index.and %shru, %b
  // CHECK-NEXT: %[[OR:.*]] = llvm.or %[[AND]], %[[B]] : i64
  %or = index.or %and, %b
  // CHECK-NEXT: %[[XOR:.*]] = llvm.xor %[[OR]], %[[B]] : i64
  %xor = index.xor %or, %b
  // CHECK-NEXT: llvm.return %[[XOR]] : i64
  return %xor : index
}

// CHECK-LABEL: llvm.func @rounded_division(
// CHECK-SAME:      %[[N:[^ :]+]]: i64, %[[M:[^ :]+]]: i64) -> !llvm.struct<(i64, i64, i64)>
func.func @rounded_division(%n: index, %m: index) -> (index, index, index) {
  // ceildivs: x = m > 0 ? -1 : 1; same sign and n != 0 ? (n + x) / m + 1 : -(-n / m)
  // CHECK-NEXT: %[[Z0:.*]] = llvm.mlir.constant(0) : i64
  // CHECK-NEXT: %[[P0:.*]] = llvm.mlir.constant(1) : i64
  // CHECK-NEXT: %[[M0:.*]] = llvm.mlir.constant(-1) : i64
  // CHECK-NEXT: %[[MPOS:.*]] = llvm.icmp "sgt" %[[M]], %[[Z0]] : i64
  // CHECK-NEXT: %[[X:.*]] = llvm.select %[[MPOS]], %[[M0]], %[[P0]] : i1, i64
  // CHECK-NEXT: %[[NX:.*]] = llvm.add %[[N]], %[[X]] : i64
  // CHECK-NEXT: %[[Q:.*]] = llvm.sdiv %[[NX]], %[[M]] : i64
  // CHECK-NEXT: %[[POS:.*]] = llvm.add %[[Q]], %[[P0]] : i64
  // CHECK-NEXT: %[[MINUSN:.*]] = llvm.sub %[[Z0]], %[[N]] : i64
  // CHECK-NEXT: %[[Q2:.*]] = llvm.sdiv %[[MINUSN]], %[[M]] : i64
  // CHECK-NEXT: %[[NEG:.*]] = llvm.sub %[[Z0]], %[[Q2]] : i64
  // CHECK-NEXT: %[[NPOS:.*]] = llvm.icmp "sgt" %[[N]], %[[Z0]] : i64
  // CHECK-NEXT: %[[SAME:.*]] = llvm.icmp "eq" %[[NPOS]], %[[MPOS]] : i1
  // CHECK-NEXT: %[[NZ:.*]] = llvm.icmp "ne" %[[N]], %[[Z0]] : i64
  // CHECK-NEXT: %[[UP:.*]] = llvm.and %[[SAME]], %[[NZ]] : i1
  // CHECK-NEXT: %[[CEILS:.*]] = llvm.select %[[UP]], %[[POS]], %[[NEG]] : i1, i64
  %ceils = index.ceildivs %n, %m
  // ceildivu: n == 0 ? 0 : (n - 1) / m + 1
  // CHECK-NEXT: %[[Z1:.*]] = llvm.mlir.constant(0) : i64
  // CHECK-NEXT: %[[P1:.*]] = llvm.mlir.constant(1) : i64
  // CHECK-NEXT: %[[NM1:.*]] = llvm.sub %[[N]], %[[P1]] : i64
  // CHECK-NEXT: %[[UQ:.*]] = llvm.udiv %[[NM1]], %[[M]] : i64
  // CHECK-NEXT: %[[UC:.*]] = llvm.add %[[UQ]], %[[P1]] : i64
  // CHECK-NEXT: %[[NZERO:.*]] = llvm.icmp "eq" %[[N]], %[[Z1]] : i64
  // CHECK-NEXT: %[[CEILU:.*]] = llvm.select %[[NZERO]], %[[Z1]], %[[UC]] : i1, i64
  %ceilu = index.ceildivu %n, %m
  // floordivs: x = m < 0 ? 1 : -1; opposite signs and n != 0 ? -1 - (x - n) / m : n / m
  // CHECK-NEXT: %[[Z2:.*]] = llvm.mlir.constant(0) : i64
  // CHECK-NEXT: %[[P2:.*]] = llvm.mlir.constant(1) : i64
  // CHECK-NEXT: %[[M2:.*]] = llvm.mlir.constant(-1) : i64
  // CHECK-NEXT: %[[MNEG:.*]] = llvm.icmp "slt" %[[M]], %[[Z2]] : i64
  // CHECK-NEXT: %[[FX:.*]] = llvm.select %[[MNEG]], %[[P2]], %[[M2]] : i1, i64
  // CHECK-NEXT: %[[XN:.*]] = llvm.sub %[[FX]], %[[N]] : i64
  // CHECK-NEXT: %[[FQ:.*]] = llvm.sdiv %[[XN]], %[[M]] : i64
  // CHECK-NEXT: %[[FNEG:.*]] = llvm.sub %[[M2]], %[[FQ]] : i64
  // CHECK-NEXT: %[[FPOS:.*]] = llvm.sdiv %[[N]], %[[M]] : i64
  // CHECK-NEXT: %[[NNEG:.*]] = llvm.icmp "slt" %[[N]], %[[Z2]] : i64
  // CHECK-NEXT: %[[OPP:.*]] = llvm.icmp "ne" %[[NNEG]], %[[MNEG]] : i1
  // CHECK-NEXT: %[[FNZ:.*]] = llvm.icmp "ne" %[[N]], %[[Z2]] : i64
  // CHECK-NEXT: %[[DOWN:.*]] = llvm.and %[[OPP]], %[[FNZ]] : i1
  // CHECK-NEXT: %[[FLOORS:.*]] = llvm.select %[[DOWN]], %[[FNEG]], %[[FPOS]] : i1, i64
  %floors = index.floordivs %n, %m
  // CHECK:      llvm.insertvalue %[[CEILS]], %{{.*}}[0]
  // CHECK-NEXT: llvm.insertvalue %[[CEILU]], %{{.*}}[1]
  // CHECK-NEXT: llvm.insertvalue %[[FLOORS]], %{{.*}}[2]
  return %ceils, %ceilu, %floors : index, index, index
}

// CHECK-LABEL: llvm.func @compare_and_constants(
// CHECK-SAME:      %[[A:[^ :]+]]: i64, %[[B:[^ :]+]]: i64)
func.func @compare_and_constants(%a: index, %b: index)
    -> (i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, index, i1, index) {
  // CHECK-NEXT: llvm.icmp "eq" %[[A]], %[[B]] : i64
  %eq = index.cmp eq(%a, %b)
  // CHECK-NEXT: llvm.icmp "ne" %[[A]], %[[B]] : i64
  %ne = index.cmp ne(%a, %b)
  // CHECK-NEXT: llvm.icmp "slt" %[[A]], %[[B]] : i64
  %slt = index.cmp slt(%a, %b)
  // CHECK-NEXT: llvm.icmp "sle" %[[A]], %[[B]] : i64
  %sle = index.cmp sle(%a, %b)
  // CHECK-NEXT: llvm.icmp "sgt" %[[A]], %[[B]] : i64
  %sgt = index.cmp sgt(%a, %b)
  // CHECK-NEXT: llvm.icmp "sge" %[[A]], %[[B]] : i64
  %sge = index.cmp sge(%a, %b)
  // CHECK-NEXT: llvm.icmp "ult" %[[A]], %[[B]] : i64
  %ult = index.cmp ult(%a, %b)
  // CHECK-NEXT: llvm.icmp "ule" %[[A]], %[[B]] : i64
  %ule = index.cmp ule(%a, %b)
  // CHECK-NEXT: llvm.icmp "ugt" %[[A]], %[[B]] : i64
  %ugt = index.cmp ugt(%a, %b)
  // CHECK-NEXT: llvm.icmp "uge" %[[A]], %[[B]] : i64
  %uge = index.cmp uge(%a, %b)
  // CHECK-NEXT: llvm.mlir.constant(-42) : i64
  %c = index.constant -42
  // CHECK-NEXT: llvm.mlir.constant(true) : i1
  %t = index.bool.constant true
  // CHECK-NEXT: llvm.mlir.constant(64) : i64
  %size = index.sizeof
  return %eq, %ne, %slt, %sle, %sgt, %sge, %ult, %ule, %ugt, %uge, %c, %t, %size
      : i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, index, i1, index
}

// CHECK-LABEL: llvm.func @casts(
// CHECK-SAME:      %[[X:[^ :]+]]: i32, %[[I:[^ :]+]]: i64, %[[W:[^ :]+]]: i128)
func.func @casts(%x: i32, %i: index, %w: i128)
    -> (index, index, i8, i8, i128, i128, index, index, i64, i64) {
  // CHECK-NEXT: %[[SX:.*]] = llvm.sext %[[X]] : i32 to i64
  %0 = index.casts %x : i32 to index
  // CHECK-NEXT: %[[ZX:.*]] = llvm.zext %[[X]] : i32 to i64
  %1 = index.castu %x : i32 to index
  // CHECK-NEXT: %[[T1:.*]] = llvm.trunc %[[I]] : i64 to i8
  %2 = index.casts %i : index to i8
  // CHECK-NEXT: %[[T2:.*]] = llvm.trunc %[[I]] : i64 to i8
  %3 = index.castu %i : index to i8
  // CHECK-NEXT: %[[SI:.*]] = llvm.sext %[[I]] : i64 to i128
  %4 = index.casts %i : index to i128
  // CHECK-NEXT: %[[ZI:.*]] = llvm.zext %[[I]] : i64 to i128
  %5 = index.castu %i : index to i128
  // CHECK-NEXT: %[[TW1:.*]] = llvm.trunc %[[W]] : i128 to i64
  %6 = index.casts %w : i128 to index
  // CHECK-NEXT: %[[TW2:.*]] = llvm.trunc %[[W]] : i128 to i64
  %7 = index.castu %w : i128 to index
  // At 64 bits, both casts are the identity.
  // CHECK-NEXT: llvm.mlir.undef
  // CHECK-NEXT: llvm.insertvalue %[[SX]]
  // CHECK-COUNT-7: llvm.insertvalue
  // CHECK-NEXT: llvm.insertvalue %[[I]], %{{.*}}[8]
  // CHECK-NEXT: llvm.insertvalue %[[I]], %{{.*}}[9]
  %8 = index.casts %i : index to i64
  %9 = index.castu %i : index to i64
  return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9
      : index, index, i8, i8, i128, i128, index, index, i64, i64
}
