# ruff: noqa
# relu_backward zeroes the gradient where dA <= 0 instead of where Z <= 0: it masks on the incoming gradient, not on the pre-activation from the cache.
# expect: relu_backward: z <= 0 or z<=0 or cache or z > 0 or z>0; da
import numpy as np


def relu_backward(dA, cache):
    Z = cache
    dZ = np.array(dA, copy=True)
    dZ[dA <= 0] = 0
    assert dZ.shape == Z.shape
    return dZ
