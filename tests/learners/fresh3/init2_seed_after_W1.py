# ruff: noqa
# np.random.seed(1) placed after W1 is drawn: W1 changes from call to call, W2 is the course's W1's draw.
# expect: initialize_parameters: seed; w1 or before or first
import numpy as np


def initialize_parameters(n_x, n_h, n_y):
    W1 = np.random.randn(n_h, n_x) * 0.01
    np.random.seed(1)
    b1 = np.zeros((n_h, 1))
    W2 = np.random.randn(n_y, n_h) * 0.01
    b2 = np.zeros((n_y, 1))
    parameters = {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
    return parameters
