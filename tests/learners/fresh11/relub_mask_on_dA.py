# ruff: noqa
# The mask is taken on dA instead of on Z (the cache): relu's gradient zeroes dZ where Z <= 0, whatever the sign of dA.
# expect: relu_backward: z <= 0 or z<=0 or z > 0 or z>0 or cache or where z; da <= 0 or da<=0 or da[ or sign of da or on da or by da or of da
import numpy as np


def relu_backward(dA, cache):
    Z = cache
    dZ = np.array(dA, copy=True)
    dZ[dA <= 0] = 0
    return dZ
