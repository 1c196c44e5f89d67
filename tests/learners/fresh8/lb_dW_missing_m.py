# ruff: noqa
# dW is not averaged over the examples (no 1/m), db is.
# expect: linear_backward: 1/m or 1 / m or 1. / m or average or mean or divide; dw
import numpy as np


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = dZ @ A_prev.T
    db = np.sum(dZ, axis=1, keepdims=True) / m
    dA_prev = W.T @ dZ
    return dA_prev, dW, db
