# ruff: noqa
# The learner's own derivative helpers return g'(Z) and dZ is set to it: the multiplication by dA (chain rule) is missing.
# expect: linear_activation_backward: da or chain or multipl; dz or deriv or g'
import numpy as np


def derivative(Z, activation):
    if activation == "sigmoid":
        s = 1 / (1 + np.exp(-Z))
        return s * (1 - s)
    return (Z > 0).astype(float)


def linear_activation_backward(dA, cache, activation):
    (A_prev, W, b), Z = cache
    m = A_prev.shape[1]
    dZ = derivative(Z, activation)
    dW = np.dot(dZ, A_prev.T) / m
    db = np.sum(dZ, axis=1, keepdims=True) / m
    dA_prev = np.dot(W.T, dZ)
    return dA_prev, dW, db
