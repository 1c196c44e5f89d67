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
import warnings

from .. import __version__
from ..errors import TinygraphError, TinygraphWarning

COMMANDS: list[str] = ["render", "train", "step", "check", "export"]


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
        with warnings.catch_warnings():
            warnings.showwarning = _one_line_warning(args.command)
            return args.run(args) or 0
    except TinygraphError as error:
        print(f"tinygraph {args.command}: error: {error}", file=sys.stderr)
        return 1
    except OSError as error:  # a file the library wrote directly (a plot) on a full disk
        where = f"{error.filename}: " if error.filename else ""
        print(f"tinygraph {args.command}: error: {where}{error.strerror or error}",
              file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"tinygraph {args.command}: interrupted", file=sys.stderr)
        return 130


def _one_line_warning(command: str):
    """`tinygraph train: warning: ...` for tinygraph's own warnings; others as Python shows them."""
    default = warnings.showwarning

    def show(message, category, filename, lineno, file=None, line=None):
        if issubclass(category, TinygraphWarning):
            print(f"tinygraph {command}: warning: {message}", file=sys.stderr)
        else:
            default(message, category, filename, lineno, file, line)
    return show
