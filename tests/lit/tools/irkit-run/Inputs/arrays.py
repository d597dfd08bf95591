"""Helpers of the irkit-run lit tests.

    arrays.py save FILE.npy:SHAPE:DTYPE[:fortran]...  random values in [0.5, 1.5)
    arrays.py check OUT.npz EXPRESSION...             one numpy expression per output, of
                                                      NAME=FILE.npy bindings before them
"""

import sys

import numpy as np


def save(path: str, shape: str, dtype: str, order: str = "C") -> None:
    dims = tuple(int(d) for d in shape.split("x"))
    values = np.random.default_rng(len(path)).uniform(0.5, 1.5, dims).astype(dtype)
    np.save(path, np.asfortranarray(values) if order == "fortran" else values)


def check(path: str, arguments: list[str]) -> None:
    names = {"np": np}
    expressions = []
    for argument in arguments:
        name, eq, value = argument.partition("=")
        if eq and name.isidentifier():
            names[name] = np.load(value)
        else:
            expressions.append(argument)
    with np.load(path) as saved:
        print("outputs:", " ".join(saved.files))
        for position, expression in enumerate(expressions):
            actual = saved[f"arr_{position}"]
            expected = eval(expression, names)
            close = actual.shape == expected.shape and np.allclose(actual, expected, 1e-5, 1e-5)
            print(f"arr_{position} {actual.dtype} {list(actual.shape)}:", "ok" if close else "WRONG")


if __name__ == "__main__":
    if sys.argv[1] == "save":
        for spec in sys.argv[2:]:
            save(*spec.split(":"))
    else:
        check(sys.argv[2], sys.argv[3:])
