# ruff: noqa
# np.dot(W.T, A): W transposed, the shapes do not fit.
# expect: linear_forward: w.t or transpos; w
import numpy as np


def linear_forward(A, W, b):
    Z = np.dot(W.T, A) + b
    cache = (A, W, b)
    return Z, cache
