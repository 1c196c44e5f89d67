# ruff: noqa
# dW = np.dot(dZ, A_prev): A_prev without its transpose, the shapes do not fit.
# expect: linear_backward: a_prev; (8) or dw
import numpy as np


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = 1 / m * np.dot(dZ, A_prev)
    db = 1 / m * np.sum(dZ, axis=1, keepdims=True)
    dA_prev = np.dot(W.T, dZ)
    return dA_prev, dW, db
