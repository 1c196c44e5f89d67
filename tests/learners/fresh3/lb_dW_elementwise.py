# ruff: noqa
# dZ * A_prev.T, element by element, where the matrix product belongs.
# expect: linear_backward: dw or (8); np.dot or product or np.multiply or *
import numpy as np


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = 1 / m * dZ * A_prev.T
    db = 1 / m * np.sum(dZ, axis=1, keepdims=True)
    dA_prev = np.dot(W.T, dZ)
    return dA_prev, dW, db
