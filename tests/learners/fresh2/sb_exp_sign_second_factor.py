# ruff: noqa
# sigmoid written out twice; the second time np.exp(Z) where np.exp(-Z) belongs.
# expect: sigmoid_backward: -z or sign or minus; (11)
import numpy as np


def sigmoid_backward(dA, cache):
    Z = cache
    dZ = dA * (1 / (1 + np.exp(-Z))) * (1 - 1 / (1 + np.exp(Z)))
    return dZ
