# ruff: noqa
# np.dot of two (1, m) arrays: raises for m > 1.
import numpy as np
from dnn_utils import sigmoid, sigmoid_backward, relu, relu_backward


def compute_cost(AL, Y):
    m = Y.shape[1]
    cost = -1 / m * (np.dot(Y, np.log(AL)) + np.dot(1 - Y, np.log(1 - AL)))
    cost = np.squeeze(cost)
    return cost
