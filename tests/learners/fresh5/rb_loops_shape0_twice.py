# ruff: noqa
# Loops over the units and the examples, both bounded by Z.shape[0]: only the first columns masked.
# expect: relu_backward: range or loop or shape[1] or column or shape[0]; z
import numpy as np


def relu_backward(dA, cache):
    Z = cache
    dZ = np.array(dA, copy=True)
    for i in range(Z.shape[0]):
        for j in range(Z.shape[0]):
            if Z[i, j] <= 0:
                dZ[i, j] = 0
    return dZ
