# ruff: noqa
# db sums over axis=0 (over the units) instead of axis=1 (over the examples): db comes out (1, m), not (n, 1).
# expect: linear_backward: db; axis or sum
import numpy as np


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = (dZ @ A_prev.T) / m
    db = np.sum(dZ, axis=0, keepdims=True) / m
    dA_prev = W.T @ dZ
    return dA_prev, dW, db
