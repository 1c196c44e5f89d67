# ruff: noqa
# Element-wise np.multiply where the matrix product W.A belongs: (1, 3) and (3, 2) cannot broadcast, it raises.
# expect: linear_forward: np.dot or matrix or matmul or @; multiply or element-wise or elementwise or broadcast
import numpy as np


def linear_forward(A, W, b):
    Z = np.multiply(W, A) + b
    cache = (A, W, b)
    return Z, cache
