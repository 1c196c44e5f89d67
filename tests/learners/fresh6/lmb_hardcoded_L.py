# ruff: noqa
# L = 3 hard-coded (the Application's deep net) instead of len(caches): a 2-layer network gives IndexError on caches[2].
# expect: L_model_backward: len(caches) or hard-coded or hardcoded or hard coded or constant or l = 3 or l=3; layer or index or caches
import numpy as np


def L_model_backward(AL, Y, caches):
    grads = {}
    L = 3  # number of layers
    m = AL.shape[1]
    Y = Y.reshape(AL.shape)

    dAL = - (np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))

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
