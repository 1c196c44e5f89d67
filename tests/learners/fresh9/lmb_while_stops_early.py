# ruff: noqa
# A while loop over the hidden layers that stops at l > 1: layer 1 is never done, dW1, db1 and dA0 are missing.
# expect: L_model_backward: loop or while or off-by-one or >= or condition; dw1 or db1 or first layer or layer 1 or missing
import numpy as np


def L_model_backward(AL, Y, caches):
    grads = {}
    L = len(caches)
    Y = Y.reshape(AL.shape)

    dA = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
    dA, grads["dW" + str(L)], grads["db" + str(L)] = linear_activation_backward(dA, caches[L - 1], "sigmoid")
    grads["dA" + str(L - 1)] = dA

    l = L - 1
    while l > 1:
        dA, dW, db = linear_activation_backward(dA, caches[l - 1], "relu")
        grads["dA" + str(l - 1)] = dA
        grads["dW" + str(l)] = dW
        grads["db" + str(l)] = db
        l -= 1

    return grads
