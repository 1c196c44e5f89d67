"""Optimizers: how a step moves the parameters, as the course's "Optimization methods" notebook.

Each is a small class over a network's parameters, in the style of `torch.optim`, with the
course's names: `step()` moves every parameter from its `.grad` (so call `backward` first),
and the state a learner wants to look at is plain dictionaries keyed like the course's
`grads`: `v["dW1"]`, `s["db2"]`, and the step count `t`.

    >>> import numpy as np, tinygraph as tg
    >>> net = tg.Network([2, 3, 1], init="two_layer")
    >>> optimizer = Adam(net, learning_rate=0.01)
    >>> X, Y = np.array([[1.0, -1.0], [0.5, 2.0]]), np.array([[1.0, 0.0]])
    >>> for _ in range(3):
    ...     cost = tg.backward(net.cost(X, Y))
    ...     optimizer.step()
    >>> optimizer.t, sorted(optimizer.v), optimizer.s["dW1"].shape
    (3, ['dW1', 'dW2', 'db1', 'db2'], (3, 2))

`from_name("gd" | "momentum" | "adam", net, ...)` builds one by name, as `fit` and
`tinygraph train --optimizer` do. The defaults are the course's: beta = 0.9 for momentum;
beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8 for Adam.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np

from ..engine import validate
from ..engine.autograd import grad_name
from ..engine.tensor import Tensor
from ..errors import InputError
from .nn import Network

Parameters = Network | Mapping[str, Tensor] | Iterable[Tensor]


class Optimizer:
    """What every optimizer has: `parameters` (name -> Tensor), `learning_rate`, `step()`."""

    name = "optimizer"
    settings_names: tuple[str, ...] = ()  # besides learning_rate, e.g. ("beta",)

    def __init__(self, parameters: Parameters, learning_rate: float = 0.0075) -> None:
        self.parameters = _named(parameters, type(self).__name__)
        self.learning_rate = validate.positive(learning_rate, "learning_rate",
                                               type(self).__name__)
        # Each parameter with the course's key of its gradient and state: (W1, "dW1").
        self._pairs = [(p, grad_name(name)) for name, p in self.parameters.items()]

    def step(self) -> None:
        """Move every parameter one step, from the gradients the last `backward` left."""
        raise NotImplementedError

    def settings(self) -> dict[str, Any]:
        """The name and the numbers that define this optimizer (what a report records)."""
        return {"name": self.name, "learning_rate": self.learning_rate,
                **{key: getattr(self, key) for key in self.settings_names}}

    def __repr__(self) -> str:
        numbers = ", ".join(f"{key}={value}" for key, value in self.settings().items()
                            if key != "name")
        return f"{type(self).__name__}({numbers})"

    def _grad(self, p: Tensor) -> np.ndarray:
        if p.grad is None:
            raise InputError(f"{type(self).__name__}.step: {p.name or 'a parameter'} has no "
                             "gradient; call tg.backward(cost) on a cost that uses it first")
        return p.grad


class GradientDescent(Optimizer):
    """The course's update: W = W - learning_rate * dW, b = b - learning_rate * db.

        >>> net = tg.Network([2, 1], init="two_layer")
        >>> GradientDescent(net, learning_rate=0.1)
        GradientDescent(learning_rate=0.1)
    """

    name = "gd"

    def step(self) -> None:
        lr = self.learning_rate
        for p, _ in self._pairs:
            if p.grad is None:  # checked here, not by a call per parameter: fit's hot loop
                self._grad(p)   # raises, naming the parameter
            p.value -= lr * p.grad  # update_parameters_with_gd: W = W - alpha dW


class Momentum(Optimizer):
    """Gradient descent with momentum, in the course's form (an exponentially weighted
    average of the gradients, with the (1 - beta) factor):

        v["dW1"] = beta * v["dW1"] + (1 - beta) * dW1
        W1 = W1 - learning_rate * v["dW1"]                 (and the same for every b)

    `v` starts at zeros, as the course's `initialize_velocity`. beta = 0 is gradient descent.

        >>> Momentum(net, learning_rate=0.1).v["dW1"]
        array([[0., 0.]])
    """

    name = "momentum"
    settings_names = ("beta",)

    def __init__(self, parameters: Parameters, learning_rate: float = 0.0075,
                 beta: float = 0.9) -> None:
        super().__init__(parameters, learning_rate)
        self.beta = validate.fraction(beta, "beta", "Momentum", _COURSE["beta"])
        self.v = {d: np.zeros_like(p.value) for p, d in self._pairs}  # initialize_velocity

    def step(self) -> None:
        lr, beta = self.learning_rate, self.beta
        for p, d in self._pairs:
            v = self.v[d]
            v *= beta                       # v = beta v + (1 - beta) dW, in place
            v += (1 - beta) * self._grad(p)
            p.value -= lr * v               # W = W - alpha v


class Adam(Optimizer):
    """Adam, with the course's bias correction; t counts the steps taken, from 1:

        v["dW1"] = beta1 * v["dW1"] + (1 - beta1) * dW1          # momentum of the gradient
        s["dW1"] = beta2 * s["dW1"] + (1 - beta2) * dW1 ** 2     # ... and of its square
        v_corrected["dW1"] = v["dW1"] / (1 - beta1 ** t)
        s_corrected["dW1"] = s["dW1"] / (1 - beta2 ** t)
        W1 = W1 - learning_rate * v_corrected["dW1"] / (sqrt(s_corrected["dW1"]) + epsilon)

    `v` and `s` start at zeros, as the course's `initialize_adam`; `v_corrected` and
    `s_corrected` hold the last step's, for a learner to look at.

        >>> Adam(net, learning_rate=0.01)
        Adam(learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-08)
    """

    name = "adam"
    settings_names = ("beta1", "beta2", "epsilon")

    def __init__(self, parameters: Parameters, learning_rate: float = 0.0075,
                 beta1: float = 0.9, beta2: float = 0.999, epsilon: float = 1e-8) -> None:
        super().__init__(parameters, learning_rate)
        self.beta1 = validate.fraction(beta1, "beta1", "Adam", _COURSE["beta1"])
        self.beta2 = validate.fraction(beta2, "beta2", "Adam", _COURSE["beta2"])
        self.epsilon = validate.positive(epsilon, "epsilon", "Adam", example="1e-8")
        self.t = 0
        self.v = {d: np.zeros_like(p.value) for p, d in self._pairs}  # initialize_adam
        self.s = {d: np.zeros_like(p.value) for p, d in self._pairs}
        self.v_corrected: dict[str, np.ndarray] = {}
        self.s_corrected: dict[str, np.ndarray] = {}

    def step(self) -> None:
        self.t += 1
        lr, beta1, beta2, epsilon = self.learning_rate, self.beta1, self.beta2, self.epsilon
        for p, d in self._pairs:
            dW = self._grad(p)
            v, s = self.v[d], self.s[d]
            v *= beta1
            v += (1 - beta1) * dW
            s *= beta2
            s += (1 - beta2) * dW ** 2
            v_corrected = self.v_corrected[d] = v / (1 - beta1 ** self.t)
            s_corrected = self.s_corrected[d] = s / (1 - beta2 ** self.t)
            p.value -= lr * v_corrected / (np.sqrt(s_corrected) + epsilon)


OPTIMIZERS: dict[str, type[Optimizer]] = {
    "gd": GradientDescent, "momentum": Momentum, "adam": Adam,
}


def from_name(name: str, parameters: Parameters, learning_rate: float = 0.0075,
              **settings: float) -> Optimizer:
    """The optimizer called `name` ("gd", "momentum" or "adam") over `parameters`.

        >>> from_name("momentum", net, learning_rate=0.1, beta=0.8)
        Momentum(learning_rate=0.1, beta=0.8)
    """
    return OPTIMIZERS[check_name(name, settings)](parameters, learning_rate, **settings)


def check_name(name: str, settings: Iterable[str] = ()) -> str:
    """`name` when it is an optimizer's and takes every one of `settings`; else an InputError
    (so `--beta` given to Adam, whose settings are beta1 and beta2, is not silently ignored).

        >>> check_name("adam", {"beta1": 0.95})
        'adam'
    """
    if name not in OPTIMIZERS:
        raise InputError(f"unknown optimizer {name!r}; choose one of {', '.join(OPTIMIZERS)}")
    known = OPTIMIZERS[name].settings_names
    for key in settings:
        if key not in known:
            raise InputError(f"{name} takes no setting {key}; its settings are "
                             f"{', '.join(('learning_rate', *known))}")
    return name


def _named(parameters: Parameters, who: str) -> dict[str, Tensor]:
    """name -> Tensor, from a Network, a dictionary like `net.parameters`, or Tensors."""
    if isinstance(parameters, Network):
        parameters = parameters.parameters
    if isinstance(parameters, Mapping):
        named = dict(parameters)
    else:
        named = {}
        for i, p in enumerate(parameters):
            name = getattr(p, "name", "") or f"p{i}"
            if name in named:
                raise InputError(f"{who}: two parameters are named {name}; the state "
                                 "(v, s) is kept by name, so names must differ")
            named[name] = p
    for name, p in named.items():
        if not isinstance(p, Tensor) or not p.requires_grad:
            raise InputError(f"{who}: {name} is {type(p).__name__}, not a parameter; give a "
                             "Network, its .parameters, or tensors made with tg.parameter")
    if not named:
        raise InputError(f"{who}: no parameters to optimize")
    return named


# The course's settings, named when a learner's is out of range.
_COURSE = {"beta": 0.9, "beta1": 0.9, "beta2": 0.999}
