"""Network's arguments: what is not a layer size or a dtype tinygraph computes in gets a clear
error naming it, and float16 is refused (data in float16 is fine: it is cast to the network's
dtype)."""

from __future__ import annotations

import numpy as np
import pytest

import tinygraph as tg
from tinygraph import DTypeError, InputError
from tinygraph.train import fit


@pytest.mark.parametrize("layer_dims", [[True, True], [4, False, 1], [np.True_, 3, 1],
                                        [4.0, 3, 1], ["4", 3, 1], [4], [4, 0, 1], [4, -3, 1]])
def test_what_is_not_a_layer_size_is_named(layer_dims) -> None:
    with pytest.raises(InputError, match="layer_dims must list at least two positive sizes"):
        tg.Network(layer_dims)


def test_numpy_integers_are_sizes() -> None:
    assert tg.Network(np.array([4, 3, 1])).layer_dims == [4, 3, 1]


@pytest.mark.parametrize("dtype", [np.float16, "float16", "half", np.longdouble, np.int64,
                                   "nonsense"])
def test_only_float64_and_float32_networks(dtype) -> None:
    with pytest.raises(DTypeError, match="cannot be .*: tinygraph computes in float64 .* or "
                                         "float32"):
        tg.Network([4, 3, 1], dtype=dtype)


def test_float16_says_why() -> None:
    with pytest.raises(DTypeError, match="no fast float16 matrix product"):
        tg.Network([4, 3, 1], dtype=np.float16)


def test_float16_parameters_given_by_hand_are_refused_by_name() -> None:
    values = tg.initial_parameters([4, 3, 1])
    values["b2"] = values["b2"].astype(np.float16)
    with pytest.raises(DTypeError, match="parameter b2 cannot be float16"):
        tg.Network.from_values(values)


def test_float16_data_trains_in_the_networks_dtype() -> None:
    rng = np.random.default_rng(0)
    X, Y = rng.random((4, 10)), (np.arange(10) % 2).reshape(1, 10)
    nets = {}
    for data_dtype in (np.float16, np.float32):
        nets[data_dtype] = tg.Network([4, 3, 1], dtype=np.float32)
        fit(nets[data_dtype], X.astype(np.float16).astype(data_dtype), Y, num_iterations=5,
            progress=False)
    # float16 values are exact in float32, so both runs see the very same numbers.
    for name, p in nets[np.float16].parameters.items():
        assert p.value.dtype == np.float32
        assert np.array_equal(p.value, nets[np.float32].parameters[name].value), name


@pytest.mark.parametrize("seed", [-1, 2 ** 32, 1.5, "1", True])
def test_a_seed_numpy_cannot_take_is_named(seed) -> None:
    with pytest.raises(InputError, match="seed must be a whole number from 0 to 2\\*\\*32 - 1"):
        tg.Network([4, 3, 1], seed=seed)
    with pytest.raises(InputError, match="seed must be"):
        fit(tg.Network([4, 3, 1]), np.ones((4, 2)), [[0, 1]], seed=seed, progress=False)


def test_the_largest_seed_is_taken() -> None:
    assert tg.Network([4, 3, 1], seed=2 ** 32 - 1).layer_dims == [4, 3, 1]
