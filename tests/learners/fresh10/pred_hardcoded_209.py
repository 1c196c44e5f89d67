# ruff: noqa
# m hard-coded to 209 (the training set size): p has 209 columns whatever X is (on a small X, p == y cannot broadcast and it raises).
# expect: predict: 209 or hard-coded or hardcoded or hard coded; shape[1] or x.shape or number of examples or shape
import numpy as np


def predict(X, y, parameters):
    m = 209
    n = len(parameters) // 2
    p = np.zeros((1, m))
    probas, caches = L_model_forward(X, parameters)
    for i in range(0, probas.shape[1]):
        if probas[0, i] > 0.5:
            p[0, i] = 1
        else:
            p[0, i] = 0
    print("Accuracy: " + str(np.sum((p == y) / m)))
    return p
