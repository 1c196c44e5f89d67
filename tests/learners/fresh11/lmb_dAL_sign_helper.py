# ruff: noqa
# The learner's helper for dAL drops the leading minus: dAL = Y/AL - (1-Y)/(1-AL) instead of -(Y/AL - (1-Y)/(1-AL)), so every gradient has the wrong sign.
# expect: L_model_backward: sign or minus or negative or negat; dal or derivative of the cost
import numpy as np


def cost_derivative(AL, Y):
    return np.divide(Y, AL) - np.divide(1 - Y, 1 - AL)


def L_model_backward(AL, Y, caches):
    grads = {}
    L = len(caches)
    m = AL.shape[1]
    Y = Y.reshape(AL.shape)

    dAL = cost_derivative(AL, Y)

    current_cache = caches[L - 1]
    dA_prev_temp, dW_temp, db_temp = linear_activation_backward(dAL, current_cache, "sigmoid")
    grads["dA" + str(L - 1)] = dA_prev_temp
    grads["dW" + str(L)] = dW_temp
    grads["db" + str(L)] = db_temp

    for l in reversed(range(L - 1)):
        current_cache = caches[l]
        dA_prev_temp, dW_temp, db_temp = linear_activation_backward(grads["dA" + str(l + 1)], current_cache, "relu")
        grads["dA" + str(l)] = dA_prev_temp
        grads["dW" + str(l + 1)] = dW_temp
        grads["db" + str(l + 1)] = db_temp

    return grads
