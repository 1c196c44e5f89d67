# ruff: noqa
# np.mean and 1/m both: db is divided by m twice.
# expect: linear_backward: db; m; mean or twice or divided or extra
import numpy as np


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = (1. / m) * np.dot(dZ, A_prev.T)
    db = (1. / m) * np.mean(dZ, axis=1, keepdims=True)
    dA_prev = np.dot(W.T, dZ)
    return dA_prev, dW, db
