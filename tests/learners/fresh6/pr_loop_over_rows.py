# ruff: noqa
# The loop runs over probas.shape[0] (1 row) instead of the m examples: only the first example gets a prediction, the rest stay 0.
# expect: predict: shape[0] or shape[1] or row or column or examples or range or loop; first or only or zero
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

    print("Accuracy: " + str(np.sum((p == y) / m)))
    return p
