# ruff: noqa
# Own while loop over the hidden layers: stores dW/db under "dW" + str(l) (layer index of the cache list) instead of l + 1, so the hidden layer's gradients land in dW0/db0 and dW1/db1 are missing.
# expect: L_model_backward: key or l + 1 or l+1 or index or off-by-one; dw1 or dw0 or db1 or db0 or missing
import numpy as np


def L_model_backward(AL, Y, caches):
    grads = {}
    L = len(caches)
    Y = Y.reshape(AL.shape)
    dAL = -(Y / AL - (1 - Y) / (1 - AL))

    dA, dW, db = linear_activation_backward(dAL, caches[-1], "sigmoid")
    grads["dA" + str(L - 1)], grads["dW" + str(L)], grads["db" + str(L)] = dA, dW, db

    l = L - 2
    while l >= 0:
        dA, dW, db = linear_activation_backward(dA, caches[l], "relu")
        grads["dA" + str(l)] = dA
        grads["dW" + str(l)] = dW
        grads["db" + str(l)] = db
        l -= 1
    return grads
