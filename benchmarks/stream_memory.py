"""`tinygraph train --stream` on 100,000 pictures: the peak memory of more than one pass.

    $ .venv/bin/python benchmarks/stream_memory.py                  # ~2 minutes, 1.2 GB of disk
    $ .venv/bin/python benchmarks/stream_memory.py --pictures 5000 --keep /tmp/shapes-5k

Writes 100,000 64x64x3 pictures of the built-in dataset's kind (circles and squares, uint8, in
the course's layout: 1.2 GB) and 1,000 test pictures to a temporary directory, then runs

    tinygraph train --data DIR --stream --batch-size 64 --iterations N

in a child process, N a little over two passes, and reports the child's peak resident memory
(its ru_maxrss, from wait4), its time per iteration and its accuracies. The pictures are
written by another child: a child's ru_maxrss counts the memory of the process it was started
from, so this one stays small (numpy and h5py, no pictures). Loading the same pictures as the
float64 columns `load_dataset` makes would take 100,000 x 12,288 x 8 bytes = 9.2 GiB.
The target (issue 21): under 300 MiB.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import h5py
import numpy as np

from tinygraph.data import BUILTIN_CLASSES, shape_pictures, write_h5

TARGET_MIB = 300
BATCH = 64
BLOCK = 1000  # pictures made and written at a time


def write_pictures(directory: Path, m: int, test: int, seed: int = 1) -> None:
    """`train_big.h5` with m pictures written BLOCK at a time, and `test_big.h5`."""
    rng = np.random.default_rng(seed)
    directory.mkdir(parents=True, exist_ok=True)
    with h5py.File(directory / "train_big.h5", "w") as f:
        images = f.create_dataset("train_set_x", shape=(m, 64, 64, 3), dtype=np.uint8)
        labels = np.empty(m, dtype=np.int64)
        for start in range(0, m, BLOCK):
            k = min(BLOCK, m - start)
            images[start:start + k], labels[start:start + k] = shape_pictures(rng, k)
        f.create_dataset("train_set_y", data=labels)
        f.create_dataset("list_classes", data=np.array(BUILTIN_CLASSES, dtype="S"))
    write_h5(str(directory / "test_big.h5"), "test", *shape_pictures(rng, test),
             BUILTIN_CLASSES)


def measure(directory: Path, iterations: int) -> dict:
    """Train in a child process; its report, peak memory and wall time."""
    report = directory / "report.json"
    command = [sys.executable, "-m", "tinygraph", "train", "--data", str(directory), "--stream",
               "--batch-size", str(BATCH), "--iterations", str(iterations), "--quiet",
               "--report", str(report)]
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)  # this child's own peak, not every child's
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise SystemExit(f"{' '.join(command)} failed with status {child.returncode}")
    result = json.loads(report.read_text())
    result["peak_mib"] = usage.ru_maxrss / 1024  # KiB on Linux
    result["wall_seconds"] = wall
    result["parent_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pictures", type=int, default=100_000)
    parser.add_argument("--test", type=int, default=1000)
    parser.add_argument("--passes", type=float, default=2.05)
    parser.add_argument("--keep", type=Path, help="write (or reuse) the data here, not in /tmp")
    parser.add_argument("--write-only", type=Path, help=argparse.SUPPRESS)  # the writer child
    args = parser.parse_args()
    if args.write_only:
        write_pictures(args.write_only, args.pictures, args.test)
        return 0
    with tempfile.TemporaryDirectory(prefix="tinygraph-stream-") as temporary:
        directory = args.keep or Path(temporary)
        if not (directory / "train_big.h5").exists():
            start = time.perf_counter()
            subprocess.run([sys.executable, __file__, "--write-only", str(directory),
                            "--pictures", str(args.pictures), "--test", str(args.test)],
                           check=True)
            print(f"wrote {args.pictures:,} pictures in {time.perf_counter() - start:.0f} s")
        size = (directory / "train_big.h5").stat().st_size
        iterations = math.ceil(args.passes * args.pictures / BATCH)
        result = measure(directory, iterations)
    floats = args.pictures * 64 * 64 * 3 * 8 / 2 ** 30
    print(f"{args.pictures:,} pictures: {size / 2 ** 30:.2f} GiB on disk, {floats:.1f} GiB as "
          "float64 columns")
    print(f"{iterations} iterations of batch {BATCH} ({iterations * BATCH / args.pictures:.2f} "
          f"passes): {result['seconds_per_iteration'] * 1e3:.2f} ms per iteration, "
          f"{result['wall_seconds']:.0f} s in all (with the accuracies over every picture)")
    print(f"train accuracy {result['train_accuracy']:.4f}, test accuracy "
          f"{result['test_accuracy']:.4f}")
    print(f"(this script, which started it: {result['parent_mib']:.0f} MiB)")
    verdict = "under" if result["peak_mib"] < TARGET_MIB else "OVER"
    print(f"peak resident memory {result['peak_mib']:.0f} MiB: {verdict} the {TARGET_MIB} MiB "
          "target")
    return 0 if result["peak_mib"] < TARGET_MIB else 1


if __name__ == "__main__":
    sys.exit(main())
