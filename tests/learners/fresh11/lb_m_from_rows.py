# ruff: noqa
# m taken as dZ.shape[0] (the number of units) instead of the number of examples (shape[1]): dW and db divided by the wrong m.
# expect: linear_backward: shape[1] or shape[0] or examples or units or rows or columns
import numpy as np


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = dZ.shape[0]
    dW = np.dot(dZ, A_prev.T) / m
    db = np.sum(dZ, axis=1, keepdims=True) / m
    dA_prev = np.dot(W.T, dZ)
    return dA_prev, dW, db
