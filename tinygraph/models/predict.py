"""Prediction, as the course's `predict`: 1 where AL > 0.5, and how often that is right.

    >>> import numpy as np, tinygraph as tg
    >>> decide(np.array([[0.2, 0.7]]))
    array([[0., 1.]])
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..errors import ShapeError
from .data import Dataset
from .nn import Network


def decide(AL: np.ndarray) -> np.ndarray:
    """The course's decision: 1.0 where AL > 0.5, else 0.0."""
    return (AL > 0.5).astype(np.float64)


def predict(net: Network, X: Any) -> np.ndarray:
    """The network's decisions for the examples in X, shape (1, m), as the course's `predict`."""
    return decide(net.forward(X).value)


def probabilities(net: Network, X: Any) -> np.ndarray:
    """AL, the network's probability of label 1 for each example (column of X)."""
    return net.forward(X).value


def accuracy(net: Network, X: Any, Y: Any) -> float:
    """The fraction of examples whose prediction equals the label."""
    predictions = predict(net, X)
    return float(np.mean(predictions == label_row(Y, predictions.shape[1], "accuracy")))


def label_row(Y: Any, m: int, function: str) -> np.ndarray:
    """Y as a (1, m) row, from (1, m) or (m,); an (m, 1) column would compare every prediction
    with every label (NumPy broadcasting) and give a meaningless accuracy, so it is refused."""
    Y = np.asarray(Y)
    if Y.shape not in ((1, m), (m,)):
        raise ShapeError(f"{function}: Y has shape {Y.shape} but there are {m} predictions; "
                         f"Y must be (1, {m}), one label per example (column of X)")
    return Y.reshape(1, m)




def scores(net: Network, data: Dataset) -> dict:
    """`train_correct`, `train_examples`, `train_accuracy`, and the same for test."""
    scores = {}
    for split, X, Y in (("train", data.train_x, data.train_y), ("test", data.test_x,
                                                                data.test_y)):
        correct = int(np.sum(predict(net, X) == Y))
        scores[f"{split}_correct"] = correct
        scores[f"{split}_examples"] = int(Y.shape[1])
        scores[f"{split}_accuracy"] = correct / Y.shape[1]
    return scores


