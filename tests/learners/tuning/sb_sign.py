# ruff: noqa
# The learner's own sigmoid_backward with s - 1 for 1 - s.
# expect: sigmoid_backward: sign or -1 or minus
import numpy as np


def sigmoid_backward(dA, cache):
    Z = cache
    s = 1 / (1 + np.exp(-Z))
    return dA * s * (s - 1)
