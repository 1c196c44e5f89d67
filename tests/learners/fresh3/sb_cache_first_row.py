# ruff: noqa
# The cache taken for a tuple: cache[0] is Z's first row, broadcast to every unit.
# expect: sigmoid_backward: cache[0] or first row or row; z or cache
import numpy as np


def sigmoid_backward(dA, cache):
    Z = cache[0]
    s = 1 / (1 + np.exp(-Z))
    dZ = dA * s * (1 - s)
    return dZ
