# ruff: noqa
# dW without 1/m, written with np.matmul and a comprehension of nothing special.
# expect: linear_backward: dW; 1/m; (8)
import numpy as np


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = np.matmul(dZ, A_prev.T)
    db = np.mean(dZ, axis=1, keepdims=True)
    dA_prev = np.matmul(W.T, dZ)
    return dA_prev, dW, db
