# ruff: noqa
# The cache holds Z, but it is used as if it were A = sigmoid(Z): dZ = dA * Z * (1 - Z) instead of dA * s * (1 - s) with s = sigmoid(Z).
# expect: sigmoid_backward: sigmoid(z) or s = 1 or 1 / (1 + or 1/(1+ or exp(-z) or exp; cache
import numpy as np


def sigmoid_backward(dA, cache):
    A = cache
    dZ = dA * A * (1 - A)
    return dZ
