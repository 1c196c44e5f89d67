# ruff: noqa
# relu_backward zeroes dZ where dA <= 0 instead of where Z <= 0 (masks on the gradient, not the cached Z).
# expect: relu_backward: z <= 0 or z<=0 or z > 0 or z>0 or cache or where z or of z; da
import numpy as np


def relu_backward(dA, cache):
    Z = cache
    dZ = np.array(dA, copy=True)
    dZ[dA <= 0] = 0
    return dZ
