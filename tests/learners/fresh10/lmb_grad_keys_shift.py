# ruff: noqa
# In the loop stores the layer-(l+1) gradients under "dW" + str(l) / "db" + str(l): a dW0 appears, every hidden layer's gradient sits one key too low and dW{L-1} is missing.
# expect: L_model_backward: key or dw or str(l + 1) or l + 1 or l+1; index or off-by-one or dw0 or layer
import numpy as np


def L_model_backward(AL, Y, caches):
    grads = {}
    L = len(caches)
    Y = Y.reshape(AL.shape)
    dAL = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
    dA_prev, dW, db = linear_activation_backward(dAL, caches[-1], "sigmoid")
    grads["dA" + str(L - 1)] = dA_prev
    grads["dW" + str(L)] = dW
    grads["db" + str(L)] = db
    for l in reversed(range(L - 1)):
        dA_prev, dW, db = linear_activation_backward(grads["dA" + str(l + 1)], caches[l], "relu")
        grads["dA" + str(l)] = dA_prev
        grads["dW" + str(l)] = dW
        grads["db" + str(l)] = db
    return grads
