"""What the benchmarks share: the command line, the scratch folder, figures and how they are
reported, full garbage collections, and the machine's load.

The scratch folder is on a real disk, never in memory: a tmpfs /tmp would measure memory instead
of the disk a facilitator's laptop writes to, so it moves into the repository then.

Nothing here imports Textual: benchmarks that measure no screen (minutes.py, record.py) keep
their heap, and so their garbage collections, free of it. What measures the app headless is in
_headless.py.
"""

import argparse
import gc
import math
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any, TypeVar

Number = TypeVar("Number", int, float)
Item = TypeVar("Item")
SettingsT = TypeVar("SettingsT")

REPO = Path(__file__).resolve().parent.parent
MEMORY_FILESYSTEMS = frozenset({"tmpfs", "ramfs"})


def filesystem_of(path: Path) -> tuple[str, str]:
    """(mount point, type) of the filesystem holding `path`; ("?", "unknown") off Linux."""
    try:
        mounts = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return "?", "unknown"
    target = str(path.resolve())
    best = ("", "unknown")
    for line in mounts:
        parts = line.split()
        if len(parts) < 3:
            continue
        point = parts[1].replace("\\040", " ")
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best[0]):
            best = (point, parts[2])
    return best if best[0] else ("?", "unknown")


def scratch_folder(benchmark: str) -> Path:
    """A new folder on a disk: the system's temporary folder, unless that lives in memory."""
    base = Path(tempfile.gettempdir())
    if filesystem_of(base)[1] in MEMORY_FILESYSTEMS:
        base = REPO
    return Path(tempfile.mkdtemp(prefix=f".wyber-bench-{benchmark}-", dir=base))


@contextmanager
def scratch(benchmark: str) -> Iterator[Path]:
    """A new scratch folder (see `scratch_folder`), removed with all it holds afterwards."""
    folder = scratch_folder(benchmark)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def describe_scratch(folder: Path) -> str:
    mount, kind = filesystem_of(folder)
    same = folder.stat().st_dev == REPO.stat().st_dev
    where = "the same filesystem as the repo" if same else "not the repo's filesystem"
    return f"{folder} ({kind} mounted at {mount}, {where})"


def machine(*packages: str) -> str:
    """Python's version, each package's installed version, and the CPUs: "python 3.11.7, textual
    8.2.8, 4 CPUs". The first line of every report."""
    versions = "".join(f", {package} {version(package)}" for package in packages)
    return f"python {sys.version.split()[0]}{versions}, {os.cpu_count()} CPUs"


def print_load() -> None:
    """The load average: other work on the machine shows up as noise in the tails."""
    with suppress(OSError, AttributeError):
        one, five, _ = os.getloadavg()
        print(f"load average: {one:.2f} (1 min), {five:.2f} (5 min) on {os.cpu_count()} CPUs")


# --- measuring -----------------------------------------------------------------------------------


def in_turn(items: Sequence[Item], round_: int) -> Sequence[Item]:
    """A B, B A, A B, ...: the items in order in even rounds and reversed in odd ones, so that
    drift on the machine (a warming CPU, a busy disk) hits each of them alike."""
    return items if round_ % 2 == 0 else items[::-1]


def timed(call: Callable[[], object]) -> float:
    """The seconds `call()` takes."""
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


class FullCollections:
    """Notes each full garbage collection (generation 2) while it is on: Python stops everything
    for it, and its length grows with every object the process holds. Printed beside the figures:
    it is often what a tail is made of."""

    def __init__(self) -> None:
        self.pauses: list[tuple[float, float]] = []  # perf_counter at its start and at its end
        # The CPU seconds each took on its thread: on a busy machine the wall clock also counts
        # the time other processes had the CPU, this only the collector's own work.
        self.cpu: list[float] = []
        self._start = self._start_cpu = 0.0

    def __enter__(self) -> "FullCollections":
        gc.callbacks.append(self._note)
        return self

    def __exit__(self, *_: object) -> None:
        gc.callbacks.remove(self._note)

    def _note(self, phase: str, info: dict[str, Any]) -> None:
        if info.get("generation") != 2:
            return
        if phase == "start":
            self._start, self._start_cpu = time.perf_counter(), time.thread_time()
        else:
            self.pauses.append((self._start, time.perf_counter()))
            self.cpu.append(time.thread_time() - self._start_cpu)

    def within(self, start: float, end: float) -> float:
        """Milliseconds of full collections between `start` and `end` (perf_counter)."""
        return sum(
            (min(stop, end) - max(begin, start)) * 1e3
            for begin, stop in self.pauses
            if begin < end and stop > start
        )

    def note(self) -> str:
        """How many there were, how long in all, and the longest, on the clock and on the CPU:
        "3 full garbage collections, 90 ms in all, the longest 42 ms (CPU 80 ms, 40 ms)"."""
        if not self.pauses:
            return "no full garbage collection"
        lengths = [stop - begin for begin, stop in self.pauses]
        return (
            f"{len(self.pauses)} full garbage collections, {sum(lengths) * 1e3:.0f} ms in all,"
            f" the longest {max(lengths) * 1e3:.0f} ms"
            f" (CPU {sum(self.cpu) * 1e3:.0f} ms, {max(self.cpu) * 1e3:.0f} ms)"
        )


# --- figures and the report ----------------------------------------------------------------------


def percentile(values: Sequence[Number], p: float) -> Number:
    """The nearest-rank percentile: the smallest value with at least p% of values at or below."""
    ordered = sorted(values)
    return ordered[max(1, math.ceil(p / 100 * len(ordered))) - 1]


@dataclass(frozen=True)
class Stats:
    """A sample's size, and its median, 95th and 99th percentiles and maximum in milliseconds."""

    n: int
    p50: float
    p95: float
    p99: float
    max: float


def stats(values: Sequence[Number], ms: float = 1e3) -> Stats:
    """The figures of `values`, each one `ms` milliseconds: 1e3 for seconds, 1e-6 for ns."""
    return Stats(
        len(values),
        percentile(values, 50) * ms,
        percentile(values, 95) * ms,
        percentile(values, 99) * ms,
        max(values) * ms,
    )


def print_header(columns: str, notes: str, rule: int) -> None:
    """A table's header: the column names, then what the notes column holds, then a rule that
    runs `rule` characters past the columns."""
    print(f"{columns}   {notes}" if notes else columns)
    print("-" * (len(columns) + rule))


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def print_goal(ok: bool, text: str) -> None:
    """A goal's line: PASS or MISS, then what was judged against what goal."""
    print(f"{verdict(ok)}  {text}")


# --- the command line ----------------------------------------------------------------------------


def bench_main(
    run: Callable[[SettingsT], None],
    full: SettingsT,
    quick: SettingsT,
    *,
    doc: str | None,
    fewer: str,
    caveat: str,
    argv: Sequence[str] | None = None,
) -> int:
    """The command line of every benchmark: `--quick` runs it with the `quick` settings (a smoke
    run, with `fewer` of what it counts), else with `full`. After the run: a quick run's `caveat`,
    the load average and how long it all took. Never fails on a goal, only on an error."""
    parser = argparse.ArgumentParser(description=doc.split("\n", 1)[0] if doc else None)
    parser.add_argument("--quick", action="store_true", help=f"a fast smoke run: fewer {fewer}")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    run(quick if args.quick else full)
    if args.quick:
        print(f"(quick run: {caveat}; indicative only)")
    print_load()
    print(f"\n(ran in {time.perf_counter() - started:.0f} s)")
    return 0
