# ruff: noqa
# s (1 - s) expanded to s - s * s, but dA multiplies the first term only.
# expect: sigmoid_backward: da; s * s or s ** 2 or parenthes or term; (11)
import numpy as np


def sigmoid_backward(dA, cache):
    Z = cache
    s = 1 / (1 + np.exp(-Z))
    dZ = dA * s - s * s
    return dZ
