# ruff: noqa
# s computed from dA where the cache's Z belongs.
# expect: sigmoid_backward: da; z or cache
import numpy as np


def sigmoid_backward(dA, cache):
    Z = cache
    s = 1 / (1 + np.exp(-dA))
    dZ = dA * s * (1 - s)
    return dZ
