"""Reproduce the course's "Deep Neural Network - Application" results with tinygraph.

    python examples/reproduce_course.py DATA_DIR          # or set TINYGRAPH_DATA
    python examples/reproduce_course.py DATA_DIR --iterations 300 --print-cost

DATA_DIR holds the course's train_catvnoncat.h5 and test_catvnoncat.h5. Both models are the
notebook's own functions (`two_layer_model`, `L_layer_model`, `predict`) running on the graph
engine; with the course's 2,500 iterations the table below must match the course's to 1e-9.
About a minute on a laptop.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys

import numpy as np

from tinygraph.data import load_dataset
from tinygraph.notebook import L_layer_model, predict, two_layer_model

# The course's own run (see COURSE.md): cost at i=0, cost at i=2499, train and test accuracy.
COURSE = {
    "two-layer (12288, 7, 1)": (0.693049735659989, 0.04421498215868956, 209, 36),
    "L-layer [12288, 20, 7, 5, 1]": (0.7717493284237686, 0.08843994344170202, 206, 40),
}
MODELS = {
    "two-layer (12288, 7, 1)": (two_layer_model, (12288, 7, 1)),
    "L-layer [12288, 20, 7, 5, 1]": (L_layer_model, [12288, 20, 7, 5, 1]),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", default=os.environ.get("TINYGRAPH_DATA"),
                        help="directory with the course's h5 files (default: $TINYGRAPH_DATA)")
    parser.add_argument("--iterations", type=int, default=2500)
    parser.add_argument("--print-cost", action="store_true")
    args = parser.parse_args(argv)
    if not args.data:
        parser.error("give the data directory, or set TINYGRAPH_DATA")

    data = load_dataset(args.data)
    rows = []
    for name, (model, layers_dims) in MODELS.items():
        print(f"== {name}")
        # The course's `costs` list stops at i = 2400; its last cost, at i = 2499, is the one
        # it prints. Read it from the printed lines (shown with --print-cost).
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            parameters, costs = model(data.train_x, data.train_y, layers_dims,
                                      num_iterations=args.iterations, print_cost=True)
        if args.print_cost:
            print(printed.getvalue(), end="")
        last = float(printed.getvalue().splitlines()[-1].split(": ")[1])
        train_right = int(np.sum(predict(data.train_x, data.train_y, parameters)
                                 == data.train_y))
        test_right = int(np.sum(predict(data.test_x, data.test_y, parameters) == data.test_y))
        rows.append((name, costs[0], last, train_right, test_right))

    print(f"\n{'model':30} {'cost at i=0':>20} {'last cost':>22} {'train':>8} {'test':>6}")
    all_match = True
    for name, first, last, train_right, test_right in rows:
        print(f"{name:30} {first!r:>20} {last!r:>22} {train_right:>4}/209 {test_right:>3}/50")
        if args.iterations == 2500:
            c_first, c_last, c_train, c_test = COURSE[name]
            print(f"{'  the course':30} {c_first!r:>20} {c_last!r:>22} {c_train:>4}/209 "
                  f"{c_test:>3}/50")
            match = (abs(first - c_first) < 1e-9 and abs(last - c_last) < 1e-9
                     and (train_right, test_right) == (c_train, c_test))
            all_match &= match
            print(f"{'':30} {'matches the course' if match else 'DIFFERS from the course'}")
    return 0 if all_match else 1


if __name__ == "__main__":
    sys.exit(main())
