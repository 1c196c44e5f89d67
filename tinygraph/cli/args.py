"""Argument types shared by the subcommands: argparse turns their errors into exit status 2.

    >>> layer_dims("12288,20,7,5,1")
    [12288, 20, 7, 5, 1]
"""

from __future__ import annotations

import argparse
import math

from ..models.nn import INIT_CHOICES, INITS, ONE_OUTPUT


def layer_dims(text: str) -> list[int]:
    """`"12288,20,7,5,1"` -> [12288, 20, 7, 5, 1]: the same sizes and the same messages for
    every subcommand (render, step, gradcheck, train): the course's network, one sigmoid unit
    at the end."""
    try:
        dims = [int(n) for n in text.split(",")]
    except ValueError:
        dims = []
    if len(dims) < 2 or min(dims) < 1:
        raise argparse.ArgumentTypeError(
            f"{text!r}: give at least two positive sizes separated by commas, e.g. 12288,20,7,5,1")
    if dims[-1] != 1:
        raise argparse.ArgumentTypeError(f"{text!r}: {ONE_OUTPUT}")
    return dims


def positive_int(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: give a positive whole number")
    return n


def positive_float(text: str) -> float:
    try:
        x = float(text)
    except ValueError:
        x = math.nan
    if not math.isfinite(x) or x <= 0:
        raise argparse.ArgumentTypeError(f"{text!r}: give a positive number, e.g. 0.0075")
    return x


def seed(text: str) -> int:
    """A seed for NumPy's generators: 0 .. 2**32 - 1."""
    try:
        n = int(text)
    except ValueError:
        n = -1
    if not 0 <= n < 2 ** 32:
        raise argparse.ArgumentTypeError(f"{text!r}: give a whole number from 0 to 4294967295")
    return n


def add_init_argument(parser: argparse.ArgumentParser, default: str = "course") -> None:
    """`--init`, with the same choices in every subcommand that makes a network."""
    recipes = "; ".join(f"{name}: {INITS[name].about}" for name in INITS)
    parser.add_argument("--init", choices=INIT_CHOICES, default=default,
                        help=f"how W[l] is drawn (default: {default}). course: the notebook's "
                             f"choice, two_layer for 3 sizes, else app; {recipes}")


def fraction(text: str) -> float:
    """A number in [0, 1): the betas of momentum and Adam."""
    try:
        x = float(text)
    except ValueError:
        x = math.nan
    if not 0 <= x < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: give a number in [0, 1), e.g. 0.9")
    return x
