# ruff: noqa
# Element-wise np.multiply instead of the matrix product: W (1, 3) and A (3, 2) do not broadcast, ValueError.
# expect: linear_forward: np.dot or matrix or @ or matmul; multiply or element-wise or elementwise or broadcast
import numpy as np


def linear_forward(A, W, b):
    Z = np.multiply(W, A) + b
    cache = (A, W, b)
    return Z, cache
