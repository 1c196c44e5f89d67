"""The course's hand-written NumPy code, laid out as the course's notebooks lay it out.

This is the reference every ratio in `make bench` is taken against: "Building your Deep
Neural Network: Step by Step" (the functions) and "Deep Neural Network - Application" (the
training loop, `L_layer_model`). It is kept here, verbatim in spirit, rather than imported
from `tinygraph.notebook`, because the notebook module runs on tinygraph's own op rules: a
reference must not share the code it measures.

Two deliberate knobs, both off by default (= the course):

* `need_dA0=False` skips the product dA0 = W1^T dZ1, which the course computes and never uses
  (dA0 is the gradient for X): the best a hand-written loop can do without restructuring.
* The dtype is whatever the data and parameters have (float32 in workload (d)).

    >>> import numpy as np
    >>> parameters = initialize_parameters_deep([4, 3, 1])
    >>> X, Y = np.ones((4, 2)), np.array([[1, 0]])
    >>> parameters = L_layer_step(X, Y, parameters, 0.0075)[1]
    >>> sorted(parameters)
    ['W1', 'W2', 'b1', 'b2']
"""

from __future__ import annotations

import copy

import numpy as np


def initialize_parameters_deep(layer_dims: list[int]) -> dict[str, np.ndarray]:
    """The App notebook's deep init: seed 1, W[l] = randn(n_l, n_{l-1}) / sqrt(n_{l-1})."""
    np.random.seed(1)
    parameters = {}
    L = len(layer_dims)
    for l in range(1, L):
        parameters["W" + str(l)] = (np.random.randn(layer_dims[l], layer_dims[l - 1])
                                    / np.sqrt(layer_dims[l - 1]))
        parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters


def linear_forward(A, W, b):
    Z = np.dot(W, A) + b
    cache = (A, W, b)
    return Z, cache


def sigmoid(Z):
    A = 1 / (1 + np.exp(-Z))
    cache = Z
    return A, cache


def relu(Z):
    A = np.maximum(0, Z)
    cache = Z
    return A, cache


def linear_activation_forward(A_prev, W, b, activation):
    if activation == "sigmoid":
        Z, linear_cache = linear_forward(A_prev, W, b)
        A, activation_cache = sigmoid(Z)
    elif activation == "relu":
        Z, linear_cache = linear_forward(A_prev, W, b)
        A, activation_cache = relu(Z)
    cache = (linear_cache, activation_cache)
    return A, cache


def L_model_forward(X, parameters):
    caches = []
    A = X
    L = len(parameters) // 2
    for l in range(1, L):
        A_prev = A
        A, cache = linear_activation_forward(A_prev, parameters["W" + str(l)],
                                             parameters["b" + str(l)], activation="relu")
        caches.append(cache)
    AL, cache = linear_activation_forward(A, parameters["W" + str(L)],
                                          parameters["b" + str(L)], activation="sigmoid")
    caches.append(cache)
    return AL, caches


def compute_cost(AL, Y):
    m = Y.shape[1]
    cost = (-1 / m) * (np.dot(Y, np.log(AL).T) + np.dot(1 - Y, np.log(1 - AL).T))
    cost = np.squeeze(cost)
    return cost


def linear_backward(dZ, cache, need_dA_prev=True):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = 1 / m * np.dot(dZ, A_prev.T)
    db = 1 / m * np.sum(dZ, axis=1, keepdims=True)
    dA_prev = np.dot(W.T, dZ) if need_dA_prev else None  # the knob: the course always computes it
    return dA_prev, dW, db


def relu_backward(dA, cache):
    Z = cache
    dZ = np.array(dA, copy=True)
    dZ[Z <= 0] = 0
    return dZ


def sigmoid_backward(dA, cache):
    Z = cache
    s = 1 / (1 + np.exp(-Z))
    dZ = dA * s * (1 - s)
    return dZ


def linear_activation_backward(dA, cache, activation, need_dA_prev=True):
    linear_cache, activation_cache = cache
    if activation == "relu":
        dZ = relu_backward(dA, activation_cache)
        dA_prev, dW, db = linear_backward(dZ, linear_cache, need_dA_prev)
    elif activation == "sigmoid":
        dZ = sigmoid_backward(dA, activation_cache)
        dA_prev, dW, db = linear_backward(dZ, linear_cache, need_dA_prev)
    return dA_prev, dW, db


def L_model_backward(AL, Y, caches, need_dA0=True):
    grads = {}
    L = len(caches)
    Y = Y.reshape(AL.shape)
    dAL = - (np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
    current_cache = caches[L - 1]
    dA_prev_temp, dW_temp, db_temp = linear_activation_backward(
        dAL, current_cache, "sigmoid", need_dA_prev=need_dA0 or L > 1)
    grads["dA" + str(L - 1)] = dA_prev_temp
    grads["dW" + str(L)] = dW_temp
    grads["db" + str(L)] = db_temp
    for l in reversed(range(L - 1)):
        current_cache = caches[l]
        dA_prev_temp, dW_temp, db_temp = linear_activation_backward(
            grads["dA" + str(l + 1)], current_cache, "relu", need_dA_prev=need_dA0 or l > 0)
        grads["dA" + str(l)] = dA_prev_temp
        grads["dW" + str(l + 1)] = dW_temp
        grads["db" + str(l + 1)] = db_temp
    return grads


def update_parameters(params, grads, learning_rate):
    parameters = copy.deepcopy(params)
    L = len(parameters) // 2
    for l in range(L):
        parameters["W" + str(l + 1)] = (parameters["W" + str(l + 1)]
                                        - learning_rate * grads["dW" + str(l + 1)])
        parameters["b" + str(l + 1)] = (parameters["b" + str(l + 1)]
                                        - learning_rate * grads["db" + str(l + 1)])
    return parameters


def L_layer_step(X, Y, parameters, learning_rate, need_dA0=True):
    """One iteration of the App notebook's `L_layer_model` loop: returns (cost, parameters)."""
    AL, caches = L_model_forward(X, parameters)
    cost = compute_cost(AL, Y)
    grads = L_model_backward(AL, Y, caches, need_dA0)
    parameters = update_parameters(parameters, grads, learning_rate)
    return cost, parameters
