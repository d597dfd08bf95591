// arith to the llvm dialect: one llvm op (or intrinsic) per arith op, index as i64.
//
// irkit prints llvm.mlir.undef where MLIR 22 prints poison, emits a C-interface wrapper for
// every public function, and lowers some ops through libm or call_intrinsic: the
// expectations are irkit's own, checked against MLIR by tests/interop/test_to_llvm_mlir.py.
// UNSUPPORTED: reference-mlir-opt
// RUN: irkit-opt %s --convert-to-llvm | FileCheck %s
// RUN: %if mlir-opt %{ irkit-opt %s --convert-to-llvm | mlir-opt | FileCheck %s --check-prefix=MLIR %}
// MLIR-LABEL: llvm.func @extended(

// CHECK-LABEL: llvm.func @integer(
// CHECK-SAME:      %[[A:[^ :]+]]: i32, %[[B:[^ :]+]]: i32, %[[X:[^ :]+]]: i64) -> i32
func.func @integer(%a: i32, %b: i32, %x: index) -> i32 {
  // CHECK-NEXT: %[[ADD:.*]] = llvm.add %[[A]], %[[B]] : i32
  %add = arith.addi %a, %b : i32
  // CHECK-NEXT: %[[SUB:.*]] = llvm.sub %[[ADD]], %[[B]] : i32
  %sub = arith.subi %add, %b : i32
  // CHECK-NEXT: %[[MUL:.*]] = llvm.mul %[[SUB]], %[[B]] : i32
  %mul = arith.muli %sub, %b : i32
  // CHECK-NEXT: %[[SDIV:.*]] = llvm.sdiv %[[MUL]], %[[B]] : i32
  %sdiv = arith.divsi %mul, %b : i32
  // CHECK-NEXT: %[[UDIV:.*]] = llvm.udiv %[[SDIV]], %[[B]] : i32
  %udiv = arith.divui %sdiv, %b : i32
  // CHECK-NEXT: %[[SREM:.*]] = llvm.srem %[[UDIV]], %[[B]] : i32
  %srem = arith.remsi %udiv, %b : i32
  // CHECK-NEXT: %[[UREM:.*]] = llvm.urem %[[SREM]], %[[B]] : i32
  %urem = arith.remui %srem, %b : i32
  // CHECK-NEXT: %[[AND:.*]] = llvm.and %[[UREM]], %[[B]] : i32
  %and = arith.andi %urem, %b : i32
  // CHECK-NEXT: %[[OR:.*]] = llvm.or %[[AND]], %[[B]] : i32
  %or = arith.ori %and, %b : i32
  // CHECK-NEXT: %[[XOR:.*]] = llvm.xor %[[OR]], %[[B]] : i32
  %xor = arith.xori %or, %b : i32
  // CHECK-NEXT: %[[SHL:.*]] = llvm.shl %[[XOR]], %[[B]] : i32
  %shl = arith.shli %xor, %b : i32
  // CHECK-NEXT: %[[ASHR:.*]] = llvm.ashr %[[SHL]], %[[B]] : i32
  %ashr = arith.shrsi %shl, %b : i32
  // CHECK-NEXT: %[[LSHR:.*]] = llvm.lshr %[[ASHR]], %[[B]] : i32
  %lshr = arith.shrui %ashr, %b : i32
  // CHECK-NEXT: %[[SMAX:.*]] = llvm.call_intrinsic "llvm.smax"(%[[LSHR]], %[[B]]) : (i32, i32) -> i32
  %smax = arith.maxsi %lshr, %b : i32
  // CHECK-NEXT: %[[SMIN:.*]] = llvm.call_intrinsic "llvm.smin"(%[[SMAX]], %[[B]]) : (i32, i32) -> i32
  %smin = arith.minsi %smax, %b : i32
  // CHECK-NEXT: %[[UMAX:.*]] = llvm.call_intrinsic "llvm.umax"(%[[SMIN]], %[[B]]) : (i32, i32) -> i32
  %umax = arith.maxui %smin, %b : i32
  // CHECK-NEXT: %[[UMIN:.*]] = llvm.call_intrinsic "llvm.umin"(%[[UMAX]], %[[B]]) : (i32, i32) -> i32
  %umin = arith.minui %umax, %b : i32
  // CHECK-NEXT: %[[CMP:.*]] = llvm.icmp "sle" %[[UMIN]], %[[A]] : i32
  %cmp = arith.cmpi sle, %umin, %a : i32
  // CHECK-NEXT: %[[SEL:.*]] = llvm.select %[[CMP]], %[[UMIN]], %[[A]] : i1, i32
  %sel = arith.select %cmp, %umin, %a : i32
  // CHECK-NEXT: %[[C:.*]] = llvm.mlir.constant(42 : i32) : i32
  %c = arith.constant 42 : i32
  // CHECK-NEXT: %[[CI:.*]] = llvm.mlir.constant(7) : i64
  %ci = arith.constant 7 : index
  // CHECK-NEXT: %[[XI:.*]] = llvm.add %[[X]], %[[CI]] : i64
  %xi = arith.addi %x, %ci : index
  // CHECK-NEXT: %[[NARROW:.*]] = llvm.trunc %[[XI]] : i64 to i32
  %narrow = arith.index_cast %xi : index to i32
  // CHECK-NEXT: %[[WIDE:.*]] = llvm.sext %[[NARROW]] : i32 to i64
  %wide = arith.index_cast %narrow : i32 to index
  // CHECK-NEXT: %[[SAME:.*]] = llvm.add %[[WIDE]], %[[XI]] : i64
  %same = arith.addi %wide, %xi : index
  // CHECK-NEXT: %[[I64:.*]] = llvm.trunc %[[SAME]] : i64 to i32
  %i64 = arith.index_cast %same : index to i32
  // CHECK-NEXT: %[[R:.*]] = llvm.add %[[SEL]], %[[I64]] : i32
  %r = arith.addi %sel, %i64 : i32
  // CHECK-NEXT: %[[R2:.*]] = llvm.add %[[R]], %[[C]] : i32
  %r2 = arith.addi %r, %c : i32
  // CHECK-NEXT: llvm.return %[[R2]] : i32
  return %r2 : i32
}

// CHECK-LABEL: llvm.func @float(
// CHECK-SAME:      %[[A:[^ :]+]]: f32, %[[B:[^ :]+]]: f32) -> f64
func.func @float(%a: f32, %b: f32) -> f64 {
  // CHECK-NEXT: %[[ADD:.*]] = llvm.fadd %[[A]], %[[B]] : f32
  %add = arith.addf %a, %b : f32
  // CHECK-NEXT: %[[SUB:.*]] = llvm.fsub %[[ADD]], %[[B]] : f32
  %sub = arith.subf %add, %b : f32
  // CHECK-NEXT: %[[MUL:.*]] = llvm.fmul %[[SUB]], %[[B]] : f32
  %mul = arith.mulf %sub, %b : f32
  // CHECK-NEXT: %[[DIV:.*]] = llvm.fdiv %[[MUL]], %[[B]] : f32
  %div = arith.divf %mul, %b : f32
  // CHECK-NEXT: %[[NEG:.*]] = llvm.fneg %[[DIV]] : f32
  %neg = arith.negf %div : f32
  // CHECK-NEXT: %[[MAXNUM:.*]] = llvm.intr.maxnum(%[[NEG]], %[[B]]) : (f32, f32) -> f32
  %maxnum = arith.maxnumf %neg, %b : f32
  // CHECK-NEXT: %[[MINNUM:.*]] = llvm.intr.minnum(%[[MAXNUM]], %[[B]]) : (f32, f32) -> f32
  %minnum = arith.minnumf %maxnum, %b : f32
  // CHECK-NEXT: %[[MAX:.*]] = llvm.call_intrinsic "llvm.maximum"(%[[MINNUM]], %[[B]]) : (f32, f32) -> f32
  %max = arith.maximumf %minnum, %b : f32
  // CHECK-NEXT: %[[MIN:.*]] = llvm.call_intrinsic "llvm.minimum"(%[[MAX]], %[[B]]) : (f32, f32) -> f32
  %min = arith.minimumf %max, %b : f32
  // CHECK-NEXT: %[[CMP:.*]] = llvm.fcmp "ult" %[[MIN]], %[[A]] : f32
  %cmp = arith.cmpf ult, %min, %a : f32
  // CHECK-NEXT: %[[SEL:.*]] = llvm.select %[[CMP]], %[[MIN]], %[[A]] : i1, f32
  %sel = arith.select %cmp, %min, %a : f32
  // CHECK-NEXT: %[[C:.*]] = llvm.mlir.constant(1.500000e+00 : f32) : f32
  %c = arith.constant 1.5 : f32
  // CHECK-NEXT: %[[SUM:.*]] = llvm.fadd %[[SEL]], %[[C]] : f32
  %sum = arith.addf %sel, %c : f32
  // CHECK-NEXT: %[[EXT:.*]] = llvm.fpext %[[SUM]] : f32 to f64
  %ext = arith.extf %sum : f32 to f64
  // CHECK-NEXT: llvm.return %[[EXT]] : f64
  return %ext : f64
}

// CHECK-LABEL: llvm.func @casts(
// CHECK-SAME:      %[[I:[^ :]+]]: i32, %[[F:[^ :]+]]: f64) -> f32
func.func @casts(%i: i32, %f: f64) -> f32 {
  // CHECK-NEXT: %[[SEXT:.*]] = llvm.sext %[[I]] : i32 to i64
  %sext = arith.extsi %i : i32 to i64
  // CHECK-NEXT: %[[ZEXT:.*]] = llvm.zext %[[I]] : i32 to i64
  %zext = arith.extui %i : i32 to i64
  // CHECK-NEXT: %[[SUM:.*]] = llvm.add %[[SEXT]], %[[ZEXT]] : i64
  %sum = arith.addi %sext, %zext : i64
  // CHECK-NEXT: %[[TRUNC:.*]] = llvm.trunc %[[SUM]] : i64 to i16
  %trunc = arith.trunci %sum : i64 to i16
  // CHECK-NEXT: %[[SITOFP:.*]] = llvm.sitofp %[[TRUNC]] : i16 to f32
  %sitofp = arith.sitofp %trunc : i16 to f32
  // CHECK-NEXT: %[[FPTRUNC:.*]] = llvm.fptrunc %[[F]] : f64 to f32
  %fptrunc = arith.truncf %f : f64 to f32
  // CHECK-NEXT: %[[FPTOSI:.*]] = llvm.call_intrinsic "llvm.fptosi.sat"(%[[FPTRUNC]]) : (f32) -> i32
  %fptosi = arith.fptosi %fptrunc : f32 to i32
  // CHECK-NEXT: %[[FPTOUI:.*]] = llvm.call_intrinsic "llvm.fptoui.sat"(%[[F]]) : (f64) -> i8
  %fptoui = arith.fptoui %f : f64 to i8
  // CHECK-NEXT: %[[BITS:.*]] = llvm.bitcast %[[FPTOSI]] : i32 to f32
  %bits = arith.bitcast %fptosi : i32 to f32
  // CHECK-NEXT: %[[R:.*]] = llvm.fadd %[[SITOFP]], %[[BITS]] : f32
  %r = arith.addf %sitofp, %bits : f32
  // CHECK-NEXT: llvm.return %[[R]] : f32
  return %r : f32
}

// CHECK-LABEL: llvm.func @constants()
func.func @constants() -> vector<2xf32> {
  // CHECK-NEXT: llvm.mlir.constant(true) : i1
  %t = arith.constant true
  // CHECK-NEXT: %[[V:.*]] = llvm.mlir.constant(dense<[1.000000e+00, 2.000000e+00]> : vector<2xf32>) : vector<2xf32>
  %v = arith.constant dense<[1.0, 2.0]> : vector<2xf32>
  // CHECK-NEXT: llvm.return %[[V]] : vector<2xf32>
  return %v : vector<2xf32>
}

// Floor and ceiling division expand as MLIR's arith-expand does.
// CHECK-LABEL: llvm.func @rounded_division(
// CHECK-SAME:      %[[A:[^ :]+]]: i64, %[[B:[^ :]+]]: i64)
func.func @rounded_division(%a: index, %b: index) -> (index, index, index) {
  // CHECK-NEXT: %[[ZERO:.*]] = llvm.mlir.constant(0) : i64
  // CHECK-NEXT: %[[ONE:.*]] = llvm.mlir.constant(1) : i64
  // CHECK-NEXT: %[[Q:.*]] = llvm.sdiv %[[A]], %[[B]] : i64
  // CHECK-NEXT: %[[QB:.*]] = llvm.mul %[[Q]], %[[B]] : i64
  // CHECK-NEXT: %[[INEXACT:.*]] = llvm.icmp "ne" %[[QB]], %[[A]] : i64
  // CHECK-NEXT: %[[ANEG:.*]] = llvm.icmp "slt" %[[A]], %[[ZERO]] : i64
  // CHECK-NEXT: %[[BNEG:.*]] = llvm.icmp "slt" %[[B]], %[[ZERO]] : i64
  // CHECK-NEXT: %[[SIGNS:.*]] = llvm.icmp "ne" %[[ANEG]], %[[BNEG]] : i1
  // CHECK-NEXT: %[[ADJUST:.*]] = llvm.and %[[INEXACT]], %[[SIGNS]] : i1
  // CHECK-NEXT: %[[STEPPED:.*]] = llvm.sub %[[Q]], %[[ONE]] : i64
  // CHECK-NEXT: %[[FLOOR:.*]] = llvm.select %[[ADJUST]], %[[STEPPED]], %[[Q]] : i1, i64
  %floor = arith.floordivsi %a, %b : index
  // CHECK:      %[[SIGNS2:.*]] = llvm.icmp "eq" %{{.*}}, %{{.*}} : i1
  // CHECK-NEXT: %[[ADJUST2:.*]] = llvm.and %{{.*}}, %[[SIGNS2]] : i1
  // CHECK-NEXT: %[[STEPPED2:.*]] = llvm.add %{{.*}}, %{{.*}} : i64
  // CHECK-NEXT: %[[CEIL:.*]] = llvm.select %[[ADJUST2]], %[[STEPPED2]], %{{.*}} : i1, i64
  %ceil = arith.ceildivsi %a, %b : index
  // CHECK-NEXT: %[[UZERO:.*]] = llvm.mlir.constant(0) : i64
  // CHECK-NEXT: %[[UONE:.*]] = llvm.mlir.constant(1) : i64
  // CHECK-NEXT: %[[ISZERO:.*]] = llvm.icmp "eq" %[[A]], %[[UZERO]] : i64
  // CHECK-NEXT: %[[AM1:.*]] = llvm.sub %[[A]], %[[UONE]] : i64
  // CHECK-NEXT: %[[UQ:.*]] = llvm.udiv %[[AM1]], %[[B]] : i64
  // CHECK-NEXT: %[[UQ1:.*]] = llvm.add %[[UQ]], %[[UONE]] : i64
  // CHECK-NEXT: %[[UCEIL:.*]] = llvm.select %[[ISZERO]], %[[UZERO]], %[[UQ1]] : i1, i64
  %uceil = arith.ceildivui %a, %b : index
  return %floor, %ceil, %uceil : index, index, index
}

// uitofp becomes llvm.uitofp; addui_extended is llvm.intr.uadd.with.overflow (through
// call_intrinsic); mulsi/mului_extended multiply at double width after sext/zext, the
// high half shifted down, as MLIR's ArithToLLVM lowers them, for vectors too.
// CHECK-LABEL: llvm.func @extended(
// CHECK-SAME:      %[[A:[^ :]+]]: i32, %[[B:[^ :]+]]: i32, %[[V:[^ :]+]]: vector<4xi16>, %[[W:[^ :]+]]: vector<4xi16>)
func.func @extended(%a: i32, %b: i32, %v: vector<4xi16>, %w: vector<4xi16>)
    -> (f32, i32, i1, i32, i32, i32, i32, vector<4xi16>, vector<4xi1>,
        vector<4xi16>, vector<4xi16>) {
  // CHECK-NEXT: %[[U:.*]] = llvm.uitofp %[[A]] : i32 to f32
  %u = arith.uitofp %a : i32 to f32
  // CHECK-NEXT: %[[PAIR:.*]] = llvm.call_intrinsic "llvm.uadd.with.overflow"(%[[A]], %[[B]]) : (i32, i32) -> !llvm.struct<(i32, i1)>
  // CHECK-NEXT: %[[SUM:.*]] = llvm.extractvalue %[[PAIR]][0] : !llvm.struct<(i32, i1)>
  // CHECK-NEXT: %[[CARRY:.*]] = llvm.extractvalue %[[PAIR]][1] : !llvm.struct<(i32, i1)>
  %sum, %carry = arith.addui_extended %a, %b : i32, i1
  // CHECK-NEXT: %[[SA:.*]] = llvm.sext %[[A]] : i32 to i64
  // CHECK-NEXT: %[[SB:.*]] = llvm.sext %[[B]] : i32 to i64
  // CHECK-NEXT: %[[SP:.*]] = llvm.mul %[[SA]], %[[SB]] : i64
  // CHECK-NEXT: %[[SLOW:.*]] = llvm.trunc %[[SP]] : i64 to i32
  // CHECK-NEXT: %[[S32:.*]] = llvm.mlir.constant(32) : i64
  // CHECK-NEXT: %[[SSH:.*]] = llvm.lshr %[[SP]], %[[S32]] : i64
  // CHECK-NEXT: %[[SHIGH:.*]] = llvm.trunc %[[SSH]] : i64 to i32
  %slow, %shigh = arith.mulsi_extended %a, %b : i32
  // CHECK-NEXT: %[[ZA:.*]] = llvm.zext %[[A]] : i32 to i64
  // CHECK-NEXT: %[[ZB:.*]] = llvm.zext %[[B]] : i32 to i64
  // CHECK-NEXT: %[[ZP:.*]] = llvm.mul %[[ZA]], %[[ZB]] : i64
  // CHECK-NEXT: %[[ULOW:.*]] = llvm.trunc %[[ZP]] : i64 to i32
  // CHECK-NEXT: %[[Z32:.*]] = llvm.mlir.constant(32) : i64
  // CHECK-NEXT: %[[ZSH:.*]] = llvm.lshr %[[ZP]], %[[Z32]] : i64
  // CHECK-NEXT: %[[UHIGH:.*]] = llvm.trunc %[[ZSH]] : i64 to i32
  %ulow, %uhigh = arith.mului_extended %a, %b : i32
  // CHECK-NEXT: %[[VPAIR:.*]] = llvm.call_intrinsic "llvm.uadd.with.overflow"(%[[V]], %[[W]]) : (vector<4xi16>, vector<4xi16>) -> !llvm.struct<(vector<4xi16>, vector<4xi1>)>
  // CHECK-NEXT: llvm.extractvalue %[[VPAIR]][0] : !llvm.struct<(vector<4xi16>, vector<4xi1>)>
  // CHECK-NEXT: llvm.extractvalue %[[VPAIR]][1] : !llvm.struct<(vector<4xi16>, vector<4xi1>)>
  %vsum, %vcarry = arith.addui_extended %v, %w : vector<4xi16>, vector<4xi1>
  // CHECK-NEXT: %[[VA:.*]] = llvm.zext %[[V]] : vector<4xi16> to vector<4xi32>
  // CHECK-NEXT: %[[VB:.*]] = llvm.zext %[[W]] : vector<4xi16> to vector<4xi32>
  // CHECK-NEXT: %[[VP:.*]] = llvm.mul %[[VA]], %[[VB]] : vector<4xi32>
  // CHECK-NEXT: llvm.trunc %[[VP]] : vector<4xi32> to vector<4xi16>
  // CHECK-NEXT: %[[V16:.*]] = llvm.mlir.constant(dense<16> : vector<4xi32>) : vector<4xi32>
  // CHECK-NEXT: %[[VSH:.*]] = llvm.lshr %[[VP]], %[[V16]] : vector<4xi32>
  // CHECK-NEXT: llvm.trunc %[[VSH]] : vector<4xi32> to vector<4xi16>
  %vlow, %vhigh = arith.mului_extended %v, %w : vector<4xi16>
  return %u, %sum, %carry, %slow, %shigh, %ulow, %uhigh, %vsum, %vcarry, %vlow, %vhigh
      : f32, i32, i1, i32, i32, i32, i32, vector<4xi16>, vector<4xi1>,
        vector<4xi16>, vector<4xi16>
}
