# ruff: noqa
# dW = A_prev dZ^T / m: the transpose of the right dW, shape (n_prev, n) instead of W's (n, n_prev).
# expect: linear_backward: dw; transpos or order or .t or swap
import numpy as np


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = np.dot(A_prev, dZ.T) / m
    db = np.sum(dZ, axis=1, keepdims=True) / m
    dA_prev = np.dot(W.T, dZ)
    return dA_prev, dW, db
