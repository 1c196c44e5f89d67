# ruff: noqa
# Written by the round-8 helper (not a learner): m hard-coded as 6 in linear_backward.
# expect: linear_backward: 6; a_prev.shape[1] or examples
import numpy as np


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = 6
    dW = np.dot(dZ, A_prev.T) / m
    db = np.sum(dZ, axis=1, keepdims=True) / m
    dA_prev = np.dot(W.T, dZ)
    return dA_prev, dW, db
