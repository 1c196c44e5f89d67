# ruff: noqa
# np.multiply(W, A) is elementwise: (1, 3) * (3, 2) cannot broadcast; Z = W A needs np.dot.
# expect: linear_forward: np.dot or matrix product or matmul or @; multiply or elementwise or element-wise or broadcast
import numpy as np


def linear_forward(A, W, b):
    Z = np.multiply(W, A) + b
    cache = (A, W, b)
    return Z, cache
