"""The `tinygraph` command's entry point, kept outside the package on purpose.

`import tinygraph` loads NumPy and h5py (about half a second). This module runs first and
takes Ctrl-C over before those imports start, so that an interrupt at any moment of a run,
even during the imports or while the program is stopping, ends the same way: one line
`tinygraph: interrupted` and exit status 130, never a KeyboardInterrupt traceback.

    $ tinygraph train --save model.h5      # Ctrl-C: "tinygraph train: interrupted", status 130

The first Ctrl-C raises KeyboardInterrupt (so a save under way removes its temporary file
and the previous checkpoint stays); further ones are ignored while the program stops.
"""

import signal
import sys

STATUS = 130  # 128 + SIGINT, what a shell reports for a program Ctrl-C stopped

_interrupted = False  # a Ctrl-C came
_stopping = False     # the run is over: a Ctrl-C now changes nothing


def _on_interrupt(signum, frame):
    global _interrupted
    first = not _interrupted
    _interrupted = True
    if first and not _stopping:  # one is enough: more would interrupt the clean-up it starts
        raise KeyboardInterrupt


def _quiet_unraisable(unraisable, default=sys.unraisablehook):
    # Ctrl-C landing in a finalizer (`__del__`) cannot stop the program from there; Python
    # would print "Exception ignored in ...". `_interrupted` makes main() stop at the end.
    if not isinstance(unraisable.exc_value, KeyboardInterrupt):
        default(unraisable)


def main() -> int:
    """Run `tinygraph.cli.main` with Ctrl-C handled from the very start."""
    try:
        return _run()
    finally:
        # Python puts the default action back while it shuts down, and a Ctrl-C then would
        # kill the process with no status of ours: from here on Ctrl-C is simply ignored.
        signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run() -> int:
    global _stopping, _interrupted
    words = [a for a in sys.argv[1:] if not a.startswith("-")]
    line = f"tinygraph {words[0]}: interrupted" if words else "tinygraph: interrupted"
    try:
        signal.signal(signal.SIGINT, _on_interrupt)
        sys.unraisablehook = _quiet_unraisable
        from tinygraph.cli import main as run

        status = run()  # 130 when it caught the interrupt itself and said so
        _stopping = True
    except BaseException as error:  # a Ctrl-C from anywhere: imports, argparse, a library
        _stopping = True
        _interrupted = _interrupted or isinstance(error, KeyboardInterrupt)
        if not _interrupted:
            raise
        # Or what a library made of it: NumPy's C import turns it into an ImportError.
        print(line, file=sys.stderr)
        return STATUS
    if _interrupted and status != STATUS:  # swallowed somewhere (a finalizer, a library)
        print(line, file=sys.stderr)
        return STATUS
    return status
