"""`tinygraph check`: which of a learner's own course functions are wrong, where, and why; for
one file, or a whole class.

    $ tinygraph check my_dnn.py
    $ tinygraph check "Building_your_Deep_Neural_Network_Step_by_Step.ipynb" --json
    $ tinygraph check submissions/ --csv > class.csv

Only imports and definitions in a file run, never its other statements, and each file runs
in a child process of its own (a time limit per call, a memory limit, a temporary working
directory). Exit status: 0 when at least one course function was found and every one found
is right, 1 when one differs or raises, 2 when a file cannot be checked (no such file,
neither .py nor .ipynb, a syntax error: its cell and line are named) or has none of the
course's functions. For several files, the worst of theirs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "check", help="check your own course functions (a .py or .ipynb), or a whole class's",
        description="Check your versions of the course's functions (initialize_parameters ... "
                    "L_model_backward, update_parameters, two_layer_model, L_layer_model, "
                    "predict) against tinygraph's, on the course's test inputs and random "
                    "shapes. Each is ok, differs (the first output that differs, expected "
                    "against got, and a hint when it is a known mistake), error (the line "
                    "that raised) or missing. Only imports and definitions in the file run, "
                    "in a child process with a time and a memory limit. The report holds "
                    "none of your code, so you can post it. Give a folder (or several files) "
                    "to check a class: one row per file, then for each function how many are "
                    "ok, differ, raise or are missing, and the most common mistakes.",
        epilog="exit status: 0 all found functions ok, 1 some differ or raise, 2 a file "
               "cannot be checked or has none of the course's functions (several files: the "
               "worst). examples: tinygraph check my_dnn.ipynb; tinygraph check submissions/ "
               "--csv > class.csv")
    parser.add_argument("paths", type=Path, nargs="+", metavar="PATH",
                        help="your .py file or .ipynb notebook; or a folder of them (a class)")
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true",
                        help='print JSON: for one file {"file": ..., "functions": [{"name", '
                             '"status", "detail", "hint", "caused_by"}, ...]}; for a class '
                             '{"files": [one per file], "summary": {function: counts and '
                             'explanations}}')
    output.add_argument("--csv", action="store_true",
                        help="print CSV, one row per file and function: file, function, "
                             "status, detail, hint, caused_by")
    parser.add_argument("--time-limit", type=float, metavar="SECONDS", default=None,
                        help="stop a call of a learner's function after this long (default "
                             "2): it is reported once, as an endless loop, and not called "
                             "again")
    parser.add_argument("--memory-limit", type=int, metavar="MB", default=None,
                        help="memory each file may use, in MB (default 1024)")
    parser.add_argument("--jobs", type=int, metavar="N", default=None,
                        help="files checked at once (default: one per core)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..course.checker import check, check_class
    from ..errors import InputError

    class_of_files = len(args.paths) > 1 or args.paths[0].is_dir()
    try:
        if class_of_files:
            report = check_class(args.paths, args.time_limit, args.memory_limit, args.jobs,
                                 on_done=_progress())
            _progress_done()
        else:
            report = check(args.paths[0], time_limit=args.time_limit,
                           memory_mb=args.memory_limit)
    except InputError as error:  # the file cannot be checked, --jobs 0: a usage error
        print(f"tinygraph check: error: {error}", file=sys.stderr)
        return 2
    text = report.to_json() if args.json else report.to_csv() if args.csv else str(report)
    try:
        print(text, end="" if args.csv else "\n")
    except BrokenPipeError:  # `tinygraph check mine.py | head`: the status still counts
        pass
    return report.exit_status


def _progress():
    """In a terminal, `42 files checked` on stderr while a class is checked."""
    if not sys.stderr.isatty():
        return None
    done = []

    def tell(report: object) -> None:
        done.append(report)
        print(f"\rtinygraph check: {len(done)} file{'s' * (len(done) > 1)} checked",
              end="", file=sys.stderr, flush=True)
    return tell


def _progress_done() -> None:
    if sys.stderr.isatty():
        print("\r\033[K", end="", file=sys.stderr, flush=True)  # the line, cleared
