# ruff: noqa
# One loop over all the layers from the top; the output layer is tested with l == L, but l only runs L-1 .. 0, so the sigmoid layer is back-propagated as relu.
# expect: L_model_backward: sigmoid; relu or last or output or off-by-one or off by one
import numpy as np


def L_model_backward(AL, Y, caches):
    grads = {}
    L = len(caches)
    Y = Y.reshape(AL.shape)

    dA = -(Y / AL - (1 - Y) / (1 - AL))
    for l in reversed(range(L)):
        activation = "sigmoid" if l == L else "relu"
        dA, dW, db = linear_activation_backward(dA, caches[l], activation)
        grads["dA" + str(l)] = dA
        grads["dW" + str(l + 1)] = dW
        grads["db" + str(l + 1)] = db

    return grads
