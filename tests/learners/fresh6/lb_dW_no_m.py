# ruff: noqa
# dW is missing the 1/m (db has it): dW comes out m times too large.
# expect: linear_backward: dw; 1/m or 1 / m or / m or average or mean or divid
import numpy as np


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]

    dW = dZ @ A_prev.T
    db = np.sum(dZ, axis=1, keepdims=True) / m
    dA_prev = W.T @ dZ

    return dA_prev, dW, db
