"""The scratch folder the benchmarks write in: on a real disk, never in memory.

A tmpfs /tmp would measure memory instead of the disk a facilitator's laptop writes to, so the
folder moves into the repository when the system's temporary folder lives in memory.
"""

import tempfile
from pathlib import Path

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
