# ruff: noqa
# dW is the plain product dZ . A_prev^T, never divided by m (db and dA_prev are right).
# expect: linear_backward: 1/m or 1 / m or divide or average or mean; dw
import numpy as np


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]

    dW = np.dot(dZ, A_prev.T)
    db = 1 / m * np.sum(dZ, axis=1, keepdims=True)
    dA_prev = np.dot(W.T, dZ)

    return dA_prev, dW, db
