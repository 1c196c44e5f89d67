# ruff: noqa
# Reseeds before W2 "so it is reproducible": W2 gets the same first numbers as W1.
# expect: initialize_parameters: seed; w2 or once or twice or again or reseed
import numpy as np


def initialize_parameters(n_x, n_h, n_y):
    np.random.seed(1)
    W1 = np.random.randn(n_h, n_x) * 0.01
    b1 = np.zeros((n_h, 1))
    np.random.seed(1)
    W2 = np.random.randn(n_y, n_h) * 0.01
    b2 = np.zeros((n_y, 1))

    parameters = {"W1": W1,
                  "b1": b1,
                  "W2": W2,
                  "b2": b2}
    return parameters
