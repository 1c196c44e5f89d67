"""The hand-off to PyTorch: a trained network as a `torch.nn.Module` with the same weights.

    >>> import tinygraph as tg
    >>> net = tg.Network([12288, 20, 7, 5, 1])
    >>> [(name, kind) for name, kind, _ in layers(net)][:3]
    [('Z1', 'linear'), ('A1', 'relu'), ('Z2', 'linear')]
    >>> model = net.to_torch()                    # doctest: +SKIP
    >>> model                                     # doctest: +SKIP
    Sequential(
      (Z1): Linear(in_features=12288, out_features=20, bias=True)
      (A1): ReLU()
      ...
      (AL): Sigmoid()
    )

The module takes a batch first, as PyTorch does: `model(torch.from_numpy(X.T))` is the
course's AL.T, (batch, 1). Each Linear keeps W[l] in the course's shape (n_l, n_prev), which
is PyTorch's (out_features, in_features), and b[l] as (n_l,). Its dtype is the network's:
float64 stays float64. PyTorch is not a dependency of tinygraph: install it to use this.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

import numpy as np

from ..errors import InputError


def layers(net: Any) -> list[tuple[str, str, dict[str, np.ndarray]]]:
    """The network as PyTorch layers, in order: (name, kind, arrays) with kind "linear"
    (arrays `weight` = W[l], `bias` = b[l] as (n_l,)), "relu" or "sigmoid"; named as the
    course names what each computes: Z1, A1, ..., Z[L], AL."""
    found = []
    for l in range(1, net.L + 1):
        W, b = net.parameters[f"W{l}"].value, net.parameters[f"b{l}"].value
        found.append((f"Z{l}", "linear", {"weight": W, "bias": b.reshape(-1)}))
        found.append(("AL", "sigmoid", {}) if l == net.L else (f"A{l}", "relu", {}))
    return found


def to_torch(net: Any) -> Any:
    """`net` as `torch.nn.Sequential` of Linear, ReLU, ..., Sigmoid with copies of its
    parameters, in its dtype. Its outputs are tinygraph's (to 1e-12 in float64)."""
    torch = require_torch()
    dtype = {np.dtype(np.float32): torch.float32, np.dtype(np.float64): torch.float64}[
        net.dtype]
    modules = OrderedDict()
    for name, kind, arrays in layers(net):
        if kind == "linear":
            n, n_prev = arrays["weight"].shape
            module = torch.nn.Linear(n_prev, n, dtype=dtype)
            with torch.no_grad():  # copies: training one never moves the other
                module.weight.copy_(torch.from_numpy(arrays["weight"]))
                module.bias.copy_(torch.from_numpy(arrays["bias"]))
        else:
            module = torch.nn.ReLU() if kind == "relu" else torch.nn.Sigmoid()
        modules[name] = module
    return torch.nn.Sequential(modules)


def require_torch() -> Any:
    """The `torch` package, or an InputError saying how to install it."""
    try:
        import torch
    except ImportError:
        raise InputError("to_torch needs PyTorch, which tinygraph does not install: "
                         "pip install torch (see pytorch.org for your machine)") from None
    return torch
