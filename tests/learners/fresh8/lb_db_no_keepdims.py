# ruff: noqa
# db summed over axis 1 without keepdims: shape (n,) instead of (n, 1) ("db shape is wrong").
# expect: linear_backward: keepdims or shape or (n, 1) or rank; db
import numpy as np


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]

    dW = 1 / m * np.dot(dZ, A_prev.T)
    db = 1 / m * np.sum(dZ, axis=1)
    dA_prev = np.dot(W.T, dZ)

    return dA_prev, dW, db
