"""`tinygraph check`: which of a learner's own course functions are wrong, where, and why.

    $ tinygraph check my_dnn.py
    $ tinygraph check "Building_your_Deep_Neural_Network_Step_by_Step.ipynb" --json

Only imports and definitions in the file run, never its other statements. Exit status: 0
when every function found is right, 1 when one differs or raises, 2 when the file cannot be
checked (no such file, neither .py nor .ipynb, a syntax error: its cell and line are named).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "check", help="check your own course functions (a .py or .ipynb) against tinygraph's",
        description="Check your versions of the course's functions (initialize_parameters ... "
                    "L_model_backward, update_parameters, two_layer_model, L_layer_model, "
                    "predict) against tinygraph's, on the course's test inputs and random "
                    "shapes. Each is ok, differs (the first output that differs, expected "
                    "against got, and a hint when it is a known mistake), error (the line "
                    "that raised) or missing. Only imports and definitions in the file run. "
                    "The report holds none of your code, so you can post it.",
        epilog="exit status: 0 all found functions ok, 1 some differ or raise, 2 the file "
               "cannot be checked. example: tinygraph check my_dnn.ipynb")
    parser.add_argument("path", type=Path, metavar="PATH",
                        help="your .py file or .ipynb notebook")
    parser.add_argument("--json", action="store_true",
                        help='print one JSON object: {"file": ..., "functions": [{"name", '
                             '"status", "detail", "hint", "caused_by"}, ...]}')
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..course.checker import CheckError, check

    try:
        report = check(args.path)
    except CheckError as error:  # the file cannot be checked: a usage error
        print(f"tinygraph check: error: {error}", file=sys.stderr)
        return 2
    try:
        print(report.to_json() if args.json else report)
    except BrokenPipeError:  # `tinygraph check mine.py | head`: the status still counts
        pass
    return report.exit_status
