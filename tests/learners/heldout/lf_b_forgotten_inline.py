# ruff: noqa
# Z without its bias, written with np.matmul.
# expect: linear_forward: b; (4)
import numpy as np


def linear_forward(A, W, b):
    Z = np.matmul(W, A)
    cache = (A, W, b)
    return Z, cache
