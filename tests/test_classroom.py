"""`tinygraph check` for a whole class: every file in a child process of its own, bounded in
time and memory, then one row per file and a summary per function.

The class folder is built here, as a teacher would receive it: right files, wrong ones, an
empty one, an endless loop, one that segfaults and one that calls os._exit, a memory hog,
one that writes files and prints, a loop that swallows every exception, a KeyboardInterrupt,
a Latin-1 file with its coding line, an nbformat 3 notebook, a near-miss name, a syntax error
and a file in an encoding it does not declare. It is checked once (module fixture); each test
reads one part of the verdict.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest

import tinygraph as tg
from tinygraph.checker import CheckError, check
from tinygraph.checker.classroom import ClassReport, check_class, explanation_of, submissions
from tinygraph.checker.course import FUNCTIONS
from tinygraph.checker.load import load
from tinygraph.cli import main
from tinygraph.views.classroom import class_report_html

LEARNERS = Path(__file__).parent / "learners"
SECONDS = 1.0  # the class's time limit: short, and still 30 times the slowest right call
MEGABYTES = 100

LINEAR_FORWARD = """
def linear_forward(A, W, b):
    Z = np.dot(W, A) + b
    return Z, (A, W, b)
"""

FILES = {
    "empty.py": "",
    "loop.py": """
        import numpy as np
        from dnn_utils import sigmoid, relu

        def linear_forward(A, W, b):
            i = 0
            while i < 10:  # the increment is missing
                Z = np.dot(W, A) + b
            return Z, (A, W, b)

        def linear_activation_forward(A_prev, W, b, activation):
            Z, linear_cache = linear_forward(A_prev, W, b)
            A, activation_cache = (sigmoid if activation == "sigmoid" else relu)(Z)
            return A, (linear_cache, activation_cache)
        """,
    "crash.py": """
        import ctypes
        import os
        import numpy as np

        def linear_forward(A, W, b):
            return np.dot(W, A) + b, (A, W, b)

        def compute_cost(AL, Y):
            os._exit(3)

        def linear_backward(dZ, cache):
            A_prev, W, b = cache
            ctypes.string_at(0)  # reads address 0: a segmentation fault
            return np.dot(W.T, dZ), np.dot(dZ, A_prev.T), np.sum(dZ, axis=1, keepdims=True)
        """,
    "hog.py": """
        import numpy as np

        def initialize_parameters_deep(layer_dims):
            kept = []
            while True:  # 80 MB more each time, never let go
                kept.append(np.empty(10**7))
        """,
    "writes.py": """
        import numpy as np

        def linear_forward(A, W, b):
            with open("notes.txt", "w") as notes:
                notes.write("written where the learner's code runs")
            print("a learner's print")
            return np.dot(W, A) + b, (A, W, b)
        """,
    "stubborn.py": """
        def update_parameters(params, grads, learning_rate):
            while True:
                try:
                    while True:
                        pass
                except BaseException:  # swallows the check's own stop
                    pass
        """,
    "interrupt.py": """
        def compute_cost(AL, Y):
            raise KeyboardInterrupt
        """,
    "near.py": """
        import numpy as np

        def Linear_backward(dZ, cache):
            A_prev, W, b = cache
            m = A_prev.shape[1]
            return (np.dot(W.T, dZ), np.dot(dZ, A_prev.T) / m,
                    np.sum(dZ, axis=1, keepdims=True) / m)
        """,
    "broken.py": "def f(:\n    pass\n",
}


def _old_notebook() -> str:
    """An nbformat 3 notebook, as an older Jupyter saved it: worksheets, `input`."""
    cell = {"cell_type": "code", "collapsed": False, "language": "python", "metadata": {},
            "outputs": [], "input": ["import numpy as np\n", *LINEAR_FORWARD.splitlines(True)]}
    return json.dumps({"metadata": {"name": ""}, "nbformat": 3, "nbformat_minor": 0,
                       "worksheets": [{"cells": [
                           {"cell_type": "heading", "level": 1, "metadata": {},
                            "source": ["Step by step"]}, cell], "metadata": {}}]})


def build_class(folder: Path) -> None:
    folder.mkdir()
    shutil.copy(LEARNERS / "correct.py", folder / "alice.py")
    for name in ("carl.py", "dina.py"):
        shutil.copy(LEARNERS / "wrong_db_without_1_over_m.py", folder / name)
    for name, source in FILES.items():
        (folder / name).write_text(textwrap.dedent(source))
    (folder / "latin.py").write_bytes(b"# -*- coding: latin-1 -*-\n# caf\xe9 au lait\n"
                                      b"import numpy as np\n" + LINEAR_FORWARD.encode())
    (folder / "bad_bytes.py").write_bytes(b"import numpy as np\n# caf\xe9\n")
    (folder / "old.ipynb").write_text(_old_notebook())
    (folder / "readme.txt").write_text("not a submission: not checked")


@pytest.fixture(scope="module")
def checked(tmp_path_factory):
    """(the class report, seconds it took, the teacher's folder, the temporary folder)."""
    root = tmp_path_factory.mktemp("course")
    build_class(root / "class")
    teacher, temporary = root / "teacher", root / "tmp"
    teacher.mkdir()
    temporary.mkdir()
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(teacher)
        patch.setattr(tempfile, "tempdir", str(temporary))
        start = time.perf_counter()
        report = check_class(root / "class", time_limit=SECONDS, memory_mb=MEGABYTES, jobs=2)
        seconds = time.perf_counter() - start
    return report, seconds, teacher, temporary


def statuses(report):
    return {r.name: r.status for r in report.functions if r.status != "missing"}


# ------------------------------------------------------------------------------- the rows

def test_one_row_per_submission_in_order(checked):
    report, *_ = checked
    assert [r.file for r in report.files] == [
        "alice.py", "bad_bytes.py", "broken.py", "carl.py", "crash.py", "dina.py", "empty.py",
        "hog.py", "interrupt.py", "latin.py", "loop.py", "near.py", "old.ipynb",
        "stubborn.py", "writes.py"]  # readme.txt is not a submission


def test_every_row(checked):
    report, *_ = checked
    found = {Path(r.file).name: (r.exit_status, statuses(r)) for r in report.files}
    wrong_db = (1, {"linear_backward": "differs", "linear_activation_backward": "differs",
                    "L_model_backward": "differs"})
    assert found == {
        "alice.py": (0, {f: "ok" for f in FUNCTIONS if f != "predict"}),
        "bad_bytes.py": (2, {}),
        "broken.py": (2, {}),
        "carl.py": wrong_db,
        "crash.py": (1, {"linear_forward": "ok", "compute_cost": "error",
                         "linear_backward": "error"}),
        "dina.py": wrong_db,
        "empty.py": (2, {}),
        "hog.py": (1, {"initialize_parameters_deep": "error"}),
        "interrupt.py": (1, {"compute_cost": "error"}),
        "latin.py": (0, {"linear_forward": "ok"}),
        "loop.py": (1, {"linear_forward": "error", "linear_activation_forward": "ok"}),
        "near.py": (2, {}),
        "old.ipynb": (0, {"linear_forward": "ok"}),
        "stubborn.py": (1, {"update_parameters": "error"}),
        "writes.py": (0, {"linear_forward": "ok"}),
    }
    assert report.exit_status == 2  # the worst row's


def test_an_endless_loop_is_reported_once_with_its_line(checked):
    loop = checked[0]["loop.py"]
    detail = loop["linear_forward"].detail
    source = textwrap.dedent(FILES["loop.py"]).splitlines()
    line = source.index("    while i < 10:  # the increment is missing") + 1
    stopped = [f"on the course's test case: still running after {SECONDS:g} s at line {n} of "
               f"loop.py (in linear_forward): an endless loop?" for n in (line, line + 1)]
    assert detail.startswith(tuple(stopped))  # the loop's test or its body, where it was
    # Its caller is checked with tinygraph's linear_forward in its place, and is right.
    assert loop["linear_activation_forward"].status == "ok"
    assert ("your linear_forward is not called again (an endless loop?): your functions that "
            "call it were checked with tinygraph's linear_forward in its place") in loop.notes


def test_a_loop_that_swallows_the_stop_is_ended_by_the_parent(checked):
    detail = checked[0]["stubborn.py"]["update_parameters"].detail
    assert "could not be stopped there" in detail and "so its process was ended" in detail
    assert "stubborn.py (in update_parameters)" in detail  # faulthandler's line


def test_a_crash_is_that_function_s_error_and_the_rest_is_checked(checked):
    crash = checked[0]["crash.py"]
    source = textwrap.dedent(FILES["crash.py"]).splitlines()
    line = next(i for i, s in enumerate(source, 1) if "string_at(0)" in s)
    assert crash["linear_backward"].detail == (
        f"crashed Python (segmentation fault, signal 11) at line {line} of crash.py "
        f"(in linear_backward)")
    assert crash["compute_cost"].detail == "ended the Python process with os._exit(3)"
    assert crash["linear_forward"].status == "ok"  # checked after both crashes


def test_a_crash_in_a_notebook_names_its_cell(tmp_path):
    import nbformat

    cells = ["import ctypes\nimport numpy as np",
             "x = 1\n\ndef linear_forward(A, W, b):\n    ctypes.string_at(0)\n"
             "    return np.dot(W, A) + b, (A, W, b)"]
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# mine")] + [
        nbformat.v4.new_code_cell(c) for c in cells])
    nbformat.write(notebook, tmp_path / "mine.ipynb")
    assert check(tmp_path / "mine.ipynb")["linear_forward"].detail == (
        "crashed Python (segmentation fault, signal 11) at cell 3, line 4 (in linear_forward)")


def test_code_that_runs_while_the_definitions_load_is_bounded_too(tmp_path):
    # A class body runs when the file is loaded: a loop there is stopped and noted, a crash
    # there means the file cannot be checked.
    (tmp_path / "loops.py").write_text("import numpy as np\nclass Helper:\n    while True:\n"
                                       "        pass\n" + LINEAR_FORWARD)
    report = check(tmp_path / "loops.py", time_limit=0.3)
    assert report["linear_forward"].status == "ok"
    assert report.notes == ["line 2 of loops.py: still running after 0.3 s: an endless loop? "
                            "It was stopped and skipped."]
    (tmp_path / "crashes.py").write_text("import ctypes\nclass Helper:\n"
                                         "    ctypes.string_at(0)\n")
    with pytest.raises(CheckError, match=r"crashed Python \(segmentation fault, signal 11\) at "
                                         r"line 3 of crashes.py \(in Helper\), while its "
                                         r"definitions ran"):
        check(tmp_path / "crashes.py")


def test_a_memory_hog_runs_out_of_memory_in_its_own_function(checked):
    result = checked[0]["hog.py"]["initialize_parameters_deep"]
    assert "raised MemoryError" in result.detail and "hog.py" in result.detail
    assert explanation_of(result) == "ran out of memory"


def test_files_the_learner_writes_land_in_a_folder_that_is_removed(checked):
    report, _, teacher, temporary = checked
    assert report["writes.py"]["linear_forward"].status == "ok"
    assert list(teacher.iterdir()) == []  # not in the teacher's folder
    assert list(temporary.iterdir()) == []  # and the child's own folder is gone


def test_keyboard_interrupt_raised_by_learner_code_is_that_function_s_error(checked):
    result = checked[0]["interrupt.py"]["compute_cost"]
    line = textwrap.dedent(FILES["interrupt.py"]).splitlines().index(
        "    raise KeyboardInterrupt") + 1
    assert result.detail == (f"on the course's test case: raised KeyboardInterrupt at line "
                             f"{line} of interrupt.py (in compute_cost)")


def test_older_files_are_read_as_python_and_jupyter_read_them(checked):
    report = checked[0]
    assert report["latin.py"].functions and report["old.ipynb"]["linear_forward"].status == "ok"
    assert report["bad_bytes.py"].error.endswith(
        "cannot be read as utf-8 (byte 0xe9 on line 2): save it as UTF-8, or name its "
        "encoding in a coding line (# -*- coding: latin-1 -*-)")
    assert report["broken.py"].error.endswith("line 1 of broken.py: invalid syntax; fix it "
                                              "and check again")


def test_an_old_notebook_without_nbformat_says_how_to_install_it(tmp_path, monkeypatch):
    (tmp_path / "old.ipynb").write_text(_old_notebook())
    monkeypatch.setitem(sys.modules, "nbformat", None)  # as if it were not installed
    with pytest.raises(CheckError, match=r"nbformat 3 notebook .* pip install nbformat"):
        load(tmp_path / "old.ipynb")


def test_a_file_with_none_of_the_course_s_functions_says_so(checked):
    report = checked[0]
    assert report["empty.py"].summary() == (
        "none of the course's functions: is this the right file?")
    assert report["near.py"].summary() == (
        "none of the course's functions: is this the right file? (found Linear_backward: "
        "did you mean linear_backward?)")
    assert report["near.py"]["linear_backward"].status == "missing"


# ----------------------------------------------------------------------------- the summary

def test_the_summary_counts_each_function_and_why(checked):
    summary = checked[0].summary()
    of = len(checked[0].checked)
    assert of == 13  # bad_bytes.py and broken.py could not be checked
    backward = summary["linear_backward"]
    assert backward.counts == {"ok": 1, "differs": 2, "error": 1, "missing": 9}
    assert backward.lines(of) == [
        "2 of 13: db: missing 1/m (9)",
        "1 of 13: crashed Python: segmentation fault"]
    assert summary["L_model_backward"].explanations == [
        ("wrong through their own linear_backward", 2)]
    assert dict(summary["compute_cost"].explanations) == {
        "ended Python: os._exit": 1, "raised KeyboardInterrupt": 1}
    assert summary["linear_forward"].counts == {"ok": 5, "differs": 0, "error": 1,
                                                "missing": 7}
    assert list(summary) == [f for f in FUNCTIONS if f in summary]  # the course's order
    assert summary["predict"].counts["missing"] == 13


def test_the_class_text_has_a_row_per_file_and_the_summary(checked):
    text = str(checked[0])
    assert "\n  alice.py      ok     12 ok, 0 differ, 0 raised, 1 not found\n" in text
    assert "\n  carl.py       WRONG  linear_backward, linear_activation_backward, " \
           "L_model_backward\n" in text
    assert "per function, of 13 files checked (2 could not be):" in text
    assert "2 of 13: db: missing 1/m (9)" in text


def test_a_class_whose_functions_all_loop_is_bounded(tmp_path):
    # Every course function an endless loop: each is stopped once, at its time limit.
    (tmp_path / "loops.py").write_text("".join(
        f"def {name}(*args, **kwargs):\n    while True:\n        pass\n\n"
        for name in FUNCTIONS))
    start = time.perf_counter()
    report = check(tmp_path / "loops.py", time_limit=0.2)
    seconds = time.perf_counter() - start
    assert [r.status for r in report.functions] == ["error"] * len(FUNCTIONS)
    assert all("still running after 0.2 s" in r.detail for r in report.functions)
    assert seconds < len(FUNCTIONS) * 0.2 + 10  # one time limit each, and no more


def test_the_class_took_bounded_time(checked):
    # Two loops (1 s each, and 1 + 1.5 s for the one the parent ends) in 15 files on 2 jobs.
    assert checked[1] < 40


# -------------------------------------------------------------------- JSON, CSV, the CLI

@pytest.fixture(scope="module")
def small_class(tmp_path_factory):
    folder = tmp_path_factory.mktemp("small")
    shutil.copy(LEARNERS / "wrong_db_without_1_over_m.py", folder / "carl.py")
    (folder / "empty.py").write_text("")
    (folder / "broken.py").write_text(FILES["broken.py"])
    (folder / "writes.py").write_text(textwrap.dedent(FILES["writes.py"]))
    return folder


def test_json_has_each_file_s_report_and_the_summary(small_class, capsys):
    assert main(["check", str(small_class), "--json", "--time-limit", "2"]) == 2
    found = json.loads(capsys.readouterr().out)
    assert set(found) == {"files", "summary"}
    files = {Path(f["file"]).name: f for f in found["files"]}
    assert set(files) == {"broken.py", "carl.py", "empty.py", "writes.py"}
    assert set(files["carl.py"]) == {"file", "functions"}  # as a single file's --json
    assert files["broken.py"]["functions"] == [] and "invalid syntax" in files["broken.py"][
        "error"]
    assert found["summary"]["linear_backward"] == {
        "ok": 0, "differs": 1, "error": 0, "missing": 2, "explanations": [
            {"explanation": "db: missing 1/m (9)", "count": 1}]}


def test_csv_has_a_row_per_file_and_function(small_class, capsys):
    assert main(["check", str(small_class / "carl.py"), str(small_class / "broken.py"),
                 "--csv"]) == 2
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert list(rows[0]) == ["file", "function", "status", "detail", "hint", "caused_by"]
    carl = [r for r in rows if r["file"].endswith("carl.py")]
    assert len(carl) == len(FUNCTIONS)
    assert {r["function"]: r["status"] for r in carl}["linear_backward"] == "differs"
    [broken] = [r for r in rows if r["file"].endswith("broken.py")]
    assert broken["status"] == "not checked" and "invalid syntax" in broken["detail"]


def test_the_command_keeps_learners_prints_and_files_to_themselves(small_class, tmp_path):
    done = subprocess.run([sys.executable, "-m", "tinygraph", "check",
                           str(small_class / "writes.py")], capture_output=True, text=True,
                          timeout=120, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "a learner's print" not in done.stdout + done.stderr
    assert list(tmp_path.iterdir()) == []


def test_exit_status_2_when_none_of_the_course_s_functions_is_found(small_class, capsys):
    assert main(["check", str(small_class / "empty.py")]) == 2
    assert "none of the course's functions: is this the right file?" in capsys.readouterr().out


def test_bad_limits_are_usage_errors(small_class, capsys):
    assert main(["check", str(small_class), "--jobs", "0"]) == 2
    assert "jobs must be a whole number >= 1" in capsys.readouterr().err
    with pytest.raises(tg.InputError, match="time_limit must be a positive number"):
        check(small_class / "carl.py", time_limit=0)


def test_a_folder_with_nothing_to_check_says_so(tmp_path, capsys):
    (tmp_path / "notes.md").write_text("")
    assert main(["check", str(tmp_path)]) == 2
    assert capsys.readouterr().out.endswith("(0 files)\n  no .py or .ipynb file to check\n")


def test_submissions_skip_hidden_folders_and_checkpoints(tmp_path):
    for name in ("a/mine.py", "a/.ipynb_checkpoints/mine-checkpoint.ipynb", ".git/hook.py",
                 "b/__pycache__/x.py", "b/theirs.ipynb", "notes.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("")
    assert submissions([tmp_path]) == {tmp_path / "a/mine.py": "a/mine.py",
                                       tmp_path / "b/theirs.ipynb": "b/theirs.ipynb"}
    alone = tmp_path / "notes.md"  # a file given by name is checked (its row says why not)
    assert submissions([alone, tmp_path / "a"]) == {alone: str(alone),
                                                   tmp_path / "a/mine.py": "mine.py"}


# ------------------------------------------------------------------------- in Jupyter

def test_the_html_view_has_the_summary_and_the_rows(checked):
    page = class_report_html(checked[0])
    assert "2 of 13: db: missing 1/m (9)" in page
    assert "wrong: linear_backward, linear_activation_backward, L_model_backward" in page
    assert page.count("<tr>") == len(checked[0].summary()) + len(checked[0].files) + 2


def test_the_view_is_registered_by_class_name():
    from tinygraph.views.register import VIEWS

    assert VIEWS[("tinygraph.course.checker.classroom", "ClassReport")] == (
        "tinygraph.tools.views.classroom", "class_report_html")
    assert ClassReport.__module__ == "tinygraph.course.checker.classroom"


def test_in_a_real_kernel_a_class_shows_as_tables(small_class):
    """A teacher's notebook: `tg.check(folder)` forks its children from the kernel (a process
    with threads) and shows the class report as HTML."""
    try:
        import nbclient
        import nbformat
    except ImportError:
        from conftest import missing

        missing("nbclient is not installed (the notebook extra installs it)")
    cell = f"import tinygraph as tg\ntg.check({str(small_class)!r}, time_limit=2)"
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(cell)])
    nbclient.NotebookClient(notebook, timeout=120, kernel_name="python3").execute()
    [shown] = notebook.cells[0].outputs
    page = shown.data["text/html"]
    assert "per function, of 3 files checked" in page
    assert "1 of 3: db: missing 1/m (9)" in page
    assert "none of the course&#x27;s functions" in page


def test_the_benchmark_s_class_is_forty_course_sized_submissions():
    sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
    try:
        import bench_classroom
    finally:
        sys.path.pop(0)
    sources = bench_classroom.class_sources(40)
    # 28 right (every other one a notebook), two of those an endless loop instead, 12 wrong
    assert len(sources) == 40 and sum(n.endswith(".ipynb") for n in sources) == 12
    assert sum("while Z is not None" in text for text in sources.values()) == 2
    assert all("def L_layer_model" in text for text in sources.values())  # the whole course
