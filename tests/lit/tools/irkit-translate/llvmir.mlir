// The llvm dialect to LLVM IR: functions, their C-interface wrappers, control flow with
// block arguments as phis, intrinsic calls and globals.
//
// RUN: irkit-translate %s --mlir-to-llvmir | FileCheck %s
// RUN: irkit-translate %s -o - | FileCheck %s

// CHECK: @table = private constant [2 x [2 x float]] {{\[}}[2 x float] [float 1.000000e+00, float 2.000000e+00], [2 x float] [float 3.000000e+00, float 4.000000e+00]]
llvm.mlir.global private constant @table(dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>)
    {addr_space = 0 : i32} : !llvm.array<2 x array<2 x f32>>

// CHECK-LABEL: define i64 @count_down(i64 %{{.*}})
// CHECK: phi i64
// CHECK: icmp sgt i64
// CHECK: br i1
// CHECK: ret i64
llvm.func @count_down(%n: i64) -> i64 {
  %zero = llvm.mlir.constant(0 : i64) : i64
  %one = llvm.mlir.constant(1 : i64) : i64
  llvm.br ^loop(%n : i64)
^loop(%i: i64):
  %more = llvm.icmp "sgt" %i, %zero : i64
  llvm.cond_br %more, ^body, ^done
^body:
  %next = llvm.sub %i, %one : i64
  llvm.br ^loop(%next : i64)
^done:
  llvm.return %i : i64
}

// CHECK-LABEL: define float @clamp_sqrt(float %{{.*}})
// CHECK: call float @llvm.sqrt.f32(float
// CHECK: call i32 @llvm.fptosi.sat.i32.f32(float
// CHECK: call float @llvm.maxnum.f32(float
llvm.func @clamp_sqrt(%x: f32) -> f32 {
  %r = llvm.intr.sqrt(%x) : (f32) -> f32
  %i = llvm.call_intrinsic "llvm.fptosi.sat"(%r) : (f32) -> i32
  %f = llvm.sitofp %i : i32 to f32
  %m = llvm.intr.maxnum(%f, %r) : (f32, f32) -> f32
  llvm.return %m : f32
}

// One intrinsic at two types: a declaration for each, named by its type.
// CHECK-LABEL: define <4 x float> @exp_both(float %{{.*}}, <4 x float> %{{.*}})
// CHECK: call float @llvm.exp.f32(float
// CHECK: call fast <4 x float> @llvm.exp.v4f32(<4 x float>
llvm.func @exp_both(%x: f32, %v: vector<4xf32>) -> vector<4xf32> {
  %e = llvm.intr.exp(%x) : (f32) -> f32
  %w = llvm.intr.exp(%v) {fastmathFlags = #llvm.fastmath<fast>} : (vector<4xf32>) -> vector<4xf32>
  llvm.return %w : vector<4xf32>
}

// CHECK-LABEL: define void @_mlir_ciface_first(ptr %{{.*}}, ptr %{{.*}})
// CHECK: getelementptr inbounds [2 x [2 x float]], ptr @table, i32 0, i64 0, i64 0
// CHECK: load float, ptr
// CHECK: store float
llvm.func @_mlir_ciface_first(%out: !llvm.ptr, %unused: !llvm.ptr) attributes {llvm.emit_c_interface} {
  %c0 = llvm.mlir.constant(0 : i64) : i64
  %table = llvm.mlir.addressof @table : !llvm.ptr
  %p = llvm.getelementptr inbounds %table[0, %c0, %c0] : (!llvm.ptr, i64, i64) -> !llvm.ptr, !llvm.array<2 x array<2 x f32>>
  %v = llvm.load %p : !llvm.ptr -> f32
  llvm.store %v, %out : f32, !llvm.ptr
  llvm.return
}

// CHECK: declare ptr @malloc(i64)
llvm.func @malloc(i64) -> !llvm.ptr

// What MLIR 22's own lowering prints: llvm.mlir.poison, and inbounds as a no-wrap flag.
// CHECK-LABEL: define { ptr, i64 } @mlir_style(ptr %{{.*}}, i64 %{{.*}})
// CHECK: getelementptr inbounds float, ptr
// CHECK: insertvalue { ptr, i64 } undef, ptr
llvm.func @mlir_style(%p: !llvm.ptr, %i: i64) -> !llvm.struct<(ptr, i64)> {
  %0 = llvm.mlir.poison : !llvm.struct<(ptr, i64)>
  %q = "llvm.getelementptr"(%p, %i) <{elem_type = f32, noWrapFlags = 3 : i32, rawConstantIndices = array<i32: -2147483648>}> : (!llvm.ptr, i64) -> !llvm.ptr
  %1 = llvm.insertvalue %q, %0[0] : !llvm.struct<(ptr, i64)>
  %2 = llvm.insertvalue %i, %1[1] : !llvm.struct<(ptr, i64)>
  llvm.return %2 : !llvm.struct<(ptr, i64)>
}
