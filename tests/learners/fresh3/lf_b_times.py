# ruff: noqa
# The bias multiplied in: np.dot(W, A) * b.
# expect: linear_forward: b; + or added or (4)
import numpy as np


def linear_forward(A, W, b):
    Z = np.dot(W, A) * b
    cache = (A, W, b)
    return Z, cache
