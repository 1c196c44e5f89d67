# ruff: noqa
# The comparison is the wrong way round: 1 where the probability is below 0.5, so every prediction is flipped.
# expect: predict: > 0.5 or 0.5 or threshold; revers or flipped or comparison or wrong way or invert or opposite
import numpy as np


def predict(X, y, parameters):
    m = X.shape[1]
    n = len(parameters) // 2
    p = np.zeros((1, m))

    probas, caches = L_model_forward(X, parameters)

    for i in range(0, probas.shape[1]):
        if probas[0, i] < 0.5:
            p[0, i] = 1
        else:
            p[0, i] = 0

    print("Accuracy: " + str(np.sum((p == y) / m)))
    return p
