# ruff: noqa
# np.dot where element-wise products are meant: an (m, m) outer product, summed.
import numpy as np
from dnn_utils import sigmoid, sigmoid_backward, relu, relu_backward


def compute_cost(AL, Y):
    m = Y.shape[1]
    cost = -1 / m * np.sum(np.dot(Y.T, np.log(AL)) + np.dot((1 - Y).T, np.log(1 - AL)))
    cost = np.squeeze(cost)
    return cost
