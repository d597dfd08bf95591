// --target, --cpu, --features and --emit: the same module for several targets.
//
// RUN: irkit-translate %s --target=aarch64-linux-gnu --emit=asm -O2 | FileCheck %s --check-prefix=AARCH64
// RUN: irkit-translate %s --target=riscv64-unknown-linux-gnu --features=+v --emit=asm | FileCheck %s --check-prefix=RISCV
// RUN: irkit-translate %s --target=thumbv7em-none-eabi --cpu=cortex-m4 --emit=asm | FileCheck %s --check-prefix=THUMB
// RUN: irkit-translate %s --target=wasm32-unknown-unknown --emit=asm | FileCheck %s --check-prefix=WASM
// RUN: irkit-translate %s --target=powerpc64le-unknown-linux-gnu -O3 | FileCheck %s --check-prefix=PPC
// RUN: irkit-translate %s --emit=ptx | FileCheck %s --check-prefix=PTX
// RUN: irkit-translate %s --target=aarch64-linux-gnu --emit=obj -o %t.o
// RUN: %python -c "import sys; d = open(sys.argv[1], 'rb').read(); sys.exit(d[:4] != b'\x7fELF' or d[18] != 183)" %t.o

// AARCH64: _mlir_ciface_add_one:
// AARCH64: fadd s0
// RISCV: .attribute 5, "rv64i2p1{{.*}}_v1p0
// THUMB: .cpu cortex-m4
// THUMB: .code 16
// WASM: .functype _mlir_ciface_add_one (i32) -> ()
// PPC: target triple = "powerpc64le-unknown-linux-gnu"
// PTX: .target sm_80
// PTX: .visible .entry _mlir_ciface_add_one(

llvm.func @_mlir_ciface_add_one(%p: !llvm.ptr) attributes {llvm.emit_c_interface} {
  %x = llvm.load %p : !llvm.ptr -> f32
  %one = llvm.mlir.constant(1.0 : f32) : f32
  %y = llvm.fadd %x, %one : f32
  llvm.store %y, %p : f32, !llvm.ptr
  llvm.return
}
