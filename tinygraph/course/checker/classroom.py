"""A class at once: every submission checked (each in a child process, one per core), one row
per file, then for each of the course's functions how many are ok, differ, raise or are
missing, and the most common explanations with their counts.

    >>> from tinygraph.checker.run import Result
    >>> why = "db:missing 1/m (9)"              # the diagnosis' key: the same for everyone
    >>> right = Report("alice.py", [Result("linear_backward", "ok")])
    >>> wrong = Report("bob.py", [Result("linear_backward", "differs", explanation=why)])
    >>> empty = Report("carol.py", [Result("linear_backward", "missing", "not defined")])
    >>> summary = ClassReport("class/", [right, wrong, empty]).summary()["linear_backward"]
    >>> summary.counts
    {'ok': 1, 'differs': 1, 'error': 0, 'missing': 1}
    >>> print(summary.lines(of=3)[0])
    1 of 3: db: missing 1/m (9)

`tinygraph check DIR` (or several paths) prints it; `--json` and `--csv` give it to a script
or a spreadsheet; in Jupyter, `tg.check("submissions/")` shows it as tables.
"""

from __future__ import annotations

import json
import textwrap
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .course import FUNCTIONS, ORDER
from .isolate import Limits, check_files
from .report import Report, rows_csv
from .run import Result

STATUSES = ("ok", "differs", "error", "missing")
_SKIPPED = ("__pycache__", ".ipynb_checkpoints")  # folders of tools, not of learners


def explanation_of(result: Result) -> str | None:
    """The words a class report counts for a function that differs or raises, the same for
    everyone who makes the mistake: the diagnosis' key ("db: missing 1/m (9)", where the one
    line a learner reads also names their own line), the learner's function that makes it
    wrong, or the error in a few words; None when there is nothing to say beyond the status.
    """
    if result.status not in ("differs", "error"):
        return None
    if result.explanation and not (result.error_kind and
                                   result.explanation.startswith("error:")):
        return result.explanation.replace(":", ": ", 1)
    if result.caused_by:
        return f"wrong through their own {result.caused_by}"
    return result.error_kind or result.hint


@dataclass
class FunctionSummary:
    """One function across the class: how many of each status, and why, most common first."""

    name: str
    counts: dict[str, int]
    explanations: list[tuple[str, int]]

    def lines(self, of: int) -> list[str]:
        """`14 of 40: db: missing 1/m (9)`, one line per explanation."""
        return [f"{count} of {of}: {text}" for text, count in self.explanations]

    def as_dict(self) -> dict[str, Any]:
        return {**self.counts, "explanations": [{"explanation": text, "count": count}
                                                for text, count in self.explanations]}


@dataclass
class ClassReport:
    """`files`: one single-file Report per submission, in order (`error` set on a file that
    could not be checked)."""

    title: str
    files: list[Report]

    @property
    def checked(self) -> list[Report]:
        """The files whose functions were checked (an empty one included)."""
        return [r for r in self.files if r.error is None]

    @property
    def exit_status(self) -> int:
        """The worst file's: 0 every file found functions and all are ok, 1 some differ or
        raise, 2 a file could not be checked or has none of the course's functions."""
        return max((r.exit_status for r in self.files), default=2)

    def __getitem__(self, file: str) -> Report:
        """A file's report, by its name as given or its base name."""
        for report in self.files:
            if file in (report.file, Path(report.file).name):
                return report
        raise KeyError(f"the class report has no file {file!r}")

    def summary(self) -> dict[str, FunctionSummary]:
        """For each course function (and a helper some learner wrote), in the course's order."""
        results: dict[str, list[Result]] = {}
        for report in self.checked:
            for result in report.functions:
                results.setdefault(result.name, []).append(result)
        found = {}
        for name in sorted(results, key=ORDER.index):
            if name not in FUNCTIONS and all(r.status == "missing" for r in results[name]):
                continue
            counts = Counter(r.status for r in results[name])
            why = Counter(e for e in map(explanation_of, results[name]) if e)
            found[name] = FunctionSummary(name, {s: counts[s] for s in STATUSES},
                                          why.most_common())
        return found

    def as_dict(self) -> dict[str, Any]:
        """{"files": [each file's report as --json prints it], "summary": {function: counts
        and explanations}}"""
        return {"files": [r.as_dict() for r in self.files],
                "summary": {n: s.as_dict() for n, s in self.summary().items()}}

    def to_json(self) -> str:
        return json.dumps(self.as_dict(), indent=2)

    def to_csv(self) -> str:
        """One row per file and function; a file that could not be checked is one row."""
        return rows_csv(self.files)

    def __str__(self) -> str:
        lines = [f"tinygraph check: {self.title} ({_files(len(self.files))})"]
        if not self.files:
            return "\n".join([*lines, "  no .py or .ipynb file to check"])
        width = max(len(r.file) for r in self.files)
        lines += [f"  {r.file:<{width}}  {_row(r)}" for r in self.files]
        return "\n".join(lines + self._summary_lines())

    def _summary_lines(self) -> list[str]:
        """Each function someone wrote, its counts and why; then those nobody wrote."""
        checked = len(self.checked)
        unchecked = len(self.files) - checked
        lines = [f"per function, of {_files(checked)} checked"
                 + (f" ({unchecked} could not be)" if unchecked else "") + ":"]
        summaries = self.summary()
        nobody = [n for n, s in summaries.items() if s.counts["missing"] == checked]
        for name, summary in summaries.items():
            if name in nobody:
                continue
            c = summary.counts
            lines.append(f"  {name:<27} {c['ok']} ok, {c['differs']} differ, {c['error']} "
                         f"raised, {c['missing']} missing")
            lines += [textwrap.fill(line, 100, initial_indent="      ",
                                    subsequent_indent="        ")
                      for line in summary.lines(of=checked)]
        if nobody:
            lines.append(textwrap.fill(f"written by nobody: {', '.join(nobody)}", 100,
                                       initial_indent="  ", subsequent_indent="    "))
        return lines

    def __repr__(self) -> str:
        return str(self)


def _files(n: int) -> str:
    return f"{n} file{'s' * (n != 1)}"


def _row(report: Report) -> str:
    """A file's verdict in one line: ok, what is wrong, or why it was not checked."""
    if report.exit_status == 2:
        return f"-      {report.summary()}"
    wrong = [r.name for r in report.functions if r.status in ("differs", "error")]
    if not wrong:
        return f"ok     {report.summary()}"
    return f"WRONG  {', '.join(wrong)}"


def submissions(paths: Iterable[str | Path]) -> dict[Path, str]:
    """{file: its name in the report}: each file given (its name as given), and every .py
    and .ipynb under each folder given (its subfolders too, but not hidden ones,
    __pycache__ or .ipynb_checkpoints), named from that folder: `alice/dnn.ipynb`."""
    found: dict[Path, str] = {}
    for path in map(Path, paths):
        if not path.is_dir():
            found.setdefault(path, str(path))  # not there, or not .py/.ipynb: its row says so
            continue
        for file in sorted(path.rglob("*")):
            inside = file.relative_to(path)
            if (file.suffix in (".py", ".ipynb") and file.is_file() and not any(
                    part.startswith(".") or part in _SKIPPED for part in inside.parts)):
                found.setdefault(file, inside.as_posix())
    return found


def check_class(paths: str | Path | Iterable[str | Path], time_limit: float | None = None,
                memory_mb: int | None = None, jobs: int | None = None,
                on_done: Callable[[Report], None] | None = None) -> ClassReport:
    """Every submission under `paths` (folders or files), `jobs` at a time (one per core);
    `on_done(report)` is told of each file as it is done (a progress line).

        >>> tg.check("submissions/").summary()["linear_backward"].counts  # doctest: +SKIP
        {'ok': 26, 'differs': 14, 'error': 0, 'missing': 0}
    """
    paths = [paths] if isinstance(paths, (str, Path)) else list(paths)
    limits = Limits.of(time_limit, memory_mb)
    files = submissions(paths)
    title = str(paths[0]) if len(paths) == 1 else f"{len(paths)} paths"
    return ClassReport(title, check_files(files, limits, jobs, files.values(), on_done))
