# ruff: noqa
# Inside the loop the gradients are stored under "dW" + str(l) and "db" + str(l) (off by one): dW1/db1 never appear, dW0/db0 do.
# expect: L_model_backward: dw1 or db1 or dw0 or db0; key or l + 1 or l+1 or off-by-one or off by one or index
import numpy as np


def L_model_backward(AL, Y, caches):
    grads = {}
    L = len(caches)
    Y = Y.reshape(AL.shape)
    dAL = - (Y / AL - (1 - Y) / (1 - AL))

    dA_prev, dW, db = linear_activation_backward(dAL, caches[-1], activation="sigmoid")
    grads[f"dA{L-1}"] = dA_prev
    grads[f"dW{L}"] = dW
    grads[f"db{L}"] = db

    for l in reversed(range(L - 1)):
        dA_prev, dW, db = linear_activation_backward(grads[f"dA{l+1}"], caches[l], activation="relu")
        grads[f"dA{l}"] = dA_prev
        grads[f"dW{l}"] = dW
        grads[f"db{l}"] = db
    return grads
