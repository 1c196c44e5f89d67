# ruff: noqa
# dW = dZ^T A_prev / m: the transpose is on the wrong factor, (4, 3) by (5, 4) raises "shapes not aligned"; it should be dZ A_prev^T.
# expect: linear_backward: transpos or .t or shape or aligned; a_prev or dz; dw
import numpy as np


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = np.dot(dZ.T, A_prev) / m
    db = np.sum(dZ, axis=1, keepdims=True) / m
    dA_prev = np.dot(W.T, dZ)
    return dA_prev, dW, db
