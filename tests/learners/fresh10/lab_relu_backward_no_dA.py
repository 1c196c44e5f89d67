# ruff: noqa
# Own relu_backward returns relu's derivative (1 where Z > 0) and forgets to multiply by dA (chain rule).
# expect: linear_activation_backward: relu_backward or relu; chain or multipl or times da or by da or * da or da *
import numpy as np


def relu_backward(dA, cache):
    Z = cache
    dZ = np.where(Z > 0, 1.0, 0.0)
    return dZ


def linear_activation_backward(dA, cache, activation):
    linear_cache, activation_cache = cache
    if activation == "relu":
        dZ = relu_backward(dA, activation_cache)
    elif activation == "sigmoid":
        dZ = sigmoid_backward(dA, activation_cache)
    dA_prev, dW, db = linear_backward(dZ, linear_cache)
    return dA_prev, dW, db
