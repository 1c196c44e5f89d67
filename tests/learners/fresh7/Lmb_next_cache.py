# ruff: noqa
# In the loop the cache is caches[l + 1] (the layer above) instead of caches[l]: the shapes do not match and it raises.
# expect: L_model_backward: cache; caches[l] or l + 1 or l+1 or layer or index
import numpy as np


def L_model_backward(AL, Y, caches):
    grads = {}
    L = len(caches)
    Y = Y.reshape(AL.shape)
    dAL = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))

    grads["dA" + str(L - 1)], grads["dW" + str(L)], grads["db" + str(L)] = \
        linear_activation_backward(dAL, caches[L - 1], "sigmoid")

    for l in reversed(range(L - 1)):
        current_cache = caches[l + 1]
        dA_prev, dW, db = linear_activation_backward(grads["dA" + str(l + 1)], current_cache, "relu")
        grads["dA" + str(l)] = dA_prev
        grads["dW" + str(l + 1)] = dW
        grads["db" + str(l + 1)] = db
    return grads
