# ruff: noqa
# the cost without its 1/m.
import numpy as np
from dnn_utils import sigmoid, sigmoid_backward, relu, relu_backward


def compute_cost(AL, Y):
    cost = -np.sum(np.multiply(Y, np.log(AL)) + np.multiply(1 - Y, np.log(1 - AL)))
    cost = np.squeeze(cost)
    return cost
