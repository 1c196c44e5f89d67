# ruff: noqa
# (1 - s) typed as (1 - dA).
# expect: sigmoid_backward: 1 - s or s; da
import numpy as np


def sigmoid_backward(dA, cache):
    Z = cache
    s = 1 / (1 + np.exp(-Z))
    dZ = dA * s * (1 - dA)
    return dZ
