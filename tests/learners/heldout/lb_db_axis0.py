# ruff: noqa
# db summed over the units (axis 0).
# expect: linear_backward: db; axis
import numpy as np


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = 1 / m * dZ @ A_prev.T
    db = 1 / m * np.sum(dZ, axis=0, keepdims=True)
    dA_prev = W.T @ dZ
    return dA_prev, dW, db
