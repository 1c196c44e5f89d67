"""The report of a check: text in a terminal, one JSON object (a table in Jupyter: the checker's
view, tinygraph.views.checker).

It holds no line of the learner's code, only names, numbers and line numbers, so it can be
posted on a forum as it is. Its exit status is honest: 0 only when at least one of the course's
functions was found and every one found is right:

    >>> Report("notes.py", [Result("linear_forward", "missing", "not defined")]).exit_status
    2
    >>> print(Report("notes.py", [Result("linear_forward", "missing", "not defined")]))
    tinygraph check: notes.py
      not found: linear_forward
    none of the course's functions: is this the right file?
"""

from __future__ import annotations

import csv
import io
import json
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .run import Result

_MARKS = {"ok": "ok", "differs": "DIFFERS", "error": "ERROR", "missing": "missing"}
NONE_FOUND = "none of the course's functions: is this the right file?"


@dataclass
class Report:
    """`functions`: one Result per course function, in the course's order. `error`: why the
    file could not be checked at all (a class report's row for it; `functions` is empty)."""

    file: str
    functions: list[Result]
    notes: list[str] = field(default_factory=list)
    error: str | None = None

    @property
    def found(self) -> bool:
        """At least one of the course's functions is the learner's own."""
        return any(r.status != "missing" for r in self.functions)

    @property
    def ok(self) -> bool:
        """Some functions were found, and every one found is right."""
        return self.found and all(r.status in ("ok", "missing") for r in self.functions)

    @property
    def exit_status(self) -> int:
        """0 all found ok, 1 one differs or raises, 2 nothing to check (none found, or the
        file could not be checked)."""
        if self.error is not None or not self.found:
            return 2
        return 0 if self.ok else 1

    def __getitem__(self, name: str) -> Result:
        for result in self.functions:
            if result.name == name:
                return result
        raise KeyError(f"the report has no function {name!r}")

    def as_dict(self) -> dict[str, Any]:
        """{"file", "functions"}, and "error" for a file that could not be checked."""
        found = {"file": self.file, "functions": [r.as_dict() for r in self.functions]}
        return found if self.error is None else {**found, "error": self.error}

    def to_json(self) -> str:
        return json.dumps(self.as_dict(), indent=2)

    def to_csv(self) -> str:
        """The CLI's --csv: one row per function (see rows_csv)."""
        return rows_csv([self])

    def summary(self) -> str:
        if self.error is not None:
            return f"cannot be checked: {self.error}"
        if not self.found:
            meant = [r.detail.split("; ", 1)[1] for r in self.functions
                     if r.status == "missing" and "did you mean" in r.detail]
            return NONE_FOUND + "".join(f" ({m})" for m in meant[:1])
        counts = {s: sum(r.status == s for r in self.functions) for s in _MARKS}
        return (f"{counts['ok']} ok, {counts['differs']} differ, {counts['error']} raised, "
                f"{counts['missing']} not found")

    def __str__(self) -> str:
        lines = [f"tinygraph check: {self.file}"]
        if self.error is not None:
            return "\n".join([*lines, f"  {self.summary()}"])
        found = [r for r in self.functions if r.status != "missing"]
        indent = " " * 11
        for r in found:
            lines.append(f"  {_MARKS[r.status]:8} {r.name}")
            lines += [textwrap.fill(f"{label}{text}", 100, initial_indent=indent,
                                    subsequent_indent=indent + "  ")
                      for label, text in (("", r.detail), ("caused by your ", r.caused_by),
                                          ("hint: ", r.hint)) if text]
        missing = [r.name for r in self.functions if r.status == "missing"]
        if missing:
            lines.append(textwrap.fill(f"not found: {', '.join(missing)}", 100,
                                       initial_indent="  ", subsequent_indent="    "))
        lines += [f"  note: {note}" for note in self.notes]
        lines.append(self.summary())
        return "\n".join(lines)

    def __repr__(self) -> str:
        return str(self)

    def first_wrong_backward(self) -> Result | None:
        """The first backward function whose numbers leave the reference's (for the picture)."""
        backward = ("relu_backward", "sigmoid_backward", "linear_backward",
                    "linear_activation_backward", "L_model_backward")
        return next((r for r in self.functions if r.name in backward and r.status == "differs"
                     and r.difference is not None and r.difference.output.path), None)


def rows_csv(reports: Iterable[Report]) -> str:
    """file, function, status, detail, hint, caused_by: one row per file and function."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["file", "function", "status", "detail", "hint", "caused_by"])
    for report in reports:
        if report.error is not None:
            writer.writerow([report.file, "", "not checked", report.error, "", ""])
        for r in report.functions:
            writer.writerow([report.file, r.name, r.status, r.detail, r.hint or "",
                             r.caused_by or ""])
    return out.getvalue()
