"""The implementations `make bench` runs side by side, each as `make(...) -> step`.

`step(n=1)` runs n full-batch gradient-descent iterations (forward, cost, backward, update)
and returns the cost of the first, computed on the parameters before its update, as the
course's loop does. tinygraph's row is `fit` itself (one call per `step(n)`, progress bar
off): the loop a user runs, with its checks, not a loop of the benchmark's own.
Every implementation starts from the same parameters, so their first costs must agree: the
benchmark checks that, so a fast but wrong runner cannot win.

    >>> import numpy as np
    >>> X, Y = np.ones((4, 2)), np.array([[1.0, 0.0]])
    >>> parameters = {"W1": np.full((3, 4), 0.1), "b1": np.zeros((3, 1)),
    ...               "W2": np.full((1, 3), 0.1), "b2": np.zeros((1, 1))}
    >>> costs = [round(float(IMPLEMENTATIONS[k].make(parameters, X, Y, 0.01)()), 6)
    ...          for k in ("course", "course_no_dA0", "tinygraph", "tinygraph_operators")]
    >>> costs  # -(log s(0.12) + log(1 - s(0.12))) / 2: Z1 = 0.4, Z2 = 3 * 0.1 * 0.4 = 0.12
    [0.694946, 0.694946, 0.694946, 0.694946]
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from dataclasses import dataclass

import course_numpy as course
import numpy as np

Step = Callable[..., float]  # step(n=1) -> the cost of the first of n iterations


@dataclass(frozen=True)
class Implementation:
    key: str
    label: str
    make: Callable[..., Step]
    needs: str = ""  # an optional module; the row is skipped with a note when it is missing

    def missing(self) -> str | None:
        """None when this implementation can run, else the note saying why not."""
        if self.needs and importlib.util.find_spec(self.needs) is None:
            return (f"skipped: {self.needs} is not installed (optional; the benchmark never "
                    "installs it)")
        return None


def copied(parameters: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    return {k: v.copy() for k, v in parameters.items()}


def repeated(iteration: Callable[[], float]) -> Step:
    """`step(n)` from one iteration: n of them, the first one's cost."""
    def step(n: int = 1) -> float:
        cost = iteration()
        for _ in range(n - 1):
            iteration()
        return cost
    return step


def make_course(parameters, X, Y, lr, need_dA0=True) -> Step:
    """The App notebook's loop body on the course's hand-written functions."""
    state = {"parameters": copied(parameters)}

    def iteration() -> float:
        cost, state["parameters"] = course.L_layer_step(X, Y, state["parameters"], lr, need_dA0)
        return cost
    return repeated(iteration)


def make_course_no_dA0(parameters, X, Y, lr) -> Step:
    return make_course(parameters, X, Y, lr, need_dA0=False)


def make_tinygraph(parameters, X, Y, lr) -> Step:
    """`fit`, the path users take: `step(n)` is one call of n iterations, progress bar off.

    X and Y are data leaves made once, X with `nn.input_leaf` (as `fit` makes it from an array:
    the checks of a 20 MB X belong to the first call, not to each round). Each iteration is
    fit's: the cost on the current parameters (replayed from its plan after the first), its
    checks, backward, the course's update in place.
    """
    import tinygraph as tg
    from tinygraph.nn import input_leaf
    from tinygraph.train import fit

    net = tg.Network.from_values(copied(parameters))
    X, Y = input_leaf(X, net.dtype), tg.tensor(Y, name="Y")

    def step(n: int = 1) -> float:
        history = fit(net, X, Y, learning_rate=lr, num_iterations=n, progress=False)
        return history.costs[0][1]
    return step


def make_tinygraph_operators(parameters, X, Y, lr) -> Step:
    """The same iteration with the graph written as the course writes it, with operators.

    `W @ A + b`, `.relu()`, `.sigmoid()` and the stable cross-entropy: the graph is the one
    `Network` builds (the same ops, the same names), so it must cost the same.
    """
    import tinygraph as tg
    from tinygraph.nn import input_leaf
    from tinygraph.optim import GradientDescent

    net = tg.Network.from_values(copied(parameters))
    X, Y = input_leaf(X, net.dtype), tg.tensor(Y, name="Y")
    optimizer = GradientDescent(net, learning_rate=lr)  # the update the Network row makes
    p = net.parameters
    L = len(p) // 2

    def iteration() -> float:
        A = X
        for l in range(1, L + 1):
            Z = p[f"W{l}"] @ A + p[f"b{l}"]
            A = Z.relu() if l < L else Z.sigmoid(name="AL")
        cost = tg.cross_entropy(A, Y)
        cost.backward()
        optimizer.step()
        return cost.value
    return repeated(iteration)


def make_torch(parameters, X, Y, lr) -> Step:
    """PyTorch CPU autograd on the same arrays (shared with NumPy, not copied)."""
    import torch

    X, Y = torch.from_numpy(X), torch.from_numpy(Y)
    L = len(parameters) // 2
    params = [torch.tensor(parameters[f"{kind}{l}"], requires_grad=True)
              for l in range(1, L + 1) for kind in "Wb"]

    def iteration() -> float:
        A = X
        for l in range(L):
            W, b = params[2 * l], params[2 * l + 1]
            Z = W @ A + b
            A = torch.relu(Z)
        cost = torch.nn.functional.binary_cross_entropy_with_logits(Z, Y)
        cost.backward()
        with torch.no_grad():
            for p in params:
                p -= lr * p.grad
                p.grad = None
        return cost.item()
    return repeated(iteration)


def make_hips(parameters, X, Y, lr) -> Step:
    """HIPS autograd: `grad` of a NumPy-style cost function, traced anew each call."""
    import autograd.numpy as anp
    from autograd import value_and_grad

    L = len(parameters) // 2
    m = Y.shape[1]
    state = {"params": [parameters[f"{kind}{l}"].copy()
                        for l in range(1, L + 1) for kind in "Wb"]}

    def cost_of(params):
        A = X
        for l in range(L):
            Z = anp.dot(params[2 * l], A) + params[2 * l + 1]
            A = anp.maximum(Z, 0)
        return anp.sum(anp.logaddexp(0, Z) - Y * Z) / m  # the cost (7) from Z_L, as tinygraph

    cost_and_grads = value_and_grad(cost_of)

    def iteration() -> float:
        cost, grads = cost_and_grads(state["params"])
        state["params"] = [p - lr * g for p, g in zip(state["params"], grads, strict=True)]
        return cost
    return repeated(iteration)


def make_floor(parameters, X, Y, lr) -> Step:
    """Only the matrix products of one iteration (no dA0), as the course writes them.

    W[l] A[l-1] for every layer, dZ[l] A[l-1]^T for every layer, W[l]^T dZ[l] for l >= 2: a
    loop that computes them this way cannot do an iteration in less time than these take.
    """
    L = len(parameters) // 2
    Ws = [parameters[f"W{l}"] for l in range(1, L + 1)]
    As = [X]
    for W in Ws[:-1]:
        As.append(np.maximum(W @ As[-1], 0))
    dZs = gradients_like(Ws, X)

    def iteration() -> float:
        for W, A in zip(Ws, As, strict=True):
            np.dot(W, A)
        for l, (W, A, dZ) in enumerate(zip(Ws, As, dZs, strict=True)):
            np.dot(dZ, A.T)
            if l > 0:
                np.dot(W.T, dZ)
        return float("nan")
    return repeated(iteration)


def make_engine_floor(parameters, X, Y, lr) -> Step:
    """The same products, each computed as tinygraph's MatMul computes it (its own rules).

    tinygraph orders some products differently (see `engine/_fast.py`), so its iteration can
    take less than the course's products: this row is the floor of its own formulation.
    """
    from tinygraph.ops import MatMul

    L = len(parameters) // 2
    Ws = [parameters[f"W{l}"] for l in range(1, L + 1)]
    As = [X]
    for W in Ws[:-1]:
        As.append(np.maximum(MatMul.forward(W, As[-1])[0], 0))
    dZs = gradients_like(Ws, X, order="F" if X.flags.f_contiguous else "C")

    def iteration() -> float:
        saved = [MatMul.forward(W, A)[1] for W, A in zip(Ws, As, strict=True)]
        for l, (kept, dZ) in enumerate(zip(saved, dZs, strict=True)):
            MatMul.backward(dZ, kept, (True, l > 0))
        return float("nan")
    return repeated(iteration)


def gradients_like(Ws: list[np.ndarray], X: np.ndarray, order: str = "C") -> list[np.ndarray]:
    """Stand-ins for dZ[l] (n_l, m): the products' time does not depend on the numbers."""
    rng = np.random.default_rng(0)
    return [np.asarray(rng.random((W.shape[0], X.shape[1])), dtype=X.dtype, order=order)
            for W in Ws]


IMPLEMENTATIONS = {impl.key: impl for impl in [
    Implementation("course", "course notebook code (with dA0)", make_course),
    Implementation("course_no_dA0", "course code without dA0", make_course_no_dA0),
    Implementation("tinygraph", "tinygraph", make_tinygraph),
    Implementation("tinygraph_operators", "tinygraph, the graph written with operators",
                   make_tinygraph_operators),
    Implementation("torch", "PyTorch CPU autograd", make_torch, needs="torch"),
    Implementation("hips", "HIPS autograd", make_hips, needs="autograd"),
    Implementation("floor", "matmul floor (the course's products)", make_floor),
    Implementation("engine_floor", "matmul floor (tinygraph's products)", make_engine_floor),
]}
