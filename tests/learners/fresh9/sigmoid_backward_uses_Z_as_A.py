# ruff: noqa
# The cache holds Z, not sigmoid(Z): the derivative is s(1 - s) with s = sigmoid(Z), not Z(1 - Z).
# expect: sigmoid_backward: sigmoid(z) or s * (1 - s) or s(1 - s) or 1 / (1 + np.exp; cache or z * (1 - z) or z(1 - z) or holds z or is z
import numpy as np


def sigmoid_backward(dA, cache):
    Z = cache
    dZ = dA * Z * (1 - Z)
    return dZ
