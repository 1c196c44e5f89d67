"""A learner's file checked in a child process of its own, with bounds the file cannot break.

The child is forked from the checking process (Linux, macOS) for each submission, in a
process group of its own, with:

* a temporary working directory (also TMPDIR), removed afterwards: a file the learner's
  code writes lands there, not in the teacher's folder;
* the learner's prints captured (stdout and stderr, Python's and C's), never mixed with the
  report; stdin is empty, so `input()` ends at once;
* a memory limit (`Limits.memory_mb` over what tinygraph itself takes): NumPy raises
  MemoryError in the function that asks for more;
* each call's time limit inside the child (SIGALRM, see limits), and the parent's watch on
  top: a child that stays silent past it (a loop that catches every exception, a C call
  that never returns) is stopped.

When the child dies (a segfault, `os._exit`, the parent stopping it), the function it was
checking gets the reason as its error, with the line faulthandler saw, and the file is
checked again in a new child with tinygraph's version of that function in its place. The
check of a class runs one child per core.

    >>> import pathlib, tempfile
    >>> mine = pathlib.Path(tempfile.mkdtemp()) / "mine.py"
    >>> _ = mine.write_text("import os\\ndef linear_forward(A, W, b):\\n    os._exit(3)\\n")
    >>> report = check_file(mine)
    >>> print(report["linear_forward"].detail)
    ended the Python process with os._exit(3)

This keeps a class's check going whatever one submission does by mistake. It is not a
security sandbox: the learner's code runs as the teacher's user and can read, write or
delete any file that user can, use the network, or start processes; check only code you
would run yourself.
"""

from __future__ import annotations

import contextlib
import faulthandler
import gc
import os
import pickle
import re
import shutil
import signal
import sys
import tempfile
import time
import types
import warnings
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from ...engine.validate import positive, whole
from .course import CheckError
from .limits import SECONDS, Progress
from .load import Learner, load
from .namespace import check_namespace
from .report import Report
from .run import Result
from .warm import warm

MEMORY_MB = 1024  # a submission's own memory, over tinygraph's: the course needs a few MB
GRACE = 1.5  # seconds past a call's time limit before the parent stops a silent child
LOAD_SECONDS = 60.0  # a file's imports (matplotlib, scipy ...) run without a call's limit
_HEARTBEAT = 0.05  # a child tells its parent of a call at most this often


@dataclass
class Limits:
    """time_limit: seconds a call may run; memory_mb: megabytes a submission may add."""

    time_limit: float = SECONDS
    memory_mb: int = MEMORY_MB

    @classmethod
    def of(cls, time_limit: float | None = None, memory_mb: int | None = None) -> Limits:
        """The defaults, but for what is given (checked: a clear error for 0 or "2")."""
        return cls(SECONDS if time_limit is None else positive(time_limit, "time_limit",
                                                                "check", example="2"),
                   MEMORY_MB if memory_mb is None else whole(memory_mb, "memory_mb", "check",
                                                             at_least=16))


# ----------------------------------------------------------------------------- the child

class _Tell(Progress):
    """The child's progress, sent to its parent (a call at most every 50 ms)."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.last = 0.0

    def parsed(self, path: str, cells: list[tuple[int, int]]) -> None:
        self.conn.send(("parsed", cells))

    def checking(self, name: str) -> None:
        self.conn.send(("checking", name))
        self.last = time.monotonic()

    def calling(self) -> None:
        now = time.monotonic()
        if now - self.last > _HEARTBEAT:
            self.conn.send(("calling",))
            self.last = now


def _child(path: Path, shown: str, limits: Limits, broken: dict[str, Result],
           conn: Connection, folder: str) -> None:
    """The child's whole life: settle in, load, check, send the report."""
    # What it inherits (the parent's objects, warm.py's among them) is never garbage here:
    # left out of its collections, which would otherwise read, and so copy, every page.
    gc.freeze()
    try:
        _settle(folder, limits)
        tell = _Tell(conn)
        learner = load(path, limits.time_limit, tell)
        report = check_namespace(vars(learner.module), shown, learner, limits.time_limit,
                                 broken, tell)
        conn.send(("report", _sendable(report)))
    except CheckError as error:  # the file cannot be checked: its row says why
        conn.send(("error", str(error).replace(str(path), shown)))
    except MemoryError:
        conn.send(("failed", f"ran out of memory (over the check's {limits.memory_mb} MB)"))
    except BaseException as error:  # what the learner's code did to the check itself
        conn.send(("failed", f"the check failed ({type(error).__name__}: {error})"))


_printed = None  # the child's capture file, kept open for faulthandler


def _settle(folder: str, limits: Limits) -> None:
    global _printed
    try:
        os.setpgid(0, 0)  # its own group: the parent stops the learner's processes with it
    except OSError:
        pass  # the parent already did
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    work = os.path.join(folder, "work")
    os.chdir(work)
    os.environ.update(TMPDIR=work, MPLBACKEND="Agg")  # plt.show() in a model: no window
    tempfile.tempdir = work
    if "matplotlib" in sys.modules:  # imported before the fork (see _warm)
        with contextlib.suppress(Exception):
            sys.modules["matplotlib"].use("Agg")
    _printed = open(os.path.join(folder, "printed.txt"), "w", buffering=1)  # noqa: SIM115
    for fd in (1, 2):
        os.dup2(_printed.fileno(), fd)
    sys.stdout = sys.stderr = _printed
    os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
    sys.stdin = open(os.devnull)  # noqa: SIM115
    faulthandler.enable(_printed)  # a segfault's traceback names the learner's line
    faulthandler.register(signal.SIGUSR1, _printed, all_threads=False)
    _limit_memory(limits.memory_mb)


def _limit_memory(megabytes: int) -> None:
    """The address space tinygraph uses now, plus `megabytes`; no core files either."""
    try:
        import resource

        with open("/proc/self/statm") as statm:  # Linux: pages of address space
            now = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        limit = now + megabytes * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ImportError, OSError, ValueError):
        pass  # no /proc (macOS): the time limits still hold


def _sendable(report: Report) -> Report:
    """The report as pickle can send it: a value of a class the learner defined is named."""
    try:
        pickle.dumps(report)
        return report
    except Exception:
        for result in report.functions:
            if result.difference is not None:
                result.difference.expected = _plain(result.difference.expected)
                result.difference.got = _plain(result.difference.got)
        return report


def _plain(value: Any) -> Any:
    try:
        pickle.dumps(value)
        return value
    except Exception:
        return f"<{type(value).__name__} object>"  # not its repr: that is learner's code too


# ---------------------------------------------------------------------------- the parent

@dataclass
class _Child:
    index: int
    path: Path
    name: str  # the file's name in the report
    broken: dict[str, Result]
    pid: int
    conn: Connection
    folder: str
    heard: float  # when it last said something
    cells: list[tuple[int, int]] = field(default_factory=list)
    current: str | None = None  # the function it is checking
    said: tuple | None = None  # ("report", Report), ("error", why), ("failed", why)
    stopped: float | None = None  # seconds it was silent when the parent stopped it
    eof: bool = False

    @property
    def ended(self) -> bool:
        return self.eof or self.said is not None or self.stopped is not None


def _start(index: int, path: Path, name: str, broken: dict[str, Result],
           limits: Limits) -> _Child:
    folder = tempfile.mkdtemp(prefix="tinygraph-check-")
    os.mkdir(os.path.join(folder, "work"))
    read, write = os.pipe()
    with warnings.catch_warnings():
        # Python 3.12+ warns of forking a process with threads (a Jupyter kernel): the child
        # touches none of their locks; it runs the checker and ends with os._exit.
        warnings.simplefilter("ignore", DeprecationWarning)
        pid = os.fork()
    if pid == 0:  # the child: never returns into the parent's code
        try:
            os.close(read)
            _child(path.resolve(), name, limits, broken,
                   Connection(write, readable=False), folder)
        finally:
            os._exit(0)
    os.close(write)
    try:
        os.setpgid(pid, pid)
    except OSError:
        pass  # the child did it first
    return _Child(index, path, name, broken, pid, Connection(read, writable=False), folder,
                  time.monotonic())


def _hear(child: _Child) -> None:
    """Every message the child has sent so far."""
    try:
        while not child.ended and child.conn.poll():
            message = child.conn.recv()
            child.heard = time.monotonic()
            if message[0] == "parsed":
                child.cells = message[1]
            elif message[0] == "checking":
                child.current = message[1]
            elif message[0] != "calling":
                child.said = message
    except (EOFError, OSError):
        child.eof = True


def _silent_too_long(child: _Child, limits: Limits) -> bool:
    allowed = LOAD_SECONDS if child.current is None else limits.time_limit + GRACE
    return time.monotonic() - child.heard > allowed


def _stop(child: _Child) -> None:
    """Ask faulthandler where it is (SIGUSR1), then end it and its processes."""
    child.stopped = time.monotonic() - child.heard
    try:
        os.kill(child.pid, signal.SIGUSR1)
        time.sleep(0.2)
    except OSError:
        pass
    _kill(child)


def _kill(child: _Child) -> None:
    try:  # the group: the child and whatever the learner's code started
        os.killpg(child.pid, signal.SIGKILL)
    except OSError:
        pass


def _finish(child: _Child, limits: Limits) -> tuple[Report | None, dict[str, Result] | None]:
    """The child's report; or, when it died checking a function, what to check again."""
    _kill(child)
    _, status = os.waitpid(child.pid, 0)
    child.conn.close()
    printed = _read_printed(child.folder)
    shutil.rmtree(child.folder, ignore_errors=True)
    kind, said = child.said or (None, None)
    if kind == "report":
        return said, None
    if kind == "error":
        return Report(child.name, [], error=said), None
    at = _crash_line(child, printed)
    short, why = ("broke the check", f"{said}{at}") if kind == "failed" else _death(
        child, status, printed, limits, at)
    if child.current is not None and child.current not in child.broken:
        result = Result(child.current, "error", why, error_kind=short)
        return None, {**child.broken, child.current: result}
    return Report(child.name, [], error=f"{why}, while its definitions ran"), None


def _read_printed(folder: str) -> str:
    try:
        with open(os.path.join(folder, "printed.txt"), "rb") as file:
            file.seek(0, os.SEEK_END)
            file.seek(max(0, file.tell() - 20000))  # the end: a crash's traceback
            return file.read().decode("utf-8", "replace")
    except OSError:
        return ""


def _death(child: _Child, status: int, printed: str, limits: Limits,
           at: str) -> tuple[str, str]:
    """(a few words, a sentence) for how the child ended without a report; `at` names the
    learner's line when faulthandler saw it."""
    if child.stopped is not None:
        return ("an endless loop?", f"still running after {child.stopped:.0f} s{at}, and it "
                "could not be stopped there (does it catch every exception?), so its process "
                "was ended: an endless loop?")
    if "MemoryError" in printed:
        return ("ran out of memory", f"ran out of memory (over the check's "
                f"{limits.memory_mb} MB){at}")
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        name = {signal.SIGSEGV: "segmentation fault", signal.SIGABRT: "aborted",
                signal.SIGBUS: "bus error", signal.SIGFPE: "floating-point exception",
                signal.SIGKILL: "killed: out of memory?"}.get(number, signal.Signals(number).name)
        return (f"crashed Python: {name}", f"crashed Python ({name}, signal {number}){at}")
    code = os.WEXITSTATUS(status)
    return ("ended Python: os._exit", f"ended the Python process with os._exit({code}){at}")


_FRAME = re.compile(r'File "(?P<file>[^"]+)", line (?P<line>\d+) in (?P<function>\S+)')


def _crash_line(child: _Child, printed: str) -> str:
    """` at line 7 of mine.py (in linear_forward)`: the learner's latest frame faulthandler
    printed (it lists the most recent call first)."""
    mine = str(child.path.resolve())
    for frame in _FRAME.finditer(printed):
        if frame["file"] == mine:
            where = Learner(types.ModuleType("learner"), child.name, child.cells).where(
                int(frame["line"]))
            return f" at {where} (in {frame['function']})"
    return ""


# What the course's notebooks import that takes long to import: imported once before the
# children are forked (a library's code, not the learner's), not once in every child.
_SLOW_IMPORTS = re.compile(r"\b(?:import|from)\s+(matplotlib\.pyplot|scipy|PIL|h5py)\b")


def _warm(paths: list[Path]) -> None:
    import importlib

    wanted: set[str] = set()
    for path in paths:
        try:
            wanted.update(_SLOW_IMPORTS.findall(path.read_text(errors="replace")))
        except OSError:
            pass  # its child says why it cannot be read
    for name in sorted(wanted - set(sys.modules)):
        try:
            importlib.import_module(name)
        except Exception:  # the child notes a failed import in the file's report
            pass


def cores() -> int:
    """The cores this process may use: one child each."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


_forked = False  # a check has been forked from this process before


def check_files(paths: Iterable[str | Path], limits: Limits | None = None,
                jobs: int | None = None, names: Iterable[str] | None = None,
                on_done: Callable[[Report], None] | None = None) -> list[Report]:
    """Each file checked in a child of its own, `jobs` at a time; the reports in order,
    each under its name in `names` (the path as given, unless told)."""
    limits = limits or Limits()
    jobs = cores() if jobs is None else whole(jobs, "jobs", "check")
    paths = [Path(p) for p in paths]
    names = [str(p) for p in paths] if names is None else list(names)
    if not hasattr(os, "fork"):  # Windows: no isolation, only the time limits
        return [_in_process(p, n, limits) for p, n in zip(paths, names, strict=True)]
    _warm(paths)
    global _forked
    if len(paths) > 1 or _forked:  # (a class, or a notebook's second check: warm.py)
        warm()
    _forked = True
    todo = deque((i, p, n, {}) for i, (p, n) in enumerate(zip(paths, names, strict=True)))
    done: dict[int, Report] = {}
    running: list[_Child] = []
    try:
        while todo or running:
            while todo and len(running) < jobs:
                running.append(_start(*todo.popleft(), limits))
            wait([c.conn for c in running], timeout=0.1)
            for child in list(running):
                _hear(child)
                if not child.ended and _silent_too_long(child, limits):
                    _stop(child)
                if child.ended:
                    running.remove(child)
                    report, again = _finish(child, limits)
                    if again is not None:  # checked again, with that function put aside
                        todo.appendleft((child.index, child.path, child.name, again))
                    else:
                        done[child.index] = report
                        if on_done is not None:
                            on_done(report)
    finally:  # Ctrl-C, or an error of the checker's own: no child is left running
        for child in running:
            _kill(child)
            os.waitpid(child.pid, 0)
            shutil.rmtree(child.folder, ignore_errors=True)
    return [done[i] for i in range(len(paths))]


def check_file(path: str | Path, limits: Limits | None = None) -> Report:
    """One file in a child of its own (see the module's docstring)."""
    return check_files([path], limits, jobs=1)[0]


def _in_process(path: Path, name: str, limits: Limits) -> Report:
    try:
        learner = load(path, limits.time_limit)
    except CheckError as error:
        return Report(name, [], error=str(error))
    return check_namespace(vars(learner.module), name, learner, limits.time_limit)
