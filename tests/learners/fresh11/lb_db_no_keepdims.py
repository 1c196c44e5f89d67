# ruff: noqa
# np.sum over axis 1 without keepdims=True: db comes out shape (n,) instead of (n, 1).
# expect: linear_backward: keepdims or shape or (3, 1) or column or rank; db
import numpy as np


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = 1. / m * dZ @ A_prev.T
    db = 1. / m * np.sum(dZ, axis=1)
    dA_prev = W.T @ dZ
    return dA_prev, dW, db
