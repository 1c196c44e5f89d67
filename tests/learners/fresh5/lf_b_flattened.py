# ruff: noqa
# b[:, 0]: the bias flattened to (n,), so NumPy adds it along the examples, not the units.
# expect: linear_forward: b; shape or column or [:, 0] or broadcast or (n, 1)
import numpy as np


def linear_forward(A, W, b):
    Z = np.dot(W, A) + b[:, 0]
    cache = (A, W, b)
    return Z, cache
