# ruff: noqa
# db summed as a column, then .T: a row (1, n) where the course's is a column (n, 1).
# expect: linear_backward: db; transpos or .t or shape
import numpy as np


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = 1 / m * np.dot(dZ, A_prev.T)
    db = 1 / m * np.sum(dZ, axis=1, keepdims=True).T
    dA_prev = np.dot(W.T, dZ)
    return dA_prev, dW, db
