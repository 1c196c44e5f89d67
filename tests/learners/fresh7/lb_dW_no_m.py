# ruff: noqa
# dW is missing the 1/m (db has it), so dW is m times too big.
# expect: linear_backward: dw; 1/m or 1 / m or / m or average or mean
import numpy as np


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]

    dW = np.dot(dZ, A_prev.T)
    db = 1 / m * np.sum(dZ, axis=1, keepdims=True)
    dA_prev = np.dot(W.T, dZ)

    return dA_prev, dW, db
