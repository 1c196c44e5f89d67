# ruff: noqa
# sigmoid_backward returns the derivative s (1 - s) alone: the chain rule's factor dA is missing.
# expect: sigmoid_backward: da or chain; multipl or times or factor or missing
import numpy as np


def sigmoid_backward(dA, cache):
    Z = cache
    s = 1 / (1 + np.exp(-Z))
    dZ = s * (1 - s)
    assert dZ.shape == Z.shape
    return dZ
