// The whole chain: TC to ta, lowered to the llvm dialect, translated for other targets.
//
// RUN: irkit-tc %examples/tc/conv2d.tc | irkit-opt --lower-to-llvm | irkit-translate - --target=aarch64-linux-gnu --emit=asm -O3 | FileCheck %s --check-prefix=AARCH64
// RUN: irkit-tc %examples/tc/softmax.tc | irkit-opt --lower-to-llvm | irkit-translate --target=riscv64-unknown-linux-gnu --features=+v --emit=obj -O2 -o %t.o
// RUN: %python -c "import sys; d = open(sys.argv[1], 'rb').read(); sys.exit(d[:4] != b'\x7fELF' or d[18] != 243)" %t.o
// RUN: irkit-tc %examples/tc/matmul.tc | irkit-opt --lower-to-llvm | irkit-translate | FileCheck %s --check-prefix=HOST

// AARCH64: .globl _mlir_ciface_conv2d
// AARCH64: _mlir_ciface_conv2d:
// HOST: define void @matmul(
// HOST: define void @_mlir_ciface_matmul(ptr
