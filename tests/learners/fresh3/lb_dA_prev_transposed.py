# ruff: noqa
# dA_prev = dZ.T W: the transpose of W.T dZ, one example per row.
# expect: linear_backward: da_prev; transpose
import numpy as np


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = np.dot(dZ, A_prev.T) / m
    db = np.sum(dZ, axis=1, keepdims=True) / m
    dA_prev = np.dot(dZ.T, W)
    return dA_prev, dW, db
