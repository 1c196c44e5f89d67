# ruff: noqa
# The loop bounded by probas.shape[0] (1 row): only the first example gets a prediction.
# expect: predict: range or loop or shape[1] or shape[0] or example; p
import numpy as np


def predict(X, y, parameters):
    m = X.shape[1]
    p = np.zeros((1, m))
    probas, caches = L_model_forward(X, parameters)
    for i in range(0, probas.shape[0]):
        if probas[0, i] > 0.5:
            p[0, i] = 1
        else:
            p[0, i] = 0
    return p
