# ruff: noqa
# relu_backward returns relu's derivative alone, g'(Z), without multiplying by dA.
# expect: relu_backward: da; (11)
import numpy as np


def relu_backward(dA, cache):
    Z = cache
    dZ = np.where(Z > 0, 1, 0)
    return dZ
