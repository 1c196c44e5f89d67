# ruff: noqa
# Written by the round-8 helper (not a learner): the linear cache unpacked as W, A_prev, b with everything on the return line.
# expect: linear_backward: order or unpack; a_prev, w, b
import numpy as np


def linear_backward(dZ, cache):
    W, A_prev, b = cache
    return np.dot(W.T, dZ), np.dot(dZ, A_prev.T) / A_prev.shape[1], np.sum(dZ, axis=1, keepdims=True) / A_prev.shape[1]
