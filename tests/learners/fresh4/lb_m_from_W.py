# ruff: noqa
# m read from W.shape[1], the previous layer's width, where A_prev.shape[1] belongs.
# expect: linear_backward: m; a_prev.shape[1] or examples or n_prev
import numpy as np


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = W.shape[1]
    dW = 1 / m * np.dot(dZ, A_prev.T)
    db = 1 / m * np.sum(dZ, axis=1, keepdims=True)
    dA_prev = np.dot(W.T, dZ)
    return dA_prev, dW, db
