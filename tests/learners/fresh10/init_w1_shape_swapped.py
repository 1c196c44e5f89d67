# ruff: noqa
# W1 drawn as (n_x, n_h) instead of (n_h, n_x): "the shape looks fine to me, it's input by hidden".
# expect: initialize_parameters: w1 or shape; (n_h, n_x) or n_h or transpos or swap or order
import numpy as np


def initialize_parameters(n_x, n_h, n_y):
    np.random.seed(1)
    W1 = np.random.randn(n_x, n_h) * 0.01
    b1 = np.zeros((n_h, 1))
    W2 = np.random.randn(n_y, n_h) * 0.01
    b2 = np.zeros((n_y, 1))
    parameters = {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
    return parameters
