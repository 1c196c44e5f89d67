# ruff: noqa
# One loop over the reversed caches (zip with the layer numbers) that uses "sigmoid" for every layer: the hidden layers are relu layers and need relu_backward.
# expect: L_model_backward: relu; hidden or every layer or all layers or each layer or only the last or output layer
import numpy as np


def L_model_backward(AL, Y, caches):
    grads = {}
    L = len(caches)
    Y = Y.reshape(AL.shape)
    dA = -(Y / AL - (1 - Y) / (1 - AL))

    for l, cache in zip(range(L, 0, -1), reversed(caches)):
        dA, dW, db = linear_activation_backward(dA, cache, "sigmoid")
        grads[f"dA{l - 1}"] = dA
        grads[f"dW{l}"] = dW
        grads[f"db{l}"] = db

    return grads
