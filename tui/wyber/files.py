"""Reading a file that anyone could have put there: bounded, and only if it is a regular file.

A session file, a plan, the archive's index or a file to import may be anything a person, a
sync tool or a mistake left in a folder: a named pipe (a plain open waits for a writer for ever),
/dev/zero or a link to it (read until memory runs out), a folder, a 600 MB file. Every reader of
wyber goes through `read_file`: it opens with O_NONBLOCK, so opening a pipe returns at once; it
asks the opened file what it is (fstat of the descriptor, not of the name, which could be swapped
in between) and refuses anything but a regular file; and it reads at most `limit` + 1 bytes, so a
file that grows while it is read still cannot make it read more than its limit.
"""

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

from tui.wyber.errors import UserError
from tui.wyber.i18n import Language, tr

MIB = 1024 * 1024
_CHUNK = 4 * MIB  # what is read per call once the size the file claimed has been read
# Windows has no O_NONBLOCK or O_CLOEXEC (nor named pipes in folders), and opens a descriptor in
# text mode unless told O_BINARY, which would turn every \r\n read into \n.
_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


class Unreadable(UserError):
    """A file that is there but cannot be read: not a regular file, too large, or refused by the
    system. Not damaged: nothing about its content is known, so it is never moved aside."""

    key = "archive.unreadable"

    def __init__(self, path: Path | str, why: str, **details: object) -> None:
        super().__init__(path=str(path), why=why, **details)

    @property
    def why(self) -> str:
        return str(self.params["why"])

    def reason(self, lang: Language) -> str:
        """What is wrong, without the file's name: "it is a named pipe, not a file"."""
        return tr(lang, f"archive.why.{self.why}", **self.params)

    def render(self, lang: Language) -> str:
        return tr(lang, self.key, path=self.params["path"], reason=self.reason(lang))


def _kind(mode: int) -> str:
    """What a file that is not a regular file is, as `archive.why.*` names it."""
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISFIFO(mode):
        return "pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "other"


def _refusal(path: Path, exc: OSError) -> Unreadable:
    """Why `open` failed, said as what the file is where that is the reason (a socket cannot be
    opened at all: ENXIO)."""
    if isinstance(exc, PermissionError):
        return Unreadable(path, "denied", detail=exc.strerror or str(exc))
    if exc.errno == errno.ELOOP:
        return Unreadable(path, "link_loop")
    try:
        mode = path.stat().st_mode
    except OSError:
        mode = stat.S_IFREG
    if not stat.S_ISREG(mode):
        return Unreadable(path, _kind(mode))
    return Unreadable(path, "io", detail=exc.strerror or str(exc))


def read_file(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at `path` (links followed), if it holds at most `limit`.

    Raises FileNotFoundError when nothing is there (a link to nothing included), so a caller can
    say "not found" in its own words; Unreadable for everything else that stops the read.
    """
    try:
        fd = os.open(path, _FLAGS)
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise _refusal(path, exc) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise Unreadable(path, _kind(info.st_mode))
        if info.st_size > limit:
            raise Unreadable(path, "too_big", limit=size_text(limit))
        # One read of the size the file claims, plus one byte: a file that did not grow since
        # fstat is then read in one call and found whole by the next (empty) one.
        chunks: list[bytes] = []
        total = 0
        want = info.st_size + 1
        while total <= limit:
            chunk = os.read(fd, min(want, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            want = _CHUNK
        if total > limit:
            raise Unreadable(path, "too_big", limit=size_text(limit))
        return b"".join(chunks)
    except OSError as exc:
        raise Unreadable(path, "io", detail=exc.strerror or str(exc)) from None
    finally:
        os.close(fd)


def read_stream(stream: BinaryIO, name: str, limit: int) -> bytes:
    """At most `limit` bytes from a stream (standard input), refused when it holds more."""
    try:
        data = stream.read(limit + 1)
    except OSError as exc:
        raise Unreadable(name, "io", detail=exc.strerror or str(exc)) from None
    if len(data) > limit:
        raise Unreadable(name, "too_big", limit=size_text(limit))
    return data


def size_text(size: int) -> str:
    """A limit as people read it: "512 MiB", "1 MiB"; the exact bytes below a mebibyte."""
    if size >= MIB and size % MIB == 0:
        return f"{size // MIB} MiB"
    return f"{size} B"
