# ruff: noqa
# sigmoid_backward uses dA * s: the (1 - s) factor of the sigmoid derivative is missing.
# expect: sigmoid_backward: 1 - s or (1 - s) or 1-s or deriv
import numpy as np


def sigmoid_backward(dA, cache):
    Z = cache
    s = 1 / (1 + np.exp(-Z))
    dZ = dA * s
    return dZ
