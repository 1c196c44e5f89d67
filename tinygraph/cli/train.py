"""`tinygraph train`, `tinygraph predict` and `tinygraph data`: the Application notebook's job.

    $ tinygraph train                                  # the built-in shapes, [12288, 20, 7, 5, 1]
    $ tinygraph train --data datasets/ --save model.h5 --report report.json --plot costs.png
    $ tinygraph train --data big/ --stream --batch-size 64   # pictures read from disk per batch
    $ tinygraph predict --model model.h5 --data datasets/
    $ tinygraph predict --model model.h5 --data big/ --stream   # read a block at a time
    $ tinygraph predict --model model.h5 my_cat.jpg
    $ tinygraph data make shapes/                      # write the built-in dataset as h5 files
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..errors import InputError
from ..models.optim import OPTIMIZERS
from .args import add_init_argument, fraction, layer_dims, positive_float, positive_int, seed

if TYPE_CHECKING:
    from ..models.data import Dataset
    from ..models.io import Checkpoint
    from ..models.nn import Network
    from ..models.stream import StreamedDataset


def register(subparsers: argparse._SubParsersAction) -> None:
    _register_train(subparsers)
    _register_predict(subparsers)
    _register_data(subparsers)


# --------------------------------------------------------------------------------- train

def _register_train(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "train", help="train a network on the course's data or the built-in shapes",
        description="Train [LINEAR -> RELU] x (L-1) -> LINEAR -> SIGMOID by gradient descent "
                    "(or momentum, or Adam) on the graph, as the course's Application "
                    "notebook does, then print the "
                    "train and test accuracy. Without --data it trains on the built-in "
                    "dataset (circles and squares, made on the spot).",
        epilog="example: tinygraph train --data datasets/ --layers 12288,7,1 --save model.h5")
    parser.add_argument("--data", type=Path, metavar="DIR",
                        help="directory with train*.h5 and test*.h5 in the course's layout "
                             "(default: the built-in dataset)")
    parser.add_argument("--layers", type=layer_dims, metavar="N0,N1,...",
                        help="layer sizes, input first (default: n_x,20,7,5,1, n_x from the "
                             "data: 12288,20,7,5,1 for 64x64x3 pictures)")
    parser.add_argument("--learning-rate", type=positive_float, default=0.0075, metavar="LR",
                        help="the step size, alpha (default: 0.0075)")
    parser.add_argument("--optimizer", choices=tuple(OPTIMIZER_FLAGS), default="gd",
                        help="gd: W -= LR * dW, the course's; momentum: W -= LR * v, v an "
                             "average of the gradients; adam: momentum divided by the root "
                             "of an average of their squares (default: gd)")
    parser.add_argument("--beta", type=fraction, metavar="B",
                        help="momentum's beta: v = B * v + (1 - B) * dW (default: 0.9)")
    parser.add_argument("--beta1", type=fraction, metavar="B1",
                        help="Adam's beta1, for the average of the gradients (default: 0.9)")
    parser.add_argument("--beta2", type=fraction, metavar="B2",
                        help="Adam's beta2, for the average of their squares (default: 0.999)")
    parser.add_argument("--epsilon", type=positive_float, metavar="EPS",
                        help="Adam's epsilon, added to the root (default: 1e-8)")
    parser.add_argument("--iterations", type=positive_int, default=2500, metavar="N",
                        help="steps of the optimizer (default: 2500)")
    parser.add_argument("--batch-size", type=positive_int, metavar="N",
                        help="examples per step, reshuffled every pass (default: all, the "
                             "course's full batch)")
    parser.add_argument("--stream", action="store_true",
                        help="read each mini-batch from the h5 files of --data as it is "
                             "needed instead of loading them: for data larger than memory "
                             "(examples shuffled by chunks of neighbours)")
    parser.add_argument("--dtype", choices=("float64", "float32"), default="float64",
                        help="float type of data and parameters (default: float64)")
    parser.add_argument("--seed", type=seed, default=1,
                        help="seed of the initial weights and the mini-batch order (default: 1, "
                             "the course's)")
    add_init_argument(parser)
    parser.add_argument("--save", type=Path, metavar="MODEL.h5",
                        help="write the trained parameters and how they were made (h5)")
    parser.add_argument("--save-every", type=positive_int, metavar="N",
                        help="also save to --save every N iterations while training, so a run "
                             "that stops keeps its last checkpoint")
    parser.add_argument("--report", type=Path, metavar="REPORT.json",
                        help="write settings, costs, accuracies and timing as JSON")
    parser.add_argument("--plot", type=Path, metavar="COSTS.png",
                        help="draw the cost curve (needs the 'plot' extra, matplotlib)")
    parser.add_argument("--mislabelled", type=Path, metavar="WRONG.png",
                        help="draw the test pictures the network gets wrong (needs 'plot')")
    parser.add_argument("--force", action="store_true",
                        help="replace output files even when they are read-only")
    parser.add_argument("--print-cost", action="store_true",
                        help="print the cost every 100 iterations, as the course does")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    parser.set_defaults(run=run_train, parser=parser)


# The settings each optimizer takes besides --learning-rate, each a flag of the same name.
OPTIMIZER_FLAGS = {name: kind.settings_names for name, kind in OPTIMIZERS.items()}


def _optimizer_settings(args: argparse.Namespace) -> dict[str, float]:
    """The settings given for the chosen optimizer; one meant for another is an error."""
    given = {key: getattr(args, key) for flags in OPTIMIZER_FLAGS.values() for key in flags
             if getattr(args, key) is not None}
    for key in given:
        if key not in OPTIMIZER_FLAGS[args.optimizer]:
            owner = next(name for name, flags in OPTIMIZER_FLAGS.items() if key in flags)
            args.parser.error(f"--{key} is a setting of --optimizer {owner}, "
                              f"not of {args.optimizer}")
    return given


def run_train(args: argparse.Namespace) -> int:
    from ..models.train import (
        plot_costs,
        plot_mislabelled,
        plot_wrong,
        predict,
        require_matplotlib,
        summary,
        train,
    )

    settings = _optimizer_settings(args)
    if args.stream and args.data is None:
        args.parser.error("--stream reads the h5 files of --data DIR; give --data")
    if args.save_every and not args.save:
        args.parser.error("--save-every saves to the file of --save; give --save MODEL.h5")
    # Problems with the outputs show up now, not after minutes of training.
    if args.plot or args.mislabelled:
        require_matplotlib()
    outputs = {args.save: None, args.report: REPORT_BYTES, args.plot: PLOT_BYTES,
               args.mislabelled: PLOT_BYTES}
    _check_writable(*outputs, force=args.force)
    data = _stream(args.data) if args.stream else _load(args.data, args.dtype)
    layers = args.layers or [data.n_x, 20, 7, 5, 1]
    outputs[args.save] = checkpoint_bytes(layers, args.dtype)
    _check_room(outputs)
    net, report = train(data, args.layers, init=args.init, learning_rate=args.learning_rate,
                        num_iterations=args.iterations, batch_size=args.batch_size,
                        dtype=args.dtype, seed=args.seed, print_cost=args.print_cost,
                        progress=False if args.quiet else None, optimizer=args.optimizer,
                        optimizer_settings=settings,
                        checkpoint=args.save if args.save_every else None,
                        checkpoint_every=args.save_every or 500, force=args.force)
    print(summary(report))
    if args.save:
        from ..models.io import save_checkpoint

        save_checkpoint(args.save, net, report, force=args.force)
        print(f"wrote {args.save}")
    if args.report:
        _write_json(args.report, report, force=args.force)
        print(f"wrote {args.report}")
    if args.plot:
        plot_costs(report["costs"], args.plot, args.learning_rate)
        print(f"wrote {args.plot}")
    if args.mislabelled and args.stream:  # the test pictures read a block at a time
        wrong, shown = data.mislabelled(net)
        plot_wrong(shown, args.mislabelled)
        print(f"wrote {args.mislabelled} ({wrong} mislabelled test pictures)")
    elif args.mislabelled:
        wrong = plot_mislabelled(data, predict(net, data.test_x), args.mislabelled)
        print(f"wrote {args.mislabelled} ({wrong} mislabelled test pictures)")
    return 0


# Room an output file needs, checked before training: the checkpoint is its parameters plus
# HDF5's headers and the report as metadata; the rest are small.
CHECKPOINT_OVERHEAD = REPORT_BYTES = 64 * 1024
PLOT_BYTES = 1024 * 1024


def checkpoint_bytes(layer_dims: list[int], dtype: str) -> int:
    """About how large `--save` makes the checkpoint of a `layer_dims` network."""
    n_parameters = sum(n * (n_prev + 1) for n_prev, n in zip(layer_dims[:-1], layer_dims[1:],
                                                          strict=True))
    return n_parameters * np.dtype(dtype).itemsize + CHECKPOINT_OVERHEAD


def _check_writable(*paths: Path | None, force: bool = False) -> None:
    """Create the parent directories of the output files, and check they can be written."""
    from ..models.io import check_replaceable, is_special

    for path in paths:
        if path is None or is_special(path):
            continue  # nothing to check for a device or a pipe (/dev/stdout)
        check_replaceable(path, force)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise InputError(f"{path}: cannot create the directory {path.parent} "
                             f"({error.strerror})") from None
        try:  # a real file, not os.access: root, read-only mounts and /proc answer truly
            fd, probe = tempfile.mkstemp(dir=path.parent, prefix=".tinygraph-probe-")
            os.close(fd)
            os.unlink(probe)
        except OSError as error:
            raise InputError(f"{path}: cannot write in {path.parent} "
                             f"({error.strerror})") from None


def _check_room(outputs: dict[Path | None, int | None]) -> None:
    from ..models.io import check_room, is_special

    for path, nbytes in outputs.items():
        if path is not None and nbytes and not is_special(path):
            check_room(path, nbytes)


def _load(directory: Path | None, dtype: str = "float64") -> Dataset:
    from ..models.data import dataset  # h5py: only when data is read

    return dataset(directory, dtype=dtype)


def _stream(directory: Path) -> StreamedDataset:
    from ..models.stream import open_stream  # h5py: only when data is read

    return open_stream(directory)


def _write_json(path: Path, report: dict, force: bool = False) -> None:
    from ..models.io import atomic_path, is_special

    if os.path.abspath(path) == "/dev/stdout":  # through print's own stream, in its order
        json.dump(report, sys.stdout, indent=1)
        print()
        return
    mode = "a" if is_special(path) else "w"  # a device or pipe: never truncated
    with atomic_path(path, force=force) as tmp, open(tmp, mode) as f:
        json.dump(report, f, indent=1)
        f.write("\n")


# ------------------------------------------------------------------------------- predict

def _register_predict(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "predict", help="use a trained model: accuracy on a dataset, or your own pictures",
        description="Load a model saved by `tinygraph train --save` and either measure it "
                    "on a dataset (--data DIR) or classify your own image files, resized to "
                    "the model's input as the course's \"test with your own image\" (image "
                    "files need the 'image' extra, Pillow).",
        epilog="example: tinygraph predict --model model.h5 my_cat.jpg")
    parser.add_argument("--model", type=Path, required=True, metavar="MODEL.h5",
                        help="checkpoint written by tinygraph train --save")
    parser.add_argument("--data", type=Path, metavar="DIR",
                        help="directory with train*.h5 and test*.h5: print both accuracies")
    parser.add_argument("--stream", action="store_true",
                        help="read the pictures of --data a block at a time instead of "
                             "loading them: for data larger than memory")
    parser.add_argument("images", nargs="*", type=Path, metavar="IMAGE",
                        help="image files (JPEG, PNG, ...) to classify")
    parser.add_argument("--background", default="white", metavar="COLOUR",
                        help="what transparent pixels are shown on, as a viewer shows them "
                             "(default: white; any colour name or #rrggbb)")
    parser.set_defaults(run=run_predict, parser=parser)


def run_predict(args: argparse.Namespace) -> int:
    if (args.data is None) == (not args.images):
        args.parser.error("give either --data DIR or one or more IMAGE files")
    if args.stream and args.data is None:
        args.parser.error("--stream reads the h5 files of --data DIR; give --data")
    from ..models.io import load_checkpoint

    checkpoint = load_checkpoint(args.model)
    net = checkpoint.network()
    if args.data is not None:
        return _predict_dataset(args, net)
    return _predict_images(args, checkpoint, net)


def _predict_dataset(args: argparse.Namespace, net: Network) -> int:
    from ..models.train import measured

    # Streamed, the pictures stay on disk and are read a block at a time (models/stream.py).
    data = _stream(args.data) if args.stream else _load(args.data, net.dtype.name)
    data.check_inputs(net.layer_dims[0], who=str(args.model))
    print(f"model {net.layer_dims} from {args.model} on {data.describe()}")
    result = measured(net, data)
    for split in ("train", "test"):
        print(f"{split + ' accuracy':14} {result[f'{split}_accuracy']:.4f} "
              f"({result[f'{split}_correct']}/{result[f'{split}_examples']})")
    return 0


def _predict_images(args: argparse.Namespace, checkpoint: Checkpoint, net: Network) -> int:
    from ..models.train import decide, probabilities
    from .images import background_colour, read_picture

    classes = checkpoint.metadata.get("classes") or ["0", "1"]
    shape = _image_shape(checkpoint, args.model)
    background = background_colour(args.background)
    pictures = [read_picture(path, shape, background) for path in args.images]
    height, width, _ = shape
    for path, picture in zip(args.images, pictures, strict=True):
        if picture.much_smaller_than(width, height):
            print(f"tinygraph predict: warning: {path} is {picture.size[0]}x{picture.size[1]}, "
                  f"much smaller than the model's {width}x{height} input: it is stretched to "
                  "fit, and the answer means little", file=sys.stderr)
    X = np.concatenate([p.column for p in pictures], axis=1).astype(net.parameters["W1"].dtype)
    AL = probabilities(net, X).ravel()
    for path, picture, p, label in zip(args.images, pictures, AL, decide(AL).astype(int),
                                       strict=True):
        shown = f" [transparent pixels shown on {args.background}]" if picture.composited else ""
        print(f"{path}: {classes[label]} (probability of {classes[1]}: {p:.4f}){shown}")
    return 0


def _image_shape(checkpoint: Checkpoint, model: Path) -> tuple[int, int, int]:
    """(height, width, channels) the model was trained on: from its metadata, else a square
    RGB picture with n_x = side * side * 3."""
    shape = checkpoint.metadata.get("image_shape")
    if shape and len(shape) == 3 and int(np.prod(shape)) == checkpoint.layer_dims[0]:
        return tuple(int(n) for n in shape)
    n_x = checkpoint.layer_dims[0]
    side = int(round((n_x / 3) ** 0.5))
    if side * side * 3 != n_x:
        raise InputError(f"{model}: takes {n_x} inputs, which is not a square RGB picture "
                         "(side x side x 3), and the checkpoint does not say its image shape")
    return (side, side, 3)


# ---------------------------------------------------------------------------------- data

def _register_data(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "data", help="write the built-in dataset to disk, or describe a dataset",
        description="The built-in dataset is generated from a seed and stored in the "
                    "course's h5 layout; `data make` writes it so you can look at it, "
                    "`data info` checks and describes any dataset directory.",
        epilog="example: tinygraph data make shapes/ && tinygraph train --data shapes/")
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    actions.required = True
    make = actions.add_parser("make", help="write train_shapes.h5 and test_shapes.h5 to DIR",
                              description="Write the built-in dataset (circles = 1, squares "
                                          "= 0, 64x64x3) as h5 files in the course's layout.")
    make.add_argument("directory", type=Path, metavar="DIR", help="created if needed")
    make.add_argument("--seed", type=seed, default=1,
                      help="seed of the pictures (default: 1, what train uses without --data)")
    make.add_argument("--force", action="store_true",
                      help="replace the files even when they are read-only")
    make.set_defaults(run=run_data_make)
    info = actions.add_parser("info", help="check a dataset directory and describe it",
                              description="Load DIR as `train --data DIR` would, and print "
                                          "its sizes, classes and label balance.")
    info.add_argument("directory", type=Path, metavar="DIR")
    info.set_defaults(run=run_data_info)


def run_data_make(args: argparse.Namespace) -> int:
    from ..models.data import write_builtin_dataset

    for path in write_builtin_dataset(args.directory, args.seed, force=args.force):
        print(f"wrote {path}")
    return 0


def run_data_info(args: argparse.Namespace) -> int:
    data = _load(args.directory)
    print(data.describe())
    for split, Y in (("train", data.train_y), ("test", data.test_y)):
        ones = int(Y.sum())
        print(f"{split}: {ones} {data.classes[1]} (1), {Y.shape[1] - ones} {data.classes[0]} (0)")
    return 0
