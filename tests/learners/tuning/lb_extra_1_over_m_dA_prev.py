# ruff: noqa
# dA_prev divided by m too.
# expect: linear_backward: dA_prev; 1/m; (10)
import numpy as np


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = 1. / m * np.dot(dZ, A_prev.T)
    db = 1. / m * np.sum(dZ, axis=1, keepdims=True)
    dA_prev = 1. / m * np.dot(W.T, dZ)
    return dA_prev, dW, db
