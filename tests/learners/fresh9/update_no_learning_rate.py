# ruff: noqa
# The comprehension subtracts the raw gradient: learning_rate is never used.
# expect: update_parameters: learning_rate or learning rate or alpha; missing or times or multipl or scale or never
import numpy as np


def update_parameters(params, grads, learning_rate):
    parameters = {name: value - grads["d" + name] for name, value in params.items()}
    return parameters
