# ruff: noqa
# db sums over axis 0 (the units) instead of axis 1 (the examples): a (1, m) row instead of (n, 1).
# expect: linear_backward: axis; db
import numpy as np


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]

    dW = (1 / m) * np.dot(dZ, A_prev.T)
    db = (1 / m) * np.sum(dZ, axis=0, keepdims=True)
    dA_prev = np.dot(W.T, dZ)

    return dA_prev, dW, db
