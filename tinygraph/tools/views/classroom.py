"""A class's check in Jupyter: for each function how many are ok, differ, raise or are
missing, with the most common explanations and their counts, then one row per file. Plain
tables, inline styles only, as the other views.

    >>> from tinygraph.checker.classroom import ClassReport
    >>> from tinygraph.checker.report import Report
    >>> from tinygraph.checker.run import Result
    >>> class_ = ClassReport("class/", [Report("bob.py", [
    ...     Result("linear_backward", "differs", explanation="db:missing 1/m (9)")])])
    >>> page = class_report_html(class_)
    >>> "1 of 1: db: missing 1/m (9)" in page and "bob.py" in page
    True
"""

from __future__ import annotations

import html

from ...course.checker.classroom import ClassReport
from ...course.checker.report import Report

# As the checker's view colours a single file's statuses.
COLOURS = {"ok": "#1a7f37", "differs": "#cf222e", "error": "#cf222e", "missing": "#6e7781"}
_TABLE = 'style="border-collapse: collapse; font-size: 0.9em; margin: 0.3em 0"'
_CELL = 'style="border: 1px solid #ddd; padding: 0.2em 0.6em; text-align: left"'
_NUMBER = 'style="border: 1px solid #ddd; padding: 0.2em 0.6em; text-align: right"'


def _count(n: int, status: str) -> str:
    colour = COLOURS[status] if n and status != "missing" else "#6e7781"
    weight = "bold" if n and status in ("differs", "error") else "normal"
    return f"<td {_NUMBER}><span style='color:{colour};font-weight:{weight}'>{n}</span></td>"


def summary_html(report: ClassReport) -> str:
    """Per function: ok, differ, raised, missing, and why (`14 of 40: ...`)."""
    checked = len(report.checked)
    rows = []
    for name, summary in report.summary().items():
        why = "<br>".join(html.escape(line) for line in summary.lines(of=checked))
        rows.append(f"<tr><td {_CELL}><code>{name}</code></td>"
                    + "".join(_count(summary.counts[s], s)
                              for s in ("ok", "differs", "error", "missing"))
                    + f"<td {_CELL}>{why}</td></tr>")
    head = "".join(f"<th {_CELL}>{h}</th>" for h in
                   ("function", "ok", "differ", "raised", "missing", "why, most common first"))
    return (f"<table {_TABLE}><caption style='text-align:left'>per function, of {checked} "
            f"files checked</caption><tr>{head}</tr>{''.join(rows)}</table>")


def _verdict(report: Report) -> tuple[str, str]:
    """(colour, text) of a file's row."""
    if report.exit_status == 2:
        return COLOURS["missing"], report.summary()
    wrong = [r.name for r in report.functions if r.status in ("differs", "error")]
    if wrong:
        return COLOURS["differs"], "wrong: " + ", ".join(wrong)
    return COLOURS["ok"], report.summary()


def files_html(report: ClassReport) -> str:
    """One row per file: ok, the functions that are wrong, or why it was not checked."""
    rows = []
    for file in report.files:
        colour, text = _verdict(file)
        rows.append(f"<tr><td {_CELL}><code>{html.escape(file.file)}</code></td>"
                    f"<td {_CELL}><span style='color:{colour}'>{html.escape(text)}</span>"
                    f"</td></tr>")
    return (f"<table {_TABLE}><tr><th {_CELL}>file</th><th {_CELL}>verdict</th></tr>"
            f"{''.join(rows)}</table>")


def class_report_html(report: ClassReport) -> str:
    """The summary per function, then the files (`report["bob.py"]` shows one in full)."""
    title = html.escape(f"tinygraph check: {report.title} ({len(report.files)} files)")
    return f"<div><b>{title}</b>{summary_html(report)}{files_html(report)}</div>"
