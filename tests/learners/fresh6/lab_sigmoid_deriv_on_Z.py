# ruff: noqa
# Sigmoid derivative written as Z * (1 - Z): the cache holds Z, and the derivative is s * (1 - s) with s = sigmoid(Z).
# expect: linear_activation_backward: sigmoid; sigmoid(z) or s(z) or s * (1 - s) or s*(1-s) or 1 - s or not z or instead of z or z itself or of z
import numpy as np


def linear_activation_backward(dA, cache, activation):
    linear_cache, Z = cache

    if activation == "relu":
        dZ = np.array(dA, copy=True)
        dZ[Z <= 0] = 0
    elif activation == "sigmoid":
        dZ = dA * Z * (1 - Z)

    dA_prev, dW, db = linear_backward(dZ, linear_cache)
    return dA_prev, dW, db
