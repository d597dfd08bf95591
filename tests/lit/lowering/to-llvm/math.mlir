// math to the llvm dialect: LLVM intrinsics where LLVM has them, expansions as MLIR's
// MathToLLVM does (rsqrt, expm1, log1p), and libm calls (`tanhf` for f32, `tanh` for
// f64, ...) for the rest, declared once at the top of the module.
//
// irkit prints llvm.mlir.undef where MLIR 22 prints poison, emits a C-interface wrapper for
// every public function, and lowers some ops through libm or call_intrinsic: the
// expectations are irkit's own, checked against MLIR by tests/interop/test_to_llvm_mlir.py.
// UNSUPPORTED: reference-mlir-opt
// RUN: irkit-opt %s --convert-to-llvm | FileCheck %s

// CHECK:       llvm.func @erf(f64) -> f64
// CHECK-NEXT:  llvm.func @tanhf(f32) -> f32
// CHECK-NOT:   llvm.func @tanhf(

// CHECK-LABEL: llvm.func @intrinsics(
// CHECK-SAME:      %[[X:[^ :]+]]: f32, %[[Y:[^ :]+]]: f32, %[[I:[^ :]+]]: i32) -> f32
func.func @intrinsics(%x: f32, %y: f32, %i: i32) -> f32 {
  // CHECK-NEXT: %[[ABS:.*]] = llvm.intr.fabs(%[[X]]) : (f32) -> f32
  %abs = math.absf %x : f32
  // CHECK-NEXT: %[[CEIL:.*]] = llvm.intr.ceil(%[[ABS]]) : (f32) -> f32
  %ceil = math.ceil %abs : f32
  // CHECK-NEXT: %[[FLOOR:.*]] = llvm.intr.floor(%[[CEIL]]) : (f32) -> f32
  %floor = math.floor %ceil : f32
  // CHECK-NEXT: %[[SQRT:.*]] = llvm.intr.sqrt(%[[FLOOR]]) : (f32) -> f32
  %sqrt = math.sqrt %floor : f32
  // CHECK-NEXT: %[[EXP:.*]] = llvm.intr.exp(%[[SQRT]]) : (f32) -> f32
  %exp = math.exp %sqrt : f32
  // CHECK-NEXT: %[[EXP2:.*]] = llvm.intr.exp2(%[[EXP]]) : (f32) -> f32
  %exp2 = math.exp2 %exp : f32
  // CHECK-NEXT: %[[LOG:.*]] = llvm.intr.log(%[[EXP2]]) : (f32) -> f32
  %log = math.log %exp2 : f32
  // CHECK-NEXT: %[[LOG2:.*]] = llvm.intr.log2(%[[LOG]]) : (f32) -> f32
  %log2 = math.log2 %log : f32
  // CHECK-NEXT: %[[SIN:.*]] = llvm.intr.sin(%[[LOG2]]) : (f32) -> f32
  %sin = math.sin %log2 : f32
  // CHECK-NEXT: %[[COS:.*]] = llvm.intr.cos(%[[SIN]]) : (f32) -> f32
  %cos = math.cos %sin : f32
  // CHECK-NEXT: %[[POW:.*]] = llvm.intr.pow(%[[COS]], %[[Y]]) : (f32, f32) -> f32
  %pow = math.powf %cos, %y : f32
  // CHECK-NEXT: %[[SIGN:.*]] = llvm.intr.copysign(%[[POW]], %[[Y]]) : (f32, f32) -> f32
  %sign = math.copysign %pow, %y : f32
  // CHECK-NEXT: %[[FMA:.*]] = llvm.intr.fma(%[[SIGN]], %[[X]], %[[Y]]) : (f32, f32, f32) -> f32
  %fma = math.fma %sign, %x, %y : f32
  // CHECK-NEXT: %[[LOG10:.*]] = llvm.call_intrinsic "llvm.log10"(%[[FMA]]) : (f32) -> f32
  %log10 = math.log10 %fma : f32
  // CHECK-NEXT: %[[ROUND:.*]] = llvm.call_intrinsic "llvm.round"(%[[LOG10]]) : (f32) -> f32
  %round = math.round %log10 : f32
  // CHECK-NEXT: %[[EVEN:.*]] = llvm.call_intrinsic "llvm.roundeven"(%[[ROUND]]) : (f32) -> f32
  %even = math.roundeven %round : f32
  // CHECK-NEXT: %[[TRUNC:.*]] = llvm.call_intrinsic "llvm.trunc"(%[[EVEN]]) : (f32) -> f32
  %trunc = math.trunc %even : f32
  // CHECK-NEXT: llvm.return %[[TRUNC]] : f32
  return %trunc : f32
}

// CHECK-LABEL: llvm.func @integer_intrinsics(
// CHECK-SAME:      %[[I:[^ :]+]]: i32) -> i32
func.func @integer_intrinsics(%i: i32) -> i32 {
  // CHECK-NEXT: %[[F1:.*]] = llvm.mlir.constant(false) : i1
  // CHECK-NEXT: %[[ABS:.*]] = llvm.call_intrinsic "llvm.abs"(%[[I]], %[[F1]]) : (i32, i1) -> i32
  %abs = math.absi %i : i32
  // CHECK-NEXT: %[[F2:.*]] = llvm.mlir.constant(false) : i1
  // CHECK-NEXT: %[[CTLZ:.*]] = llvm.call_intrinsic "llvm.ctlz"(%[[ABS]], %[[F2]]) : (i32, i1) -> i32
  %ctlz = math.ctlz %abs : i32
  // CHECK-NEXT: %[[F3:.*]] = llvm.mlir.constant(false) : i1
  // CHECK-NEXT: %[[CTTZ:.*]] = llvm.call_intrinsic "llvm.cttz"(%[[CTLZ]], %[[F3]]) : (i32, i1) -> i32
  %cttz = math.cttz %ctlz : i32
  // CHECK-NEXT: %[[CTPOP:.*]] = llvm.call_intrinsic "llvm.ctpop"(%[[CTTZ]]) : (i32) -> i32
  %ctpop = math.ctpop %cttz : i32
  // CHECK-NEXT: llvm.return %[[CTPOP]] : i32
  return %ctpop : i32
}

// CHECK-LABEL: llvm.func @expansions(
// CHECK-SAME:      %[[X:[^ :]+]]: f32) -> f32
func.func @expansions(%x: f32) -> f32 {
  // CHECK-NEXT: %[[ONE:.*]] = llvm.mlir.constant(1.000000e+00 : f32) : f32
  // CHECK-NEXT: %[[ROOT:.*]] = llvm.intr.sqrt(%[[X]]) : (f32) -> f32
  // CHECK-NEXT: %[[RSQRT:.*]] = llvm.fdiv %[[ONE]], %[[ROOT]] : f32
  %rsqrt = math.rsqrt %x : f32
  // CHECK-NEXT: %[[ONE2:.*]] = llvm.mlir.constant(1.000000e+00 : f32) : f32
  // CHECK-NEXT: %[[EXP:.*]] = llvm.intr.exp(%[[RSQRT]]) : (f32) -> f32
  // CHECK-NEXT: %[[EXPM1:.*]] = llvm.fsub %[[EXP]], %[[ONE2]] : f32
  %expm1 = math.expm1 %rsqrt : f32
  // CHECK-NEXT: %[[ONE3:.*]] = llvm.mlir.constant(1.000000e+00 : f32) : f32
  // CHECK-NEXT: %[[SUM:.*]] = llvm.fadd %[[ONE3]], %[[EXPM1]] : f32
  // CHECK-NEXT: %[[LOG1P:.*]] = llvm.intr.log(%[[SUM]]) : (f32) -> f32
  %log1p = math.log1p %expm1 : f32
  // CHECK-NEXT: llvm.return %[[LOG1P]] : f32
  return %log1p : f32
}

// CHECK-LABEL: llvm.func @libm(
// CHECK-SAME:      %[[X:[^ :]+]]: f32, %[[D:[^ :]+]]: f64) -> f32
func.func @libm(%x: f32, %d: f64) -> f32 {
  // CHECK-NEXT: %[[TANH:.*]] = llvm.call @tanhf(%[[X]]) : (f32) -> f32
  %tanh = math.tanh %x : f32
  // CHECK-NEXT: %[[TANH2:.*]] = llvm.call @tanhf(%[[TANH]]) : (f32) -> f32
  %tanh2 = math.tanh %tanh : f32
  // CHECK-NEXT: llvm.call @erf(%[[D]]) : (f64) -> f64
  %erf = math.erf %d : f64
  // CHECK-NEXT: llvm.return %[[TANH2]] : f32
  return %tanh2 : f32
}

// Every libm function that math ops lower to is declared as MLIR's convert-math-to-libm
// declares it.
// CHECK-LABEL: llvm.func @all_libm(
func.func @all_libm(%x: f64, %y: f64) -> f64 {
  // CHECK: llvm.call @tan(
  %tan = math.tan %x : f64
  // CHECK: llvm.call @sinh(
  %sinh = math.sinh %tan : f64
  // CHECK: llvm.call @cosh(
  %cosh = math.cosh %sinh : f64
  // CHECK: llvm.call @asin(
  %asin = math.asin %cosh : f64
  // CHECK: llvm.call @acos(
  %acos = math.acos %asin : f64
  // CHECK: llvm.call @atan(
  %atan = math.atan %acos : f64
  // CHECK: llvm.call @asinh(
  %asinh = math.asinh %atan : f64
  // CHECK: llvm.call @acosh(
  %acosh = math.acosh %asinh : f64
  // CHECK: llvm.call @atanh(
  %atanh = math.atanh %acosh : f64
  // CHECK: llvm.call @cbrt(
  %cbrt = math.cbrt %atanh : f64
  // CHECK: llvm.call @atan2(%{{.*}}, %{{.*}}) : (f64, f64) -> f64
  %atan2 = math.atan2 %cbrt, %y : f64
  return %atan2 : f64
}

// ipowi and fpowi expand in place into MLIR's convert-math-to-funcs algorithm: a
// square-and-multiply loop whose exit block carries on with the rest of the function.
// CHECK-LABEL: llvm.func @powers(
// CHECK-SAME:      %[[A:[^ :]+]]: i32, %[[N:[^ :]+]]: i32, %[[X:[^ :]+]]: f64)
func.func @powers(%a: i32, %n: i32, %x: f64) -> (i32, f64) {
  // A negative exponent: 1 for a base of 1, +-1 for -1 by the parity of n, else 0.
  // CHECK-NEXT: %[[ZERO:.*]] = llvm.mlir.constant(0 : i32) : i32
  // CHECK-NEXT: %[[ONE:.*]] = llvm.mlir.constant(1 : i32) : i32
  // CHECK-NEXT: %[[MONE:.*]] = llvm.mlir.constant(-1 : i32) : i32
  // CHECK-NEXT: %[[LOWBIT:.*]] = llvm.and %[[N]], %[[ONE]] : i32
  // CHECK-NEXT: %[[ODD:.*]] = llvm.icmp "ne" %[[LOWBIT]], %[[ZERO]] : i32
  // CHECK-NEXT: %[[SIGN:.*]] = llvm.select %[[ODD]], %[[MONE]], %[[ONE]] : i1, i32
  // CHECK-NEXT: %[[ISONE:.*]] = llvm.icmp "eq" %[[A]], %[[ONE]] : i32
  // CHECK-NEXT: %[[ISMONE:.*]] = llvm.icmp "eq" %[[A]], %[[MONE]] : i32
  // CHECK-NEXT: %[[R0:.*]] = llvm.select %[[ISMONE]], %[[SIGN]], %[[ZERO]] : i1, i32
  // CHECK-NEXT: %[[R1:.*]] = llvm.select %[[ISONE]], %[[ONE]], %[[R0]] : i1, i32
  // CHECK-NEXT: %[[NZERO:.*]] = llvm.icmp "eq" %[[N]], %[[ZERO]] : i32
  // CHECK-NEXT: %[[R2:.*]] = llvm.select %[[NZERO]], %[[ONE]], %[[R1]] : i1, i32
  // CHECK-NEXT: %[[NOTPOS:.*]] = llvm.icmp "sle" %[[N]], %[[ZERO]] : i32
  // CHECK-NEXT: %[[Z:.*]] = llvm.mlir.constant(0 : i32) : i32
  // CHECK-NEXT: %[[U:.*]] = llvm.mlir.constant(1 : i32) : i32
  // CHECK-NEXT: llvm.cond_br %[[NOTPOS]], ^[[IEXIT:.*]](%[[R2]] : i32), ^[[ILOOP:.*]](%[[ONE]], %[[A]], %[[N]] : i32, i32, i32)
  // CHECK-NEXT: ^[[ILOOP]](%[[RES:.*]]: i32, %[[POW:.*]]: i32, %[[REM:.*]]: i32):
  // CHECK-NEXT: %[[BIT:.*]] = llvm.and %[[REM]], %[[U]] : i32
  // CHECK-NEXT: %[[SET:.*]] = llvm.icmp "ne" %[[BIT]], %[[Z]] : i32
  // CHECK-NEXT: %[[PROD:.*]] = llvm.mul %[[RES]], %[[POW]] : i32
  // CHECK-NEXT: %[[NEXT:.*]] = llvm.select %[[SET]], %[[PROD]], %[[RES]] : i1, i32
  // CHECK-NEXT: %[[HALF:.*]] = llvm.lshr %[[REM]], %[[U]] : i32
  // CHECK-NEXT: %[[DONE:.*]] = llvm.icmp "eq" %[[HALF]], %[[Z]] : i32
  // CHECK-NEXT: %[[SQ:.*]] = llvm.mul %[[POW]], %[[POW]] : i32
  // CHECK-NEXT: llvm.cond_br %[[DONE]], ^[[IEXIT]](%[[NEXT]] : i32), ^[[ILOOP]](%[[NEXT]], %[[SQ]], %[[HALF]] : i32, i32, i32)
  // CHECK-NEXT: ^[[IEXIT]](%[[IP:.*]]: i32):
  %ip = math.ipowi %a, %n : i32
  // fpowi: the power of |n| (of int_max for int_min, times x), inverted for n < 0.
  // CHECK-NEXT: %[[FONE:.*]] = llvm.mlir.constant(1.000000e+00 : f64) : f64
  // CHECK-NEXT: %[[FZERO:.*]] = llvm.mlir.constant(0 : i32) : i32
  // CHECK-NEXT: %[[MIN:.*]] = llvm.mlir.constant(-2147483648 : i32) : i32
  // CHECK-NEXT: %[[MAX:.*]] = llvm.mlir.constant(2147483647 : i32) : i32
  // CHECK-NEXT: %[[NEG:.*]] = llvm.icmp "slt" %[[N]], %[[FZERO]] : i32
  // CHECK-NEXT: %[[ISMIN:.*]] = llvm.icmp "eq" %[[N]], %[[MIN]] : i32
  // CHECK-NEXT: %[[MINUSN:.*]] = llvm.sub %[[FZERO]], %[[N]] : i32
  // CHECK-NEXT: %[[ABS:.*]] = llvm.select %[[NEG]], %[[MINUSN]], %[[N]] : i1, i32
  // CHECK-NEXT: %[[MAG:.*]] = llvm.select %[[ISMIN]], %[[MAX]], %[[ABS]] : i1, i32
  // CHECK-NEXT: %[[FNZERO:.*]] = llvm.icmp "eq" %[[N]], %[[FZERO]] : i32
  // CHECK:      llvm.cond_br %[[FNZERO]], ^[[FEXIT:.*]](%[[FONE]] : f64), ^[[FLOOP:.*]](%[[FONE]], %[[X]], %[[MAG]] : f64, f64, i32)
  // CHECK-NEXT: ^[[FLOOP]](%[[FRES:.*]]: f64, %[[FPOW:.*]]: f64, %{{.*}}: i32):
  // CHECK:      llvm.fmul %[[FRES]], %[[FPOW]] : f64
  // CHECK:      llvm.fmul %[[FPOW]], %[[FPOW]] : f64
  // CHECK-NEXT: llvm.cond_br
  // CHECK-NEXT: ^[[FEXIT]](%[[FP:.*]]: f64):
  // CHECK-NEXT: %[[TIMESX:.*]] = llvm.fmul %[[FP]], %[[X]] : f64
  // CHECK-NEXT: %[[FIXED:.*]] = llvm.select %[[ISMIN]], %[[TIMESX]], %[[FP]] : i1, f64
  // CHECK-NEXT: %[[INV:.*]] = llvm.fdiv %[[FONE]], %[[FIXED]] : f64
  // CHECK-NEXT: %[[RESULT:.*]] = llvm.select %[[NEG]], %[[INV]], %[[FIXED]] : i1, f64
  %fp = math.fpowi %x, %n : f64, i32
  // CHECK:      llvm.insertvalue %[[IP]], %{{.*}}[0]
  // CHECK-NEXT: llvm.insertvalue %[[RESULT]], %{{.*}}[1]
  return %ip, %fp : i32, f64
}
