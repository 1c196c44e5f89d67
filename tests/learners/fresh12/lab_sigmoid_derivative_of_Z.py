# ruff: noqa
# The learner writes the sigmoid derivative inline as Z (1 - Z), treating the cached Z as if it were the activation A = sigmoid(Z).
# expect: linear_activation_backward: sigmoid(z) or sigmoid of z or s * (1 - s) or a * (1 - a) or activation; z * (1 - z) or z(1 - z) or z instead or not z or derivative
import numpy as np


def linear_activation_backward(dA, cache, activation):
    linear_cache, Z = cache
    if activation == "relu":
        dZ = dA * (Z > 0)
    else:
        dZ = dA * Z * (1 - Z)   # sigmoid'(z) = a(1 - a)
    return linear_backward(dZ, linear_cache)
