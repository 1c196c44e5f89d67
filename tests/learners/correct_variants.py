# ruff: noqa
# Right solutions written differently from the course's: @ and np.matmul for np.dot,
# np.maximum and masks, np.multiply, comprehensions for loops, np.mean for sum / m,
# caches as lists, f-strings, the cost through np.dot with .T and without squeeze.
import copy
import numpy as np


def initialize_parameters(n_x, n_h, n_y):
    np.random.seed(1)
    W1 = np.random.randn(n_h, n_x) * 0.01
    b1 = np.zeros(shape=(n_h, 1))
    W2 = np.random.randn(n_y, n_h) * 0.01
    return dict(W1=W1, b1=b1, W2=W2, b2=np.zeros((n_y, 1)))


def initialize_parameters_deep(layer_dims):
    np.random.seed(3)
    parameters = {}
    for l, (n, n_prev) in enumerate(zip(layer_dims[1:], layer_dims[:-1]), start=1):
        parameters[f"W{l}"] = np.random.randn(n, n_prev) * 0.01
        parameters[f"b{l}"] = np.zeros((n, 1))
    return parameters


def linear_forward(A, W, b):
    return W @ A + b, (A, W, b)


def sigmoid(Z):
    return 1 / (1 + np.exp(-Z)), Z


def relu(Z):
    return Z * (Z > 0), Z


def linear_activation_forward(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    A, activation_cache = {"sigmoid": sigmoid, "relu": relu}[activation](Z)
    return A, [linear_cache, activation_cache]


def L_model_forward(X, parameters):
    caches = []
    A = X
    L = len(parameters) // 2
    for l in range(1, L + 1):
        A, cache = linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"],
                                             "sigmoid" if l == L else "relu")
        caches += [cache]
    return A, caches


def compute_cost(AL, Y):
    m = Y.shape[1]
    return -(np.dot(Y, np.log(AL).T) + np.dot(1 - Y, np.log(1 - AL).T)) / m


def sigmoid_backward(dA, cache):
    s = 1 / (1 + np.exp(-cache))
    return np.multiply(dA, np.multiply(s, 1 - s))


def relu_backward(dA, cache):
    return np.where(cache > 0, dA, 0)


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    return np.matmul(W.T, dZ), np.matmul(dZ, A_prev.T) / m, np.mean(dZ, axis=1, keepdims=True)


def linear_activation_backward(dA, cache, activation):
    linear_cache, activation_cache = cache
    if activation == "relu":
        dZ = dA * (activation_cache > 0)
    else:
        s = sigmoid(activation_cache)[0]
        dZ = dA * s * (1 - s)
    return linear_backward(dZ, linear_cache)


def L_model_backward(AL, Y, caches):
    L = len(caches)
    Y = Y.reshape(AL.shape)
    dA = np.divide(1 - Y, 1 - AL) - np.divide(Y, AL)
    grads = {}
    for l in range(L, 0, -1):
        dA, grads[f"dW{l}"], grads[f"db{l}"] = linear_activation_backward(
            dA, caches[l - 1], "sigmoid" if l == L else "relu")
        grads[f"dA{l - 1}"] = dA
    return grads


def update_parameters(params, grads, learning_rate):
    return {key: value - learning_rate * grads["d" + key] for key, value in params.items()}
