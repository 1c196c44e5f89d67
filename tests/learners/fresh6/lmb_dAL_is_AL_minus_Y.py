# ruff: noqa
# dAL = AL - Y: that is dZ of the sigmoid layer, and linear_activation_backward multiplies by the sigmoid derivative again.
# expect: L_model_backward: dal; al - y or dz or y/al or y / al or divide or formula
import numpy as np


def L_model_backward(AL, Y, caches):
    grads = {}
    L = len(caches)
    Y = Y.reshape(AL.shape)

    dAL = AL - Y

    grads[f"dA{L-1}"], grads[f"dW{L}"], grads[f"db{L}"] = linear_activation_backward(dAL, caches[-1], "sigmoid")

    for l in reversed(range(L - 1)):
        dA_prev, dW, db = linear_activation_backward(grads[f"dA{l+1}"], caches[l], "relu")
        grads[f"dA{l}"] = dA_prev
        grads[f"dW{l+1}"] = dW
        grads[f"db{l+1}"] = db

    return grads
