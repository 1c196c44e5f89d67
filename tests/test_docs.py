"""Every ```python block of README.md and docs/*.md runs as written.

Each page runs in a fresh Python process, its blocks in order in one namespace, as a reader
who pastes them into one session would; the working directory is a temporary one, so the
files a page writes (`costs.png`, `model.h5`, ...) land there. A block that is not meant to
run is marked ```text, ```sh or ```console instead of ```python. Pages added to docs/ are
picked up without touching this file.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted([ROOT / "README.md", *(ROOT / "docs").glob("*.md")])

# A fence opens with ```python (nothing else on the line) and closes with ``` alone.
BLOCK = re.compile(r"^```python[ \t]*\n(.*?)^```[ \t]*$", re.S | re.M)

# Runs in the child: each block compiled under its page and line, so a traceback says
# "docs/training.md, line 140", then executed in the page's one namespace.
RUNNER = """
import json, sys, traceback
blocks = json.loads(open(sys.argv[1], encoding="utf-8").read())
namespace = {"__name__": "__main__"}
for path, line, source in blocks:
    code = compile("\\n" * (line - 1) + source, path, "exec")
    try:
        exec(code, namespace)
    except BaseException:
        print(f"block at {path}:{line} failed:", file=sys.stderr)
        traceback.print_exc()
        sys.exit(1)
"""


def blocks(page: Path) -> list[tuple[str, int, str]]:
    """(page, line of the block's first code line, code) for each ```python block."""
    text = page.read_text(encoding="utf-8")
    return [(str(page.relative_to(ROOT)), text.count("\n", 0, m.start(1)) + 1, m[1])
            for m in BLOCK.finditer(text)]


def test_every_page_is_found_and_the_block_finder_reads_fences():
    names = {p.relative_to(ROOT).as_posix() for p in PAGES}
    assert {"README.md", "docs/concepts.md", "docs/training.md", "docs/rendering.md",
            "docs/debugging.md"} <= names
    sample = "text\n```python\nx = 1\n```\n```text\nnot run\n```\n```python\ny = x\n```\n"
    found = [(m[1], sample.count("\n", 0, m.start(1)) + 1) for m in BLOCK.finditer(sample)]
    assert found == [("x = 1\n", 3), ("y = x\n", 9)]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_the_python_blocks_of_a_page_run_in_order(page, tmp_path, dot_program):
    found = blocks(page)
    if not found:
        return  # a page of prose and commands only: nothing to run
    env = {**os.environ, "MPLBACKEND": "Agg", "PYTHONPATH": str(ROOT)}
    (tmp_path / "blocks.json").write_text(json.dumps(found), encoding="utf-8")
    # debugging.md's pdb example stops in pdb: on standard input the reader types `c`.
    result = subprocess.run([sys.executable, "-c", RUNNER, "blocks.json"], input="c\n" * 20,
                            capture_output=True, text=True, cwd=tmp_path, env=env, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
