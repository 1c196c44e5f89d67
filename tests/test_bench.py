"""`make bench` runs, and its JSON holds every figure the issue asks for (no timed assertions:
the targets are read from `make bench` on a quiet machine, not from a test)."""

from __future__ import annotations

import doctest
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCH))

import bench_check  # noqa: E402
import course_numpy  # noqa: E402
import implementations  # noqa: E402
import spread  # noqa: E402
import workloads  # noqa: E402

ROW_FIELDS = {"name", "impl", "dtype", "net", "median_s", "times_s", "ratio_to_reference",
              "over_floor", "floor_fraction", "first_cost", "skipped", "peak_rss_mib",
              "numpy_peak_mib"}


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> dict:
    """The benchmark at toy sizes, two rounds, run as `make bench` runs it (a subprocess)."""
    out = tmp_path_factory.mktemp("bench") / "results.json"
    done = subprocess.run([sys.executable, str(BENCH / "run.py"), "--scale", "tiny",
                           "--rounds", "2", "--pause", "0", "--json", str(out)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    report = json.loads(out.read_text())
    report["stdout"] = done.stdout
    return report


def test_every_workload_has_its_rows_with_every_field(report):
    assert set(report["workloads"]) == {"a", "b", "c", "d"}
    for result in report["workloads"].values():
        impls = [row["impl"] for row in result["rows"]]
        assert impls[0] == "course"  # the reference comes first
        assert {"course", "course_no_dA0", "tinygraph", "torch", "hips", "floor"} <= set(impls)
        for row in result["rows"]:
            assert ROW_FIELDS <= set(row), row["name"]
            if row["skipped"]:
                continue
            assert row["median_s"] > 0 and len(row["times_s"]) == 2
            assert row["median_s"] == pytest.approx(float(np.median(row["times_s"])))
            assert row["peak_rss_mib"] > result["data_only_rss_mib"] * 0.5
    a = report["workloads"]["a"]
    assert {(r["impl"], r["dtype"]) for r in a["rows"]} >= {("tinygraph", "float32"),
                                                           ("floor", "float32")}
    assert any(r["net"] == "deeper" for r in report["workloads"]["c"]["rows"])


def test_ratios_are_taken_against_the_course_reference_and_the_floor_of_the_dtype(report):
    for result in report["workloads"].values():
        rows = [r for r in result["rows"] if not r["skipped"]]
        reference = rows[0]["median_s"]
        assert rows[0]["ratio_to_reference"] == 1.0
        floors = {r["dtype"]: r["median_s"] for r in rows if r["impl"] == "floor"}
        for row in rows:
            assert row["ratio_to_reference"] == pytest.approx(row["median_s"] / reference)
            if row["impl"] != "floor" and row["net"] == "base":
                assert row["over_floor"] == pytest.approx(row["median_s"] / floors[row["dtype"]])
                assert row["floor_fraction"] == pytest.approx(1 / row["over_floor"])


def course_first_cost(X: np.ndarray, Y: np.ndarray, parameters: dict) -> float:
    """The course's forward pass and cost (7), written out here in float64."""
    A, L = X.astype(np.float64), len(parameters) // 2
    for l in range(1, L + 1):
        Z = parameters[f"W{l}"] @ A + parameters[f"b{l}"]
        A = np.maximum(0, Z) if l < L else 1 / (1 + np.exp(-Z))
    return float(-np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / Y.shape[1])


def test_every_row_reports_the_course_cost_of_its_first_iteration(report):
    """Every implementation timed the course's computation on the same start: a runner that
    is fast because it computes something else shows here (the floors compute no cost)."""
    from tinygraph.nn import initial_parameters

    checked = 0
    for key, result in report["workloads"].items():
        w = workloads.workload(key, "tiny")
        for row in result["rows"]:
            if row["skipped"] or "floor" in row["impl"]:
                continue
            X, Y = workloads.load_data(w, row["dtype"])
            dims = w.deeper if row["net"] == "deeper" else w.layer_dims
            start = initial_parameters(dims, w.init, dtype=np.dtype(row["dtype"]))
            expected = course_first_cost(X, Y.astype(np.float64),
                                         {k: v.astype(np.float64) for k, v in start.items()})
            rel = 1e-9 if row["dtype"] == "float64" else 1e-4
            assert row["first_cost"] == pytest.approx(expected, rel=rel), (key, row["name"])
            checked += 1
    assert checked >= 12


def printed_row(stdout: str, key: str, row: dict) -> list[str]:
    """The fields after the name in the line for `row` of workload `key`'s printed table."""
    table = stdout.split(f"\n({key}) ", 1)[1].split("\n\n", 1)[0]
    for line in table.splitlines():
        if line.startswith(row["name"] + " ") and line[46:].split()[:1] == [row["dtype"]]:
            return line[46:].split()
    raise AssertionError(f"no printed line for {row['name']} {row['dtype']}")


def test_the_printed_table_shows_the_measured_figures(report):
    for key, result in report["workloads"].items():
        for row in result["rows"]:
            if row["skipped"]:
                continue
            fields = printed_row(report["stdout"], key, row)
            assert float(fields[1]) == pytest.approx(row["median_s"] * 1e3, abs=6e-4)
            assert float(fields[2]) == pytest.approx(row["ratio_to_reference"], abs=6e-4)


def test_the_targets_are_ratios_of_the_rows_judged_by_their_limits(report):
    rows = {(key, r["impl"], r["dtype"], r["net"]): r for key, result in
            report["workloads"].items() for r in result["rows"]}

    def median(key, impl, dtype, net="base"):
        return rows[(key, impl, dtype, net)]["median_s"]

    expected = {
        "(a) tinygraph float64 / course": median("a", "tinygraph", "float64")
        / median("a", "course", "float64"),
        "(a) tinygraph float32 / course": median("a", "tinygraph", "float32")
        / median("a", "course", "float64"),
        "(b) tinygraph / course": median("b", "tinygraph", "float64")
        / median("b", "course", "float64"),
        "(c) tinygraph 2,000 layers / 200 layers": median("c", "tinygraph", "float64", "deeper")
        / median("c", "tinygraph", "float64"),
    }
    found = {t["target"]: t for t in report["targets"]}
    for name, value in expected.items():
        assert found[name]["value"] == pytest.approx(value), name
    for t in report["targets"]:
        if t["value"] is None:
            assert t["met"] is None
        elif t["value"] != t["limit"]:
            assert t["met"] == (t["value"] < t["limit"]), t["target"]
        printed = next(line for line in report["stdout"].splitlines()
                       if line.strip().startswith(t["target"]))
        if t["value"] is not None:
            assert f"{t['value']:.3f}" in printed and f"(limit {t['limit']})" in printed


def test_optional_libraries_run_when_installed_and_are_skipped_with_a_note_when_not(report):
    for impl, module in (("torch", "torch"), ("hips", "autograd")):
        installed = importlib.util.find_spec(module) is not None
        for result in report["workloads"].values():
            row = next(r for r in result["rows"] if r["impl"] == impl)
            if installed:
                assert row["skipped"] is None and row["median_s"] > 0
            else:
                assert f"{module} is not installed" in row["skipped"]
                assert row["median_s"] is None and f"{module} is not installed" in report["stdout"]


def test_a_missing_optional_module_gives_a_note_not_an_error():
    absent = implementations.Implementation("x", "X", implementations.make_course,
                                            needs="no_such_module_for_tinygraph")
    assert absent.missing() == ("skipped: no_such_module_for_tinygraph is not installed "
                                "(optional; the benchmark never installs it)")


def test_targets_machine_and_import_figures_are_recorded(report):
    names = [t["target"] for t in report["targets"]]
    assert any(n.startswith("(a) tinygraph float64 / course") for n in names)
    assert any(n.startswith("(b)") for n in names) and any(n.startswith("(c)") for n in names)
    for t in report["targets"]:
        assert {"target", "value", "limit", "met"} <= set(t)
    assert "OPENBLAS_CORETYPE" in report["machine"]
    assert report["import"]["import_s"] > 0
    assert any("X in C order" in n for n in names)
    assert any(n.startswith("(a) tinygraph with operators / tinygraph (Network)") for n in names)


def test_the_course_net_has_a_C_order_row_and_a_row_written_with_operators(report):
    """Issue 9.6: X in C order, for the course's code and tinygraph; issue 12: the same net
    written with operators. Each computes the reference's first cost."""
    rows = {(r["impl"], r["dtype"], r["net"]): r for r in report["workloads"]["a"]["rows"]}
    for key in [("course", "float64", "c_order"), ("tinygraph", "float64", "c_order"),
                ("tinygraph_operators", "float64", "base")]:
        assert rows[key]["median_s"] > 0 and rows[key]["cost_agrees"], key
    assert rows[("tinygraph", "float64", "c_order")]["name"] == "tinygraph, X in C order"


def test_tiny_data_is_laid_out_as_the_course_lays_out_X():
    X, Y = workloads.load_data(workloads.workload("a", "tiny"), "float32")
    assert X.shape == (48, 12) and X.flags.f_contiguous and X.dtype == np.float32
    assert set(np.unique(Y)) <= {0.0, 1.0} and Y.dtype == np.float32
    assert 0 <= X.min() and X.max() <= 1


def test_course_data_is_preprocessed_as_the_course_does(course_data_dir, monkeypatch):
    import h5py

    monkeypatch.setenv("TINYGRAPH_DATA", str(course_data_dir))
    X, Y = workloads.load_data(workloads.workload("a"), "float64")
    with h5py.File(course_data_dir / "train_catvnoncat.h5", "r") as f:
        x, y = np.array(f["train_set_x"]), np.array(f["train_set_y"])
    np.testing.assert_array_equal(X, x.reshape(209, -1).T / 255.)
    np.testing.assert_array_equal(Y, y.reshape(1, 209))
    assert X.flags.f_contiguous


def test_the_reference_is_the_course_code_it_gives_the_course_numbers():
    np.random.seed(1)
    dZ, A_prev, W, b = (np.random.randn(3, 4), np.random.randn(5, 4), np.random.randn(3, 5),
                        np.random.randn(3, 1))
    _, dW, db = course_numpy.linear_backward(dZ, (A_prev, W, b))
    np.testing.assert_allclose(db.ravel(), [-0.14713786, -0.11313155, -0.13209101], atol=1e-8)
    np.testing.assert_allclose(dW[0], [0.07313866, -0.0976715, -0.87585828, 0.73763362,
                                       0.00785716], atol=1e-8)


def test_without_dA0_only_dA0_is_missing():
    rng = np.random.default_rng(0)
    X, Y = rng.random((6, 5)), np.array([[1, 0, 1, 1, 0]])
    parameters = course_numpy.initialize_parameters_deep([6, 4, 3, 1])
    AL, caches = course_numpy.L_model_forward(X, parameters)
    full = course_numpy.L_model_backward(AL, Y, caches)
    lean = course_numpy.L_model_backward(AL, Y, caches, need_dA0=False)
    assert full["dA0"] is not None and lean["dA0"] is None
    for key in full.keys() - {"dA0"}:
        np.testing.assert_array_equal(full[key], lean[key])


def test_several_runs_make_one_table_of_each_ratios_median_and_spread(report):
    """benchmarks/spread.py: the same run twice has its own ratios as median, lowest and
    highest, and every target's two values."""
    row = next(r for r in report["workloads"]["b"]["rows"] if r["impl"] == "tinygraph")
    text = spread.markdown(spread.summary([report, report]))
    ratio = f"{row['ratio_to_reference']:.3f}"
    assert f"| tinygraph | float64 | {row['median_s'] * 1e3:.3f} | {ratio} | {ratio} | {ratio} |" \
        in text
    target = next(t for t in report["targets"] if t["target"] == "(b) tinygraph / course")
    assert f"| {target['value']:.3f}, {target['value']:.3f} |" in text


@pytest.mark.parametrize("module", [bench_check, course_numpy, implementations, workloads,
                                    spread])
def test_the_benchmark_modules_docstring_examples_run(module):
    failures, tried = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert failures == 0 and tried > 0


# What the figures rest on: the engine keeps the network's dtype and never copies X.

def test_a_float32_network_stays_float32_with_float64_labels():
    """Labels arrive as float64 (or int64) from the course's files; a float64 dZ would make
    dZ1 @ X.T a float64 product on a converted copy of X at every iteration."""
    import tinygraph as tg

    rng = np.random.default_rng(0)
    net = tg.Network([6, 4, 3, 1], dtype=np.float32)
    X = tg.tensor(rng.random((5, 6)).astype(np.float32).T, name="X")
    cost = net.cost(X, np.array([[1, 0, 1, 1, 0]]))  # int64 labels
    tg.backward(cost)
    grads = {step.node.name: step.grad for step in tg.backward_steps(cost)}
    assert grads and all(g.dtype == np.float32 for g in grads.values()), {
        name: g.dtype for name, g in grads.items()}


def test_the_float32_gradients_equal_the_float64_ones_to_float32_precision():
    import tinygraph as tg

    rng = np.random.default_rng(1)
    values = tg.initial_parameters([6, 4, 3, 1], "app")
    X64, Y = rng.random((5, 6)).T, np.array([[1.0, 0, 1, 1, 0]])
    grads = {}
    for dtype in (np.float64, np.float32):
        net = tg.Network.from_values({k: v.astype(dtype) for k, v in values.items()})
        tg.backward(net.cost(tg.tensor(X64.astype(dtype), name="X"), Y))
        grads[dtype] = {k: p.grad for k, p in net.parameters.items()}
    for key, g64 in grads[np.float64].items():
        np.testing.assert_allclose(grads[np.float32][key], g64, rtol=1e-4, atol=1e-6)


# What `make bench` times for one learner's file (bench_check.py): a check that explains.

def test_the_check_benchmarks_file_is_right_but_for_one_mistake_in_each_function(tmp_path):
    """Its (b): correct.py with one mistake in each of the 17 functions a learner writes;
    the check finds every one wrong and says why; without the mistakes, every one is ok."""
    from tinygraph.checker import check

    wrong, right = tmp_path / "all_wrong.py", tmp_path / "correct.py"
    wrong.write_text(bench_check.all_wrong())
    right.write_text(bench_check.correct())
    report = check(wrong)
    assert sorted(r.name for r in report.functions) == sorted(bench_check.MISTAKES)
    assert [r.name for r in report.functions if r.status not in ("differs", "error")] == []
    assert [r.name for r in report.functions if not r.hint or not r.explanation] == []
    assert check(right).ok
