"""What the benchmarks share: the scratch folder, percentiles, and the machine's load.

The scratch folder is on a real disk, never in memory: a tmpfs /tmp would measure memory instead
of the disk a facilitator's laptop writes to, so it moves into the repository then.
"""

import math
import os
import tempfile
from collections.abc import Sequence
from contextlib import suppress
from pathlib import Path
from typing import TypeVar

Number = TypeVar("Number", int, float)

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


def describe_scratch(folder: Path) -> str:
    mount, kind = filesystem_of(folder)
    same = folder.stat().st_dev == REPO.stat().st_dev
    where = "the same filesystem as the repo" if same else "not the repo's filesystem"
    return f"{folder} ({kind} mounted at {mount}, {where})"


def percentile(values: Sequence[Number], p: float) -> Number:
    """The nearest-rank percentile: the smallest value with at least p% of values at or below."""
    ordered = sorted(values)
    return ordered[max(1, math.ceil(p / 100 * len(ordered))) - 1]


def print_load() -> None:
    """The load average: other work on the machine shows up as noise in the tails."""
    with suppress(OSError, AttributeError):
        one, five, _ = os.getloadavg()
        print(f"load average: {one:.2f} (1 min), {five:.2f} (5 min) on {os.cpu_count()} CPUs")
