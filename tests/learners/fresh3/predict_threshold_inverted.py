# ruff: noqa
# probas < 0.5 where > 0.5 belongs: every prediction flipped.
# expect: predict: > 0.5 or > or comparison; < 0.5 or <
import numpy as np


def predict(X, y, parameters):
    m = X.shape[1]
    p = np.zeros((1, m))
    probas, caches = L_model_forward(X, parameters)
    for i in range(0, probas.shape[1]):
        if probas[0, i] < 0.5:
            p[0, i] = 1
        else:
            p[0, i] = 0
    print("Accuracy: " + str(np.sum((p == y) / m)))
    return p
