# ruff: noqa
# "operands could not be broadcast together": uses * (element-wise) where W A is a matrix product.
# expect: linear_forward: np.dot or matrix or @ or matmul; elementwise or element-wise or np.multiply or broadcast
import numpy as np


def linear_forward(A, W, b):
    Z = W * A + b
    cache = (A, W, b)
    return Z, cache
