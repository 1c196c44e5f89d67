# ruff: noqa
# Two mistakes: dW without 1/m, and db summed over axis 0.
# expect: linear_backward: dw; 1/m; db; axis 0
import numpy as np


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = dZ @ A_prev.T
    db = np.sum(dZ, axis=0, keepdims=True) / m
    dA_prev = W.T @ dZ
    return dA_prev, dW, db
