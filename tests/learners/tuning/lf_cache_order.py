# ruff: noqa
# The linear cache stored in the wrong order.
# expect: linear_forward: linear_cache; W or A_prev
import numpy as np


def linear_forward(A, W, b):
    Z = np.dot(W, A) + b
    cache = (W, A, b)
    return Z, cache
