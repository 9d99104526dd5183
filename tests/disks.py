"""Disks for tests: one that fills up on demand, one whose fsync waits until it is let go.

Both replace the journal storage's fsync (and the full disk also os.write) for one test, through
pytest's monkeypatch; nothing else of the machine is touched.
"""

import errno
import os
import threading
from pathlib import Path
from typing import Any

import pytest

from tui.wyber.journal import JournalStorage

WAIT = 5.0  # seconds: a bound on waiting for the writer thread, never a pause for timing


def patch_journal_fsync(monkeypatch: pytest.MonkeyPatch, fsync: Any) -> None:
    # JournalStorage took its fsync as a default argument when it was defined.
    defaults = JournalStorage.__init__.__kwdefaults__
    assert defaults is not None and "fsync" in defaults
    monkeypatch.setitem(defaults, "fsync", fsync)


class Disk:
    """The disk under one session file, or (`folder=True`) under every file opened for writing
    in the folder `path`, also those that do not exist yet (a new session's), which fills up on
    demand: while full, writing to it (`failing="write"`: the first write returns short, as on a
    real disk, then writes fail) or syncing it (`failing="fsync"`) raises ENOSPC. Other files
    are left alone."""

    def __init__(
        self, monkeypatch: pytest.MonkeyPatch, path: Path, failing: str, *, folder: bool = False
    ) -> None:
        self.path = path
        self.folder = path.resolve() if folder else None
        self.failing = failing
        self.full = False
        self.errno = errno.ENOSPC  # EROFS: a disk that became read-only
        self.refuse_every = 0  # a flaky disk: every n-th attempt on the file is refused
        self.refused = 0
        self.partial_writes = 0
        self._attempts = 0
        self._short_left = 0
        self._changed = threading.Condition()
        self._in_folder: set[int] = set()  # descriptors opened for writing in the folder
        real_open, real_close, real_write, real_fsync = os.open, os.close, os.write, os.fsync

        def fake_open(name: Any, flags: int, mode: int = 0o777, **kw: Any) -> int:
            fd = real_open(name, flags, mode, **kw)
            writing = flags & (os.O_WRONLY | os.O_RDWR)
            if self.folder is not None and writing and inside(self.folder, name):
                self._in_folder.add(fd)
            return fd

        def fake_close(fd: int) -> None:
            self._in_folder.discard(fd)
            real_close(fd)

        def fake_write(fd: int, data: Any) -> int:
            if self.failing == "write" and self._hits(fd):
                if self._short_left and len(data) > 1:
                    self._short_left = 0
                    self.partial_writes += 1
                    return real_write(fd, memoryview(data)[: len(data) // 2])
                self._refuse()
            return real_write(fd, data)

        def fake_fsync(fd: int) -> None:
            if self.failing == "fsync" and self._hits(fd):
                self._refuse()
            real_fsync(fd)

        if self.folder is not None:
            monkeypatch.setattr(os, "open", fake_open)
            monkeypatch.setattr(os, "close", fake_close)
        monkeypatch.setattr(os, "write", fake_write)
        monkeypatch.setattr(os, "fsync", fake_fsync)
        patch_journal_fsync(monkeypatch, fake_fsync)

    def fill(self) -> None:
        self.full, self._short_left = True, 1

    def free(self) -> None:
        self.full = False

    def wait_refused(self, times: int) -> bool:
        """Wait (bounded) until the disk refused `times` writes in all."""
        with self._changed:
            return self._changed.wait_for(lambda: self.refused >= times, WAIT)

    def _mine(self, fd: int) -> bool:
        if self.folder is not None:
            return fd in self._in_folder
        try:
            mine = self.path.stat()
        except FileNotFoundError:
            return False
        theirs = os.fstat(fd)
        return (theirs.st_dev, theirs.st_ino) == (mine.st_dev, mine.st_ino)

    def _hits(self, fd: int) -> bool:
        full, every = self.full, self.refuse_every  # once: the test may free the disk meanwhile
        if not (full or every) or not self._mine(fd):
            return False
        if full:
            return True
        self._attempts += 1
        return self._attempts % every == 0

    def _refuse(self) -> None:
        with self._changed:
            self.refused += 1
            self._changed.notify_all()
        raise OSError(self.errno, os.strerror(self.errno))


def inside(root: Path, path: Any) -> bool:
    """Whether an os-level path argument names something under `root`."""
    if isinstance(path, int):
        return False
    return Path(os.fsdecode(path)).resolve().is_relative_to(root)


class GatedDisk:
    """A slow disk under every session journal: while held, a journal's fsync waits until the
    test lets it go (`release`), as a disk taking 300 ms would, but on the test's command."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.fsyncs = 0
        self._open = threading.Event()
        self._open.set()
        self._changed = threading.Condition()
        self._waiting = 0
        real_fsync = os.fsync

        def gated_fsync(fd: int) -> None:
            with self._changed:
                self._waiting += 1
                self._changed.notify_all()
            self._open.wait(WAIT * 4)
            with self._changed:
                self._waiting -= 1
                self.fsyncs += 1
            real_fsync(fd)

        patch_journal_fsync(monkeypatch, gated_fsync)

    def hold(self) -> None:
        self._open.clear()

    def release(self) -> None:
        self._open.set()

    def wait_blocked(self) -> bool:
        """Wait (bounded) until an fsync is waiting at the gate."""
        with self._changed:
            return self._changed.wait_for(lambda: self._waiting > 0, WAIT)


def full_disk(monkeypatch: pytest.MonkeyPatch, path: Path, refusal: int = errno.ENOSPC) -> Disk:
    """The disk under `path` refuses its writes from now on (full, or read-only with EROFS)."""
    disk = Disk(monkeypatch, path, "write")
    disk.errno = refusal
    disk.fill()
    return disk
