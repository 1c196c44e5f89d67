# ruff: noqa
# "shapes (3,4) and (5,4) not aligned": dW = dZ A_prev without the transpose of A_prev.
# expect: linear_backward: dw; a_prev.t or transpos or .t; shape or align
import numpy as np


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = (dZ @ A_prev) / m
    db = np.sum(dZ, axis=1, keepdims=True) / m
    dA_prev = W.T @ dZ
    return dA_prev, dW, db
