# ruff: noqa
# Written by the round-9 helper (not a learner): dA_prev = W @ dZ with @, where the course's (10) has np.dot(W.T, dZ).
# expect: linear_backward: da_prev; w.t; shape
import numpy as np


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = dZ @ A_prev.T / m
    db = dZ.sum(axis=1, keepdims=True) / m
    dA_prev = W @ dZ
    return dA_prev, dW, db
