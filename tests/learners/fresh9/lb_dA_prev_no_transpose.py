# ruff: noqa
# dA_prev = W dZ without the transpose: (3, 5) by (3, 4) is not aligned; it must be W.T dZ.
# expect: linear_backward: da_prev; transpos or .t or w.t; shape or align
import numpy as np


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]

    dW = 1. / m * np.dot(dZ, A_prev.T)
    db = 1. / m * np.sum(dZ, axis=1, keepdims=True)
    dA_prev = np.dot(W, dZ)

    return dA_prev, dW, db
