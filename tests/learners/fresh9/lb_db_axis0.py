# ruff: noqa
# db summed over axis=0 (the units) instead of axis=1 (the examples): shape (1, m), not b's (n, 1).
# expect: linear_backward: db; axis or sum; shape or (1, 4) or (3, 1) or examples
import numpy as np


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]

    dW = dZ @ A_prev.T / m
    db = np.sum(dZ, axis=0, keepdims=True) / m
    dA_prev = W.T @ dZ

    return dA_prev, dW, db
