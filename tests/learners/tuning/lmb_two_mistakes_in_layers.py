# ruff: noqa
# Everything inline; db of the hidden layers without 1/m.
# expect: L_model_backward: db; 1/m; (9)
import numpy as np


def L_model_backward(AL, Y, caches):
    grads = {}
    L = len(caches)
    m = AL.shape[1]
    Y = Y.reshape(AL.shape)
    dA = -(Y / AL - (1 - Y) / (1 - AL))
    for l in range(L, 0, -1):
        (A_prev, W, b), Z = caches[l - 1]
        if l == L:
            s = 1 / (1 + np.exp(-Z))
            dZ = dA * s * (1 - s)
            grads["db" + str(l)] = np.sum(dZ, axis=1, keepdims=True) / m
        else:
            dZ = dA * (Z > 0)
            grads["db" + str(l)] = np.sum(dZ, axis=1, keepdims=True)
        grads["dW" + str(l)] = dZ @ A_prev.T / m
        dA = W.T @ dZ
        grads["dA" + str(l - 1)] = dA
    return grads
