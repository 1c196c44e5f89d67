# ruff: noqa
# p = np.zeros((m, 1)), a column, indexed as the course's row p[0, i].
# expect: predict: indexerror; (1, m) or shape or row
import numpy as np


def predict(X, y, parameters):
    m = X.shape[1]
    p = np.zeros((m, 1))
    probas, caches = L_model_forward(X, parameters)
    for i in range(0, probas.shape[1]):
        if probas[0, i] > 0.5:
            p[0, i] = 1
        else:
            p[0, i] = 0
    return p
