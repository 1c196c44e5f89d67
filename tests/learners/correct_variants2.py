# ruff: noqa
# More right solutions written differently: loops and comprehensions, np.where and boolean
# masks, the course's dnn_utils relu_backward, float(m), keys by %-format and str.format,
# np.multiply, the cache unpacked inline, np.sum(...) / m, statements in another order
# that gives the same numbers, Y.reshape missing where shapes agree, np.round in predict.
import copy
import numpy as np
from dnn_utils import sigmoid, relu, sigmoid_backward, relu_backward


def initialize_parameters(n_x, n_h, n_y):
    np.random.seed(1)
    W1 = np.random.randn(n_h, n_x) * 0.01
    W2 = np.random.randn(n_y, n_h) / 100
    b2 = np.zeros((n_y, 1))
    b1 = np.zeros((n_h, 1))
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}


def initialize_parameters_deep(layer_dims):
    np.random.seed(3)
    L = len(layer_dims)
    parameters = dict()
    l = 1
    while l < L:
        parameters["W%d" % l] = 0.01 * np.random.randn(layer_dims[l], layer_dims[l - 1])
        parameters["b%d" % l] = np.zeros(shape=(layer_dims[l], 1), dtype=float)
        l += 1
    return parameters


def linear_forward(A, W, b):
    Z = np.matmul(W, A) + b.reshape(-1, 1)
    return Z, (A, W, b)


def linear_activation_forward(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    if activation == "relu":
        A = np.where(Z > 0, Z, 0.0)
    else:
        A = 1.0 / (1.0 + np.exp(-Z))
    return A, (linear_cache, Z)


def L_model_forward(X, parameters):
    caches = []
    L = len(parameters) // 2
    A = X
    for l in range(1, L):
        A, cache = linear_activation_forward(A, parameters["W{}".format(l)],
                                             parameters["b{}".format(l)], activation="relu")
        caches.append(cache)
    AL, last = linear_activation_forward(A, parameters["W{}".format(L)],
                                         parameters["b{}".format(L)], activation="sigmoid")
    return AL, caches + [last]


def compute_cost(AL, Y):
    m = float(Y.shape[1])
    losses = [Y[0, i] * np.log(AL[0, i]) + (1 - Y[0, i]) * np.log(1 - AL[0, i])
              for i in range(Y.shape[1])]
    return -sum(losses) / m


def sigmoid_backward(dA, cache):
    A = 1 / (1 + np.exp(-cache))
    return dA * A * (1 - A)


def relu_backward(dA, cache):
    Z = cache
    dZ = np.array(dA, copy=True)
    dZ[Z <= 0] = 0
    return dZ


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    db = np.sum(dZ, axis=1, keepdims=True) / m
    dW = np.multiply(1 / m, dZ.dot(A_prev.T))
    dA_prev = np.dot(dZ.T, W).T
    return dA_prev, dW, db


def linear_activation_backward(dA, cache, activation):
    (A_prev, W, b), Z = cache
    if activation == "sigmoid":
        dZ = sigmoid_backward(dA, Z)
    elif activation == "relu":
        dZ = relu_backward(dA, Z)
    return linear_backward(dZ, (A_prev, W, b))


def L_model_backward(AL, Y, caches):
    grads = {}
    L = len(caches)
    dAL = -Y / AL + (1 - Y) / (1 - AL)
    dA = dAL
    for l in reversed(range(1, L + 1)):
        activation = "sigmoid" if l == L else "relu"
        dA_prev, dW, db = linear_activation_backward(dA, caches[l - 1], activation)
        grads["dA" + str(l - 1)] = dA_prev
        grads["dW" + str(l)] = dW
        grads["db" + str(l)] = db
        dA = dA_prev
    return grads


def update_parameters(params, grads, learning_rate):
    parameters = copy.deepcopy(params)
    for l in range(1, len(parameters) // 2 + 1):
        for p in ("W", "b"):
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * grads["d" + p + str(l)]
    return parameters


def predict(X, y, parameters):
    probas, caches = L_model_forward(X, parameters)
    p = (probas > 0.5).astype(float)
    return p
