# ruff: noqa
# dW is averaged but db is not: db needs the same 1/m as dW.
# expect: linear_backward: db; 1/m or 1 / m or average or mean or divide
import numpy as np


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]

    dW = (1 / m) * np.dot(dZ, A_prev.T)
    db = np.sum(dZ, axis=1, keepdims=True)
    dA_prev = np.dot(W.T, dZ)

    return dA_prev, dW, db
