# ruff: noqa
# the cost without its minus sign.
import numpy as np
from dnn_utils import sigmoid, sigmoid_backward, relu, relu_backward


def compute_cost(AL, Y):
    m = Y.shape[1]
    cost = 1 / m * np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL))
    return np.squeeze(cost)
