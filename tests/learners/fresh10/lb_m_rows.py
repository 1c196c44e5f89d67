# ruff: noqa
# m taken from A_prev.shape[0] (the number of units) instead of shape[1] (the number of examples): dW and db are scaled wrong.
# expect: linear_backward: shape[1] or examples; shape[0] or units or rows or features
import numpy as np


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[0]
    dW = np.dot(dZ, A_prev.T) / m
    db = np.sum(dZ, axis=1, keepdims=True) / m
    dA_prev = np.dot(W.T, dZ)
    return dA_prev, dW, db
