"""The `tinygraph` command: one subcommand per module of this package.

    $ tinygraph --help
    $ tinygraph --version
    $ tinygraph train --help

Each module in `COMMANDS` has `register(subparsers)`, which adds its subcommand(s) and sets
`run=function(args) -> int` as the parser's default. Errors tinygraph raises on purpose are
printed as one line (exit status 1); bad arguments exit with status 2, as argparse does.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from .. import __version__
from ..errors import TinygraphError

COMMANDS: list[str] = ["render", "train", "step"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tinygraph",
        description="Build, train, draw and step through the course's neural networks "
                    "as computational graphs.",
    )
    parser.add_argument("--version", action="version", version=f"tinygraph {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    subparsers.required = True
    for name in COMMANDS:
        importlib.import_module(f"{__name__}.{name}").register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status (also used by `python -m tinygraph`)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args) or 0
    except TinygraphError as error:
        print(f"tinygraph {args.command}: error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"tinygraph {args.command}: interrupted", file=sys.stderr)
        return 130
