"""Several `make bench` runs in one table: each ratio's median over the runs, and its spread.

One run on a shared machine does not settle a ratio near its limit: a neighbour that wakes up
during one row moves it by a quarter. Run the benchmark several times, then:

    $ for i in 1 2 3 4 5; do .venv/bin/python benchmarks/run.py --workloads a,b,c \\
          --no-memory --json out/bench/run$i.json; done
    $ .venv/bin/python benchmarks/spread.py out/bench/run*.json --markdown out/bench/spread.md

Each row of the table is one implementation of one workload: its median time per iteration
over the runs, and the ratio to the course's code (each run's ratio is of that run's own
medians), as the median over the runs and the lowest and highest run; then each target, its
value in every run, and how many runs met it.

    >>> runs = [{"started": "t", "machine": {"load_average_at_start": [0.5, 0, 0],
    ...          "load_average_at_end": [0.7, 0, 0]}, "workloads": {"b": {"title": "tiny",
    ...          "rows": [{"name": "tinygraph", "dtype": "float64", "median_s": s,
    ...                    "ratio_to_reference": r, "skipped": None}]}},
    ...          "targets": [{"target": "(b)", "value": r, "limit": 1.2, "met": r <= 1.2}]}
    ...         for s, r in ((1e-4, 1.1), (2e-4, 1.3), (1.5e-4, 1.0))]
    >>> print(markdown(summary(runs)).splitlines()[4])
    | (b) tiny | tinygraph | float64 | 0.150 | 1.100 | 1.000 | 1.300 |
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path


def summary(runs: list[dict]) -> dict:
    """Per row and per target: the values of every run, their median, lowest and highest."""
    rows: dict[tuple, dict] = {}
    for run in runs:
        for key, result in run["workloads"].items():
            for row in result["rows"]:
                if row["skipped"] or row["median_s"] is None:
                    continue
                entry = rows.setdefault((key, result["title"], row["name"], row["dtype"]),
                                        {"ms": [], "ratio": []})
                entry["ms"].append(row["median_s"] * 1e3)
                entry["ratio"].append(row["ratio_to_reference"])
    targets: dict[str, dict] = {}
    for run in runs:
        for t in run["targets"]:
            entry = targets.setdefault(t["target"], {"limit": t["limit"], "values": []})
            if t["value"] is not None:
                entry["values"].append(t["value"])
    loads = [(run["machine"]["load_average_at_start"][0],
              run["machine"]["load_average_at_end"][0]) for run in runs]
    return {"runs": len(runs), "started": [run["started"] for run in runs], "loads": loads,
            "rows": rows, "targets": targets}


def markdown(s: dict) -> str:
    """The summary as two Markdown tables: the rows, then the targets."""
    loads = ", ".join(f"{a:.1f}-{b:.1f}" for a, b in s["loads"])
    lines = [f"{s['runs']} runs ({s['started'][0]} to {s['started'][-1]}); load average at "
             f"the start and end of each: {loads}.", "",
             "| workload | implementation | dtype | ms / iteration (median) | vs course: median "
             "| lowest | highest |", "|---|---|---|---:|---:|---:|---:|"]
    for (key, title, name, dtype), e in s["rows"].items():
        lines.append(f"| ({key}) {title} | {name} | {dtype} | {statistics.median(e['ms']):.3f} "
                     f"| {statistics.median(e['ratio']):.3f} | {min(e['ratio']):.3f} "
                     f"| {max(e['ratio']):.3f} |")
    lines += ["", "| target | limit | median | each run | runs that met it |",
              "|---|---:|---:|---|---:|"]
    for name, t in s["targets"].items():
        values = t["values"]
        if not values:
            continue
        met = sum(v <= t["limit"] for v in values)
        lines.append(f"| {name} | {t['limit']} | {statistics.median(values):.3f} | "
                     f"{', '.join(f'{v:.3f}' for v in values)} | {met} of {len(values)} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("runs", nargs="+", type=Path, help="results JSON files of run.py")
    parser.add_argument("--markdown", type=Path, help="also write the tables to this file")
    args = parser.parse_args(argv)
    text = markdown(summary([json.loads(path.read_text()) for path in args.runs]))
    print(text)
    if args.markdown:
        args.markdown.parent.mkdir(parents=True, exist_ok=True)
        args.markdown.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
