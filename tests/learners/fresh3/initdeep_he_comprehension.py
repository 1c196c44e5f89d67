# ruff: noqa
# He initialisation (read ahead in course 2) in a loop of its own: sqrt(2 / n_prev) for 0.01.
# expect: initialize_parameters_deep: 0.01; sqrt or he
import numpy as np


def initialize_parameters_deep(layer_dims):
    np.random.seed(3)
    parameters = {}
    pairs = list(zip(layer_dims[:-1], layer_dims[1:]))
    for i, (fan_in, fan_out) in enumerate(pairs):
        parameters[f"W{i + 1}"] = np.random.randn(fan_out, fan_in) * np.sqrt(2 / fan_in)
        parameters[f"b{i + 1}"] = np.zeros((fan_out, 1))
    return parameters
