# ruff: noqa
# W2 is drawn as randn(n_h, n_y): shape (n_h, n_y), the transpose of the course's (n_y, n_h).
# expect: initialize_parameters: w2; shape or transpos or (n_y, n_h) or n_y, n_h
import numpy as np


def initialize_parameters(n_x, n_h, n_y):
    np.random.seed(1)

    W1 = np.random.randn(n_h, n_x) * 0.01
    b1 = np.zeros((n_h, 1))
    W2 = np.random.randn(n_h, n_y) * 0.01
    b2 = np.zeros((n_y, 1))

    parameters = {"W1": W1,
                  "b1": b1,
                  "W2": W2,
                  "b2": b2}
    return parameters
