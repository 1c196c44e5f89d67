# ruff: noqa
# dA_prev = W . dZ without the transpose: (3, 5) times (3, 4) is not aligned and raises.
# expect: linear_backward: transpos or w.t or .t; da_prev or shape or align
import numpy as np


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]

    dW = dZ @ A_prev.T / m
    db = dZ.sum(axis=1, keepdims=True) / m
    dA_prev = W @ dZ

    return dA_prev, dW, db
