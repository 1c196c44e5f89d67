# ruff: noqa
# The learner's own derivative helper returns e^-z / (1 + e^-z), not e^-z / (1 + e^-z)^2 = s(1 - s).
# expect: linear_activation_backward: derivative or s * (1 - s) or s(1 - s) or square or squared; sigmoid
import numpy as np


def sigmoid_prime(z):
    # d/dz 1/(1+e^-z)
    return np.exp(-z) / (1 + np.exp(-z))


def linear_activation_backward(dA, cache, activation):
    linear_cache, Z = cache

    if activation == "relu":
        dZ = dA * (Z > 0)
    elif activation == "sigmoid":
        dZ = dA * sigmoid_prime(Z)
    else:
        raise ValueError(activation)

    dA_prev, dW, db = linear_backward(dZ, linear_cache)
    return dA_prev, dW, db
