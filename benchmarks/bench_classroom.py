"""How long `tinygraph check` takes for a class: forty submissions of the course's size (every
function of both notebooks, as tests/learners/correct.py and correct.ipynb have them), most
right, some with one of the course's common mistakes, two with an endless loop.

    $ .venv/bin/python benchmarks/bench_classroom.py
    $ .venv/bin/python benchmarks/bench_classroom.py --files 80 --jobs 4

A benchmark that prints its times, not a test: they depend on the machine and its load. The
class is written to a temporary folder and checked as `tinygraph check DIR` checks it, each
file in a child process, one per core unless --jobs says otherwise.

    >>> len(class_sources(40))
    40
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from tinygraph.checker.classroom import check_class
from tinygraph.checker.isolate import cores

LEARNERS = Path(__file__).resolve().parent.parent / "tests" / "learners"

# (what a learner wrote instead, in correct.py's text): the mistakes a class makes most.
MISTAKES = {
    "db without 1/m": ("db = 1 / m * np.sum(dZ, axis=1, keepdims=True)",
                       "db = np.sum(dZ, axis=1, keepdims=True)"),
    "dAL's sign": ("dAL = - (np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))",
                   "dAL = np.divide(Y, AL) - np.divide(1 - Y, 1 - AL)"),
    "L not halved": ("    L = len(parameters) // 2\n    for l in range(1, L):",
                     "    L = len(parameters)\n    for l in range(1, L):"),
    "cost without minus": ("cost = -1 / m * np.sum", "cost = 1 / m * np.sum"),
    "endless loop": ("    Z = np.dot(W, A) + b\n",
                     "    Z = np.dot(W, A) + b\n    while Z is not None:\n        pass\n"),
}
# Of every 20 files: 14 right (7 of them notebooks), 2 each of three mistakes, ...
PATTERN = ([None] * 14 + ["db without 1/m"] * 2 + ["dAL's sign"] * 2 + ["L not halved",
                                                                        "cost without minus"])


def class_sources(files: int) -> dict[str, str]:
    """{file name: text}: `files` submissions, two of them (one per 20 after the first 20)
    with an endless loop in linear_forward."""
    right = (LEARNERS / "correct.py").read_text()
    notebook = (LEARNERS / "correct.ipynb").read_text()
    sources = {}
    for i in range(files):
        mistake = "endless loop" if i in (5, 25) else PATTERN[i % len(PATTERN)]
        if mistake is None:
            name, text = (f"learner{i:02}.ipynb", notebook) if i % 2 else (
                f"learner{i:02}.py", right)
        else:
            old, new = MISTAKES[mistake]
            assert old in right, mistake
            name, text = f"learner{i:02}.py", right.replace(old, new, 1)
        sources[name] = text
    return sources


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=40)
    parser.add_argument("--jobs", type=int, default=None, help="default: one per core")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="tinygraph-class-"))
    for name, text in class_sources(args.files).items():
        (folder / name).write_text(text)
    jobs = args.jobs or cores()
    start = time.perf_counter()
    report = check_class(folder, jobs=jobs)
    seconds = time.perf_counter() - start
    rows = [r.exit_status for r in report.files]
    print(f"{args.files} submissions of the course's size, {jobs} jobs: {seconds:.1f} s "
          f"({rows.count(0)} right, {rows.count(1)} wrong, {rows.count(2)} not checked)")
    for name, summary in report.summary().items():
        for line in summary.lines(of=len(report.checked))[:2]:
            print(f"  {name}: {line[:90]}")
    if args.json:
        args.json.write_text(json.dumps({"files": args.files, "jobs": jobs,
                                         "seconds": round(seconds, 2)}))


if __name__ == "__main__":
    main()
