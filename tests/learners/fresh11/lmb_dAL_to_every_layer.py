# ruff: noqa
# Every relu layer is fed dAL instead of the dA that the layer above returned (grads["dA" + str(l + 1)]): dAL is (1, m), the hidden layer's Z is (3, m), and the mask raises IndexError.
# expect: L_model_backward: dal; l + 1 or previous or layer above or returned or shape or chain
import numpy as np


def L_model_backward(AL, Y, caches):
    grads = {}
    L = len(caches)
    Y = Y.reshape(AL.shape)
    dAL = - (np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))

    current_cache = caches[-1]
    dA_prev, dW, db = linear_activation_backward(dAL, current_cache, "sigmoid")
    grads["dA" + str(L - 1)] = dA_prev
    grads["dW" + str(L)] = dW
    grads["db" + str(L)] = db

    l = L - 2
    while l >= 0:
        dA_prev, dW, db = linear_activation_backward(dAL, caches[l], "relu")
        grads["dA" + str(l)] = dA_prev
        grads["dW" + str(l + 1)] = dW
        grads["db" + str(l + 1)] = db
        l -= 1

    return grads
