# ruff: noqa
# "shapes (3,5) and (3,4) not aligned": dA_prev uses W instead of W.T.
# expect: linear_backward: .t or transpos or w.t; da_prev or shape or align
import numpy as np


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = np.dot(dZ, A_prev.T) / m
    db = np.sum(dZ, axis=1, keepdims=True) / m
    dA_prev = np.dot(W, dZ)
    return dA_prev, dW, db
