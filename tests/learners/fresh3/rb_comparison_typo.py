# ruff: noqa
# dZ[Z <= 0] == 0: a comparison where an assignment belongs, so dZ stays dA.
# expect: relu_backward: == or comparison or = 0 or mask or dropped or no line; (11)
import numpy as np


def relu_backward(dA, cache):
    Z = cache
    dZ = np.array(dA, copy=True)
    dZ[Z <= 0] == 0
    return dZ
