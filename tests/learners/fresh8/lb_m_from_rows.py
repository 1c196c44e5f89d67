# ruff: noqa
# m read from A_prev.shape[0] (the number of units of the previous layer), not shape[1] (examples).
# expect: linear_backward: shape[1] or examples or columns; shape[0] or rows or units
import numpy as np


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[0]

    dW = (1. / m) * np.dot(dZ, A_prev.T)
    db = (1. / m) * np.sum(dZ, axis=1, keepdims=True)
    dA_prev = np.dot(W.T, dZ)

    return dA_prev, dW, db
