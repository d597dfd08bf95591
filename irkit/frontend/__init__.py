"""Front ends: languages and model formats that irkit compiles, each into one of its IR
levels (Tensor Comprehensions into `ta`)."""
