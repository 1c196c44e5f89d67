# ruff: noqa
# A dict comprehension over the parameters that subtracts the raw gradient: learning_rate is never used (a step of 1).
# expect: update_parameters: learning_rate or learning rate or alpha; missing or never or not used or unused or forgot or multipl
import numpy as np


def update_parameters(params, grads, learning_rate):
    parameters = {key: value - grads["d" + key] for key, value in params.items()}
    return parameters
