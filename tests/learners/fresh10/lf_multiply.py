# ruff: noqa
# Uses the element-wise np.multiply where the matrix product W A belongs: "operands could not be broadcast together".
# expect: linear_forward: np.dot or matmul or matrix product or matrix multipl; multiply or element-wise or elementwise or broadcast
import numpy as np


def linear_forward(A, W, b):
    Z = np.multiply(W, A) + b
    cache = (A, W, b)
    return Z, cache
