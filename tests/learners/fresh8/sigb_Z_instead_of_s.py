# ruff: noqa
# The lecture's g'(z) = a(1 - a) written with Z itself instead of s = sigmoid(Z).
# expect: sigmoid_backward: sigmoid(z) or sigmoid of z or exp or 1 / (1 +; (1 - s) or s * (1 - or derivative
import numpy as np


def sigmoid_backward(dA, cache):
    Z = cache
    dZ = dA * Z * (1 - Z)
    return dZ
