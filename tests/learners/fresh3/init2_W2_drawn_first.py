# ruff: noqa
# Statements reordered: W2 drawn before W1, so each takes the other's random numbers.
# expect: initialize_parameters: w1 or w2; order or before or first or after
import numpy as np


def initialize_parameters(n_x, n_h, n_y):
    np.random.seed(1)
    W2 = np.random.randn(n_y, n_h) * 0.01
    W1 = np.random.randn(n_h, n_x) * 0.01
    b1 = np.zeros((n_h, 1))
    b2 = np.zeros((n_y, 1))
    parameters = {"W1": W1,
                  "b1": b1,
                  "W2": W2,
                  "b2": b2}
    return parameters
