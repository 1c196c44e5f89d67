# ruff: noqa
# relu_backward zeroes dZ where dA <= 0 instead of where Z <= 0 (the mask must come from the cache Z).
# expect: relu_backward: cache or z <= 0 or z<=0 or z > 0 or z>0 or of z or where z; da
import numpy as np


def relu_backward(dA, cache):
    Z = cache
    dZ = np.array(dA, copy=True)
    dZ[dA <= 0] = 0
    return dZ
