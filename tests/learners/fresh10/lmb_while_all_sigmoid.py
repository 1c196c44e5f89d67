# ruff: noqa
# Rewrote the backward pass as one while loop over the layers, but every layer goes through "sigmoid" (the hidden layers are relu).
# expect: L_model_backward: relu; sigmoid; hidden or loop or layer or activation
import numpy as np


def L_model_backward(AL, Y, caches):
    grads = {}
    L = len(caches)
    Y = Y.reshape(AL.shape)
    dA = -(Y / AL - (1 - Y) / (1 - AL))
    l = L
    while l >= 1:
        dA, dW, db = linear_activation_backward(dA, caches[l - 1], "sigmoid")
        grads["dA" + str(l - 1)] = dA
        grads["dW" + str(l)] = dW
        grads["db" + str(l)] = db
        l -= 1
    return grads
