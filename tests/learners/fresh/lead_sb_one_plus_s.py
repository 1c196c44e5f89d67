# ruff: noqa
# The lead's: (1 - s) written as (1 + s).
# expect: sigmoid_backward: 1 - s; 1 + s or sign
import numpy as np


def sigmoid_backward(dA, cache):
    Z = cache
    s = 1/(1+np.exp(-Z))
    return dA * s * (1 + s)
