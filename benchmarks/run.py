"""`make bench`: tinygraph against the course's hand-written NumPy code, PyTorch and HIPS autograd.

    $ .venv/bin/python benchmarks/run.py                     # all four workloads, ~5 minutes
    $ .venv/bin/python benchmarks/run.py --workloads a,b --json out/bench/ab.json
    $ .venv/bin/python benchmarks/run.py --scale tiny        # seconds: what the tests run

Time: one run drives every implementation of a workload in turn, round after round (the
order rotates each round, with a pause between rows), so a noisy neighbour slows all of them
alike; each row reports the median time per iteration over the rounds, and every ratio is a
ratio of medians from the same run. Each implementation lives in its own worker process
(`--worker`, driven over a pipe): in one process, PyTorch's OpenMP threads and NumPy's OpenBLAS
threads fought over the two cores and slowed each other several times over.

Memory: each worker then reports its peak resident set (VmHWM: NumPy's arrays, BLAS's buffers,
the imported libraries) and the peak of NumPy's allocations over two more iterations
(tracemalloc, which sees NumPy's arrays but not BLAS's or PyTorch's own buffers).

Targets (issues 6, 9, 12 and 20) are checked on the figures of the run and printed below the
table; the JSON holds every figure, the machine, and OPENBLAS_CORETYPE if it is set. Several
runs make one table of medians and spread with `benchmarks/spread.py`.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # run as a script: the sibling modules import by plain name

import implementations as impls  # noqa: E402
import workloads as wl  # noqa: E402

LEARNING_RATE = 0.0075
HEAVY_MODULES = ("h5py", "graphviz", "tqdm", "matplotlib", "PIL", "torch")


@dataclass(frozen=True)
class Row:
    """One line of a workload's table: an implementation in a dtype, on the base or deeper net."""

    impl: str
    dtype: str
    # "deeper": workload (c)'s 2,000-layer net; "c_order": the base net with X in C order
    # (np.ascontiguousarray, as many loaders give it) instead of the course's F order
    net: str = "base"

    @property
    def name(self) -> str:
        label = impls.IMPLEMENTATIONS[self.impl].label
        return label + {"base": "", "deeper": ", 2,000 layers", "c_order": ", X in C order"}[
            self.net]

    @property
    def spec(self) -> str:
        return f"{self.impl}:{self.dtype}:{self.net}"


def rows_of(w: wl.Workload) -> list[Row]:
    """The rows of a workload; the first is the reference every ratio is taken against."""
    keys = ["course", "course_no_dA0", "tinygraph", "tinygraph_operators", "torch", "hips",
            "floor", "engine_floor"]
    rows = [Row(k, w.dtype) for k in keys]
    if w.key == "a":  # the course's net in float32 too, and with X in C order (issue 9.6)
        rows += [Row(k, "float32") for k in ("course_no_dA0", "tinygraph", "torch", "floor",
                                             "engine_floor")]
        rows += [Row(k, w.dtype, "c_order") for k in ("course", "tinygraph")]
    if w.deeper:  # the course's code too: how much of the growth is the machine's, not ours
        rows += [Row("tinygraph", w.dtype, "deeper"), Row("course", w.dtype, "deeper")]
    return rows


def initial_values(w: wl.Workload, net: str, dtype: str) -> dict[str, np.ndarray]:
    """The parameters every implementation starts from (the same numbers for all)."""
    from tinygraph.nn import initial_parameters  # only the recipe: not part of any timing

    dims = w.deeper if net == "deeper" else w.layer_dims
    return initial_parameters(dims, w.init, dtype=np.dtype(dtype))


def make_step(w: wl.Workload, row: Row, data: dict) -> impls.Step:
    if row.dtype not in data:
        data[row.dtype] = wl.load_data(w, row.dtype)
    X, Y = data[row.dtype]
    if row.net == "c_order":
        X = np.ascontiguousarray(X)
    parameters = initial_values(w, row.net, row.dtype)
    return impls.IMPLEMENTATIONS[row.impl].make(parameters, X, Y, LEARNING_RATE)


class Worker:
    """One implementation in its own process, driven line by line over a pipe.

    Each implementation gets a fresh interpreter: its thread pools (OpenBLAS's, PyTorch's
    OpenMP) cannot get in each other's way, and its peak memory is its own.
    """

    def __init__(self, key: str, scale: str, row: Row) -> None:
        command = [sys.executable, str(Path(__file__).resolve()), "--scale", scale,
                   "--worker", f"{key}:{row.spec}"]
        self.row = row
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        text=True, bufsize=1)

    def ask(self, request: str) -> dict:
        self.process.stdin.write(request + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            self.process.wait()
            raise RuntimeError(f"benchmark worker for {self.row.spec} exited with status "
                               f"{self.process.returncode} (its error is printed above)")
        return json.loads(line)

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait()


def serve(w: wl.Workload, row: Row) -> None:
    """The worker's side: set up, then answer `first`, `run N` and `memory` on stdin/stdout."""
    data: dict = {}
    step = None if row.impl == "data" else make_step(w, row, data)
    if step is None:  # the baseline: Python, NumPy and the data, no implementation
        wl.load_data(w, row.dtype)
    for request in sys.stdin:
        verb, _, count = request.strip().partition(" ")
        if verb == "first":
            answer = {"first_cost": float(step()) if step else None}
        elif verb == "run":
            step()  # untimed: after the pause, BLAS threads sleep and caches are cold, while
            # a training loop runs hot (timing it in made every row ~30 % slower, unevenly)
            start = time.perf_counter()
            step(int(count))  # fit's row: one call of `count` iterations, as a user calls it
            answer = {"seconds": (time.perf_counter() - start) / int(count)}
        elif verb == "memory":
            answer = memory_now(step, row)
        else:
            answer = {"error": f"unknown request {request!r}"}
        print(json.dumps(answer), flush=True)


def memory_now(step: impls.Step | None, row: Row) -> dict:
    """Peak resident set of this process so far, and NumPy's peak over two more iterations.

    The peak RSS is read from /proc (VmHWM), not from getrusage: ru_maxrss survives fork and
    exec, so a worker would report its parent's peak whenever that was higher.
    """
    peak_kib = None
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                peak_kib = int(line.split()[1])
    if peak_kib is None:  # no /proc: getrusage is the next best (and may include the parent)
        peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    traced = None
    if step is not None and row.impl != "torch":  # PyTorch's own allocator is not traced
        tracemalloc.start()
        for _ in range(2):
            step()
        traced = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    return {"peak_rss_mib": peak_kib / 1024, "numpy_peak_mib": traced}


# Between rows: an idle OpenBLAS thread spins for ~0.1 s (2^28 cycles) after its last call
# before it sleeps; with 0.05 s, the last worker's threads still spun while the next row ran
# and the floor rows measured 2x their time alone.
PAUSE_S = 0.25


def time_workload(w: wl.Workload, rows: list[Row], rounds: int, scale: str,
                  memory: bool, pause: float = PAUSE_S) -> tuple[dict, dict]:
    """Median seconds per iteration of each row, interleaved round by round; peak memory."""
    results: dict = {}
    workers: dict[Row, Worker] = {}
    for row in rows:
        note = impls.IMPLEMENTATIONS[row.impl].missing()
        results[row] = {"skipped": note} if note else {"times_s": []}
        if not note:
            workers[row] = Worker(w.key, scale, row)
    try:
        for row, worker in list(workers.items()):
            try:
                results[row].update(worker.ask("first"))
                worker.ask("run 1")  # warm-up: caches, BLAS threads, the allocator
            except RuntimeError as error:  # one broken runner must not stop the others
                results[row] = {"skipped": f"failed: {error}"}
                del workers[row]
        order = list(workers)
        for r in range(rounds):
            for row in order[r % len(order):] + order[:r % len(order)]:
                time.sleep(pause)
                results[row]["times_s"].append(
                    workers[row].ask(f"run {w.iterations}")["seconds"])
        for row in workers:
            results[row]["median_s"] = statistics.median(results[row]["times_s"])
        peaks = {}
        if memory:
            for row, worker in workers.items():
                peaks[row] = worker.ask("memory")
            baseline = Worker(w.key, scale, Row("data", w.dtype))
            peaks["data"] = baseline.ask("memory")
            baseline.close()
    finally:
        for worker in workers.values():
            worker.close()
    return results, peaks


def import_times(runs: int = 5) -> dict:
    """`import tinygraph` in fresh interpreters: the import alone, the import once NumPy is
    loaded (what tinygraph itself costs: issue 19's target), and the whole process."""
    code = ("import json, sys, time; t = time.perf_counter(); import numpy; "
            "n = time.perf_counter(); import tinygraph; e = time.perf_counter(); "
            f"print(json.dumps([e - t, e - n, [m for m in {list(HEAVY_MODULES)} "
            "if m in sys.modules]]))")
    inside, over_numpy, whole, heavy = [], [], [], []
    for _ in range(runs):
        start = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             check=True).stdout
        whole.append(time.perf_counter() - start)
        seconds, own, heavy = json.loads(out)
        inside.append(seconds)
        over_numpy.append(own)
    result = {"import_s": statistics.median(inside),
              "over_numpy_s": statistics.median(over_numpy),
              "process_s": statistics.median(whole), "heavy_modules_loaded": heavy}
    if impls.IMPLEMENTATIONS["torch"].missing() is None:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import torch"], check=True)
        result["torch_process_s"] = time.perf_counter() - start
    return result


def ratio(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else a / b


def summarize(w: wl.Workload, rows: list[Row], timed: dict, memory: dict) -> dict:
    """The workload's rows as JSON-ready dicts, with ratios to the reference and the floor."""
    reference = timed[rows[0]].get("median_s")
    floors = {r.dtype: timed[r].get("median_s") for r in rows if r.impl == "floor"}
    own_floors = {r.dtype: timed[r].get("median_s") for r in rows if r.impl == "engine_floor"}
    floor_rows = ("floor", "engine_floor")
    ref_cost = timed[rows[0]].get("first_cost")
    out = []
    for row in rows:
        t = timed[row]
        median = t.get("median_s")
        entry = {"name": row.name, "impl": row.impl, "dtype": row.dtype, "net": row.net,
                 "median_s": median, "times_s": t.get("times_s"),
                 "ratio_to_reference": ratio(median, reference),
                 "over_floor": None if row.impl == "floor" or row.net == "deeper"
                 else ratio(median, floors.get(row.dtype)),
                 "over_tinygraph_floor": None if row.impl in floor_rows or row.net == "deeper"
                 else ratio(median, own_floors.get(row.dtype)),
                 "first_cost": t.get("first_cost"), "skipped": t.get("skipped")}
        entry["floor_fraction"] = ratio(1.0, entry["over_floor"])
        # Every row has every field; a skipped one (PyTorch not installed) has None in them.
        entry.update({"peak_rss_mib": None, "numpy_peak_mib": None, **memory.get(row, {})})
        if row.impl not in floor_rows and row.net != "deeper" and median is not None:
            tol = 1e-6 if row.dtype == "float64" else 1e-3
            entry["cost_agrees"] = bool(np.isclose(t["first_cost"], ref_cost, rtol=tol))
        out.append(entry)
    growth = {}
    for impl in ("tinygraph", "course"):
        deep = [r for r in out if r["impl"] == impl and r["net"] == "deeper" and r["median_s"]]
        base = [r for r in out if r["impl"] == impl and r["net"] == "base" and r["median_s"]]
        if deep and base:
            growth[impl] = deep[0]["median_s"] / base[0]["median_s"]
    return {"key": w.key, "title": w.title, "layer_dims": w.layer_dims, "m": w.m,
            "depth_growth": growth or None,
            "dtype": w.dtype, "data": wl.data_source(w), "iterations_per_round": w.iterations,
            "deeper_layer_dims": w.deeper or None, "data_only_rss_mib":
            memory.get("data", {}).get("peak_rss_mib"), "rows": out}


def find(result: dict, impl: str, dtype: str | None = None, net: str = "base") -> dict | None:
    for row in result["rows"]:
        if row["impl"] == impl and row["net"] == net and (dtype is None or row["dtype"] == dtype):
            return row if row["median_s"] is not None else None
    return None


def target(name: str, value: float | None, limit: float, how: str = "<=") -> dict:
    met = None if value is None else (value <= limit if how == "<=" else value < limit)
    return {"target": name, "value": value, "limit": limit, "met": met}


def targets(results: dict[str, dict], imports: dict | None) -> list[dict]:
    """Issue 6's targets, each a ratio of medians from this run (None: its rows did not run)."""
    out = []

    def get(key, impl, dtype=None, field="median_s", net="base"):
        row = find(results[key], impl, dtype, net) if key in results else None
        return None if row is None else row.get(field)

    if "a" in results:
        out += [
            target("(a) tinygraph float64 / course", get("a", "tinygraph", "float64",
                                                        "ratio_to_reference"), 0.62),
            target("(a) tinygraph float32 / course", get("a", "tinygraph", "float32",
                                                        "ratio_to_reference"), 0.36),
            target("(a) tinygraph float64, X in C order / course (F order)",
                   get("a", "tinygraph", "float64", "ratio_to_reference", "c_order"), 0.62),
            target("(a) tinygraph float64, X in C order / course, X in C order",
                   ratio(get("a", "tinygraph", "float64", net="c_order"),
                         get("a", "course", "float64", net="c_order")), 0.62),
            target("(a) tinygraph with operators / tinygraph (Network), float64",
                   ratio(get("a", "tinygraph_operators", "float64"),
                         get("a", "tinygraph", "float64")), 1.05),
            target("(a) tinygraph float64 / matmul floor float64",
                   get("a", "tinygraph", "float64", "over_floor"), 1.2),
            target("(a) tinygraph float32 / matmul floor float32",
                   get("a", "tinygraph", "float32", "over_floor"), 1.2),
            target("(a) tinygraph float64 / PyTorch float64",
                   ratio(get("a", "tinygraph", "float64"), get("a", "torch", "float64")), 1.0,
                   "<"),
            target("(a) tinygraph float64 / HIPS autograd",
                   ratio(get("a", "tinygraph", "float64"), get("a", "hips", "float64")), 1.0, "<"),
            target("(a) peak RSS: tinygraph / course without dA0",
                   ratio(get("a", "tinygraph", "float64", "peak_rss_mib"),
                         get("a", "course_no_dA0", "float64", "peak_rss_mib")), 1.1),
            target("(a) tinygraph float64 / course (issue 20)", get(
                "a", "tinygraph", "float64", "ratio_to_reference"), 0.58),
            target("(a) tinygraph float32 / course (issue 20)", get(
                "a", "tinygraph", "float32", "ratio_to_reference"), 0.30),
            target("(a) tinygraph float32 peak RSS, MiB (issue 20: today's)",
                   get("a", "tinygraph", "float32", "peak_rss_mib"), 68.0),
        ]
    if "b" in results:
        out += [

            target("(b) tinygraph / course", get("b", "tinygraph", None, "ratio_to_reference"),
                   2.0),
            target("(b) tinygraph / PyTorch", ratio(get("b", "tinygraph"), get("b", "torch")),
                   1.0, "<"),
            target("(b) tinygraph / course (issue 12)",
                   get("b", "tinygraph", None, "ratio_to_reference"), 1.6),
            target("(b) tinygraph / course (issue 20)",
                   get("b", "tinygraph", None, "ratio_to_reference"), 1.2),
        ]
    if "c" in results:
        out.append(target("(c) tinygraph / course (issue 12)",
                          get("c", "tinygraph", None, "ratio_to_reference"), 1.3))
        out.append(target("(c) tinygraph / course (issue 20)",
                          get("c", "tinygraph", None, "ratio_to_reference"), 1.0))
        out.append(target("(c) tinygraph 2,000 layers / 200 layers",
                          ratio(get("c", "tinygraph", net="deeper"), get("c", "tinygraph")),
                          11.0))
    if imports:
        out.append(target("import tinygraph, whole process (s)", imports["process_s"], 0.3))
        out.append(target("import tinygraph over import numpy (s, issue 19)",
                          imports["over_numpy_s"], 0.05))
    return out


def fmt(value: float | None, spec: str, unit: str = "") -> str:
    return "-" if value is None else f"{value:{spec}}{unit}"


def print_table(result: dict) -> None:
    dims = result["layer_dims"]
    shown = dims if len(dims) < 8 else f"[{dims[0]}] + [{dims[1]}] * {len(dims) - 2} + [1]"
    print(f"\n({result['key']}) {result['title']}: {shown}, m = {result['m']}, "
          f"{result['dtype']}, {result['data']}")
    print(f"    process with only NumPy and the data: "
          f"{fmt(result['data_only_rss_mib'], '.0f', ' MiB')}")
    header = (f"{'implementation':<46} {'dtype':<8} {'ms/iter':>9} {'vs ref':>7} "
              f"{'vs floor':>8} {'vs tg floor':>11} {'peak RSS':>9} {'NumPy peak':>10}")
    print(header + "\n" + "-" * len(header))
    for row in result["rows"]:
        if row["skipped"]:
            print(f"{row['name']:<46} {row['dtype']:<8} {row['skipped']}")
            continue
        check = "" if row.get("cost_agrees", True) else "  COST DIFFERS FROM THE REFERENCE"
        print(f"{row['name']:<46} {row['dtype']:<8} {row['median_s'] * 1e3:>9.3f} "
              f"{row['ratio_to_reference']:>7.3f} {fmt(row['over_floor'], '.2f', 'x'):>8} "
              f"{fmt(row['over_tinygraph_floor'], '.2f', 'x'):>11} "
              f"{fmt(row.get('peak_rss_mib'), '.0f', ' MiB'):>9} "
              f"{fmt(row.get('numpy_peak_mib'), '.1f', ' MiB'):>10}{check}")


def markdown(report: dict) -> str:
    """The run's tables and targets as Markdown, for docs/performance.md."""
    m = report["machine"]
    lines = [f"Measured {report['started']}, scale {report['scale']}; load average at the start "
             f"{m['load_average_at_start'][0]:.2f}; Python {m['python']}, NumPy {m['numpy']}"
             + (f", PyTorch {m['torch']}" if m.get("torch") else "")
             + (f", HIPS autograd {m['autograd']}" if m.get("autograd") else "")
             + f"; OPENBLAS_CORETYPE={m['OPENBLAS_CORETYPE']}.", ""]
    for result in report["workloads"].values():
        dims = result["layer_dims"]
        shown = dims if len(dims) < 8 else f"[{dims[0]}] + [{dims[1]}] * {len(dims) - 2} + [1]"
        lines += [f"**({result['key']}) {result['title']}**: {shown}, m = {result['m']}, "
                  f"{result['data']}; a process with only NumPy and the data peaks at "
                  f"{fmt(result['data_only_rss_mib'], '.0f', ' MiB')}.", "",
                  "| implementation | dtype | ms / iteration | vs course | vs floor "
                  "| vs tinygraph's floor | peak RSS | NumPy peak |",
                  "|---|---|---:|---:|---:|---:|---:|---:|"]
        for row in result["rows"]:
            if row["skipped"]:
                lines.append(f"| {row['name']} | {row['dtype']} | {row['skipped']} "
                             "| | | | | |")
                continue
            lines.append(
                f"| {row['name']} | {row['dtype']} | {row['median_s'] * 1e3:.3f} "
                f"| {row['ratio_to_reference']:.3f} | {fmt(row['over_floor'], '.2f', 'x')} "
                f"| {fmt(row['over_tinygraph_floor'], '.2f', 'x')} "
                f"| {fmt(row.get('peak_rss_mib'), '.0f', ' MiB')} "
                f"| {fmt(row.get('numpy_peak_mib'), '.1f', ' MiB')} |")
        if result.get("depth_growth"):
            lines += ["", "Time per iteration, the deeper net over the base net: " + ", ".join(
                f"{impl} {value:.2f}x" for impl, value in result["depth_growth"].items()) + "."]
        lines.append("")
    lines += ["| target | measured | limit | |", "|---|---:|---:|---|"]
    for t in report["targets"]:
        verdict = {True: "met", False: "**not met**", None: "not measured"}[t["met"]]
        lines.append(f"| {t['target']} | {fmt(t['value'], '.3f')} | {t['limit']} | {verdict} |")
    return "\n".join(lines) + "\n"


def print_growth(result: dict) -> None:
    if result.get("depth_growth"):
        print("    time per iteration, deeper net / base net: " + ", ".join(
            f"{impl} {value:.2f}x" for impl, value in result["depth_growth"].items()))


def machine(load_at_start: tuple[float, float, float]) -> dict:
    info = {"python": platform.python_version(), "numpy": np.__version__,
            "platform": platform.platform(), "cpus": os.cpu_count(),
            "processor": platform.processor(),
            "OPENBLAS_CORETYPE": os.environ.get("OPENBLAS_CORETYPE"),
            "OPENBLAS_L2_SIZE": os.environ.get("OPENBLAS_L2_SIZE"),
            "OPENBLAS_NUM_THREADS": os.environ.get("OPENBLAS_NUM_THREADS"),
            "load_average_at_start": load_at_start, "load_average_at_end": os.getloadavg()}
    try:
        import tinygraph
        info["tinygraph"] = tinygraph.__version__
    except ImportError:
        pass
    try:
        info["blas"] = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
    except Exception:  # older NumPy has no mode=dicts: the BLAS name is a detail, not a figure
        info["blas"] = None
    for module in ("torch", "autograd"):
        if impls.IMPLEMENTATIONS["torch" if module == "torch" else "hips"].missing() is None:
            from importlib.metadata import version
            info[module] = version(module)
    return info


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workloads", default="a,b,c,d",
                        help="comma-separated workload keys (default: a,b,c,d)")
    parser.add_argument("--scale", choices=("full", "tiny"), default="full",
                        help="tiny: the same workloads at toy sizes, for the tests")
    parser.add_argument("--rounds", type=int, default=None,
                        help="rounds per workload (default: each workload's own)")
    parser.add_argument("--json", type=Path, default=Path("out/bench/results.json"),
                        help="where to write the figures (default: out/bench/results.json)")
    parser.add_argument("--pause", type=float, default=PAUSE_S,
                        help=f"seconds between rows (default {PAUSE_S}; see PAUSE_S)")
    parser.add_argument("--markdown", type=Path, default=None,
                        help="also write the tables as Markdown to this file")
    parser.add_argument("--no-memory", action="store_true",
                        help="skip the subprocesses that measure peak memory")
    parser.add_argument("--worker", help=argparse.SUPPRESS)  # internal: KEY:IMPL:DTYPE:NET
    args = parser.parse_args(argv)
    keys = args.workloads.split(",")
    unknown = [k for k in keys if k not in wl.WORKLOADS]
    if unknown:
        parser.error(f"unknown workload(s) {unknown}; choose from {', '.join(wl.WORKLOADS)}")
    args.keys = keys
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.worker:
        key, impl, dtype, net = args.worker.split(":")
        serve(wl.workload(key, args.scale), Row(impl, dtype, net))
        return 0
    print(f"tinygraph benchmark, scale {args.scale}; OPENBLAS_CORETYPE="
          f"{os.environ.get('OPENBLAS_CORETYPE')}; load average {os.getloadavg()[0]:.2f}")
    started, load_at_start = time.time(), os.getloadavg()
    results = {}
    for key in args.keys:
        w = wl.workload(key, args.scale)
        rows = rows_of(w)
        timed, memory = time_workload(w, rows, args.rounds or w.rounds, args.scale,
                                      not args.no_memory, args.pause)
        results[key] = summarize(w, rows, timed, memory)
        print_table(results[key])
        print_growth(results[key])
    imports = import_times()
    checked = targets(results, imports)
    print(f"\nimport tinygraph: {imports['import_s']:.3f} s inside ("
          f"{imports['over_numpy_s']:.3f} s over import numpy), "
          f"{imports['process_s']:.3f} s for the whole process; heavy modules loaded: "
          f"{imports['heavy_modules_loaded'] or 'none'}")
    print("\ntargets, ratios of medians from this run:")
    if args.scale == "tiny":
        print("  (scale tiny: the targets are set for the full sizes; here they only show the "
              "fields work)")
    for t in checked:
        verdict = {True: "met", False: "NOT MET", None: "not measured"}[t["met"]]
        print(f"  {t['target']:<52} {fmt(t['value'], '.3f'):>7}  (limit {t['limit']})  "
              f"{verdict}")
    report = {"scale": args.scale, "started": time.strftime("%Y-%m-%d %H:%M:%S %Z",
                                                           time.localtime(started)),
              "duration_s": time.time() - started, "learning_rate": LEARNING_RATE,
              "machine": machine(load_at_start), "workloads": results, "import": imports,
              "targets": checked, "workload_definitions": {
                  k: asdict(wl.workload(k, args.scale)) for k in args.keys}}
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=1))
    if args.markdown:
        args.markdown.parent.mkdir(parents=True, exist_ok=True)
        args.markdown.write_text(markdown(report))
    print(f"\nfigures written to {args.json} ({time.time() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
