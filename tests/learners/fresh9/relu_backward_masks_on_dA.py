# ruff: noqa
# The mask is taken from dA instead of from Z (the cache): relu's gradient is zero where Z <= 0.
# expect: relu_backward: cache or z <= 0 or z < 0 or of z; mask or da <= 0 or sign of da
import numpy as np


def relu_backward(dA, cache):
    Z = cache
    dZ = np.array(dA, copy=True)
    dZ[dA <= 0] = 0
    return dZ
