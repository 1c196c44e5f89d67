# ruff: noqa
# m = X.shape[0] (the number of features) instead of X.shape[1] (the number of examples): the loop runs past the last example and raises IndexError.
# expect: predict: shape[1] or shape[0] or examples or features
import numpy as np


def predict(X, y, parameters):
    m = X.shape[0]
    p = np.zeros((1, m))
    probas, caches = L_model_forward(X, parameters)
    for i in range(0, m):
        p[0, i] = 1 if probas[0, i] > 0.5 else 0
    print("Accuracy: " + str(np.sum((p == y) / m)))
    return p
