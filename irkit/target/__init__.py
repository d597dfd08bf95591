"""Code generation: the llvm dialect to LLVM IR, and LLVM IR to assembly or objects."""
