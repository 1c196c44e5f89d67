# ruff: noqa
# (1 // m): integer division makes the factor 0, so dW and db are zeros.
# expect: linear_backward: 1/m or 1 // m; zero or 0
import numpy as np


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = (1 // m) * np.dot(dZ, A_prev.T)
    db = (1 // m) * np.sum(dZ, axis=1, keepdims=True)
    dA_prev = np.dot(W.T, dZ)
    return dA_prev, dW, db
