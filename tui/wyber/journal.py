"""A TinyDB storage that appends, so recording an event costs one small fsync'd write.

TinyDB's JSONStorage rewrites the whole file on every insert: the cost grows with the session,
and a crash mid-write leaves a corrupt file. This storage keeps the data in memory and writes each
new document as one JSON line appended to the file, then fsyncs, before `write` returns.

The file is a journal: a header line, then one line per document, `{"table", "id", "doc"}`.
Documents are never changed or removed once written (a session is an append-only log), so the
journal is its own checkpoint and never needs compacting. A process killed while appending leaves
at most one incomplete last line; it was never acknowledged, so reading drops it (and a writer
truncates it away). A damaged line anywhere else means the file is corrupt.
"""

import json
import os
import random
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from tui.wyber.files import MIB, read_file

HEADER = {"wyber": "session-journal", "format": 1}
_HEADER_LINE = (json.dumps(HEADER, separators=(",", ":")) + "\n").encode()

Tables = dict[str, dict[str, Any]]

# The largest session file read: as large as the largest import (portable.MAX_IMPORT_BYTES), so
# any session that can be imported can be read. A record takes 220-280 bytes (made-up sessions
# of 8 to 3,000 ideas), so a 300-person evening of ~15,000 records is ~4 MB, a hundredth of it.
MAX_JOURNAL_BYTES = 512 * MIB


class JournalCorrupt(Exception):
    """The journal cannot be read back: not a journal, or damaged before its last line."""

    def __init__(self, path: Path, line: int, reason: str) -> None:
        super().__init__(f"{path}, line {line}: {reason}")
        self.path = path
        self.line = line
        self.reason = reason


class AppendOnlyViolation(Exception):
    """Something tried to change or remove a document already written: a programming error."""


def _id_order(doc_id: str) -> tuple[int, str]:
    """TinyDB's ids are numbers written as text: order "9" before "10"."""
    return len(doc_id), doc_id


def _encode(table: str, doc_id: str, doc: Any) -> bytes:
    line = {"table": table, "id": doc_id, "doc": doc}
    return (json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n").encode()


def fsync_folder(folder: Path) -> None:
    """Make a file's creation, rename or removal in `folder` survive a power cut."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def read_journal(path: Path) -> tuple[Tables, int, bytes]:
    """The tables in the journal, the byte length of its intact part, and the torn last line
    that was dropped (b"" when there is none).

    Only the last line can be torn. It is torn even when it ends with a newline: a power cut in
    the middle of a write of several lines can keep a later page of it and lose an earlier one,
    leaving zeros and the end of a line, whose records were never acknowledged. Windows line
    endings (a journal saved again by an editor) read as well: JSON takes the carriage return as
    white space.
    """
    raw = read_file(path, MAX_JOURNAL_BYTES)
    header_end = raw.find(b"\n")
    if header_end == -1 or raw[:header_end].removesuffix(b"\r") != _HEADER_LINE[:-1]:
        raise JournalCorrupt(path, 1, "not a wyber session journal")
    tables: Tables = {}
    offset = header_end + 1
    number = 1
    while offset < len(raw):
        number += 1
        end = raw.find(b"\n", offset)
        last = end == -1 or end == len(raw) - 1
        chunk = raw[offset:] if end == -1 else raw[offset:end]
        try:
            line = json.loads(chunk)
            table, doc_id, doc = line["table"], line["id"], line["doc"]
            if not isinstance(table, str) or not isinstance(doc_id, str):
                raise ValueError("table and id must be strings")
        except (ValueError, KeyError, TypeError, RecursionError) as exc:
            if last:
                return tables, offset, raw[offset:]
            reason = "nested too deeply" if isinstance(exc, RecursionError) else exc
            raise JournalCorrupt(path, number, f"damaged record: {reason}") from None
        if end == -1:
            # Complete JSON but no newline: the write was cut short; it was never acknowledged.
            return tables, offset, raw[offset:]
        tables.setdefault(table, {})[doc_id] = doc
        offset = end + 1
    return tables, offset, b""


def create_journal(path: Path, table: str, documents: dict[str, Any]) -> None:
    """A new journal holding its first documents, durably created; raises FileExistsError rather
    than replace a file.

    Everything is written to a temporary file that is then linked into place, so the journal
    appears whole — header and first documents — or not at all: a crash can never leave a
    session file without its opening.
    """
    payload = _HEADER_LINE + b"".join(
        _encode(table, doc_id, documents[doc_id]) for doc_id in sorted(documents, key=_id_order)
    )
    temporary = path.with_name(f".{path.name}.{os.getpid()}.new")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        _write_all(fd, payload)
        os.fsync(fd)
    except OSError:
        temporary.unlink(missing_ok=True)  # a half-written file helps nobody on a full disk
        raise
    finally:
        os.close(fd)
    try:
        os.link(temporary, path)  # fails if the path exists: no session is ever replaced
    finally:
        temporary.unlink()
    fsync_folder(path.parent)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _slowed(fsync: Callable[[int], None], spec: str) -> Callable[[int], None]:
    """An fsync that first sleeps a random LOW-HIGH milliseconds: a slow disk, for trials."""
    low, _, high = spec.partition("-")
    bounds = (float(low) / 1000, float(high or low) / 1000)

    def slow_fsync(fd: int) -> None:
        time.sleep(random.uniform(*bounds))
        fsync(fd)

    return slow_fsync


# WYBER_SLOW_FSYNC_MS=30-300 makes every journal fsync sleep first: the crash trials' slow disk.
# Read once, here: unset, the storage calls os.fsync itself and the hook costs nothing.
_SLOW_FSYNC = os.environ.get("WYBER_SLOW_FSYNC_MS", "")
DEFAULT_FSYNC = _slowed(os.fsync, _SLOW_FSYNC) if _SLOW_FSYNC else os.fsync


class JournalStorage(Storage):
    """TinyDB storage over a journal file.

    Writable only while holding the session's lock; read-only, it never touches the file, so it
    can read a session another wyber is recording into (a torn last line is then just skipped).

    It keeps no copy of the documents it appends: in a live session the journal only grows, and
    a document per record held for the whole evening was one more object every full garbage
    collection walked (bench/load.py: 60,000 commands, 34,000 records). What TinyDB reads
    (`read`) is the file as it was opened, or as written since, read back from the file once
    asked for after an append, and kept until the next one.
    """

    def __init__(
        self,
        path: Path,
        *,
        writable: bool = False,
        fsync: Callable[[int], None] = DEFAULT_FSYNC,
    ) -> None:
        self.path = path
        self._fsync = fsync
        data, intact, torn = read_journal(path)
        self._data: Tables | None = data  # None: appended to since it was read
        self._last_ids = {table: max(docs, key=_id_order) for table, docs in data.items() if docs}
        self.dropped_tail = torn
        self._size = intact
        self._fd = -1
        if writable:
            self._fd = os.open(path, os.O_WRONLY)
            if torn:
                os.ftruncate(self._fd, intact)
                self._fsync(self._fd)
            os.lseek(self._fd, intact, os.SEEK_SET)

    def read(self) -> Tables:
        if self._data is None:
            # Only what is durable is in the file, and only this storage writes to it.
            self._data = read_journal(self.path)[0]
        # A shallow copy: TinyDB puts its changed table into what read() returned before calling
        # write(), and if that write fails, the data here must still be what is on disk.
        return dict(self._data)

    def write(self, data: Tables) -> None:
        on_disk = self.read()
        lines: list[bytes] = []
        added: dict[str, str] = {}
        for table, docs in data.items():
            known = on_disk.get(table, {})
            if known.keys() - docs.keys():
                raise AppendOnlyViolation(f"documents removed from table {table!r}")
            new_ids = sorted(docs.keys() - known, key=_id_order)
            lines.extend(_encode(table, doc_id, docs[doc_id]) for doc_id in new_ids)
            if new_ids:
                added[table] = new_ids[-1]
        if not lines:
            return
        self._append_durably(b"".join(lines))
        self._last_ids.update(added)
        self._data = data

    def append(self, table: str, documents: Sequence[tuple[str, Any]]) -> None:
        """Add new documents to `table` with one write and one fsync, before returning; each
        one's id comes after the table's last (TinyDB numbers its documents upwards).

        TinyDB's own insert reads the whole table, rebuilds it and hands it to `write`, which
        compares it with what is known: a cost that grows with the session (p50 1.3 ms at 5,000
        events against 0.19 ms at 100, bench/record.py). This costs the same at any size, and
        TinyDB's view (`read`) then holds the new documents like an insert would.
        """
        last = self._last_ids.get(table)
        for doc_id, _ in documents:
            if last is not None and _id_order(doc_id) <= _id_order(last):
                raise AppendOnlyViolation(
                    f"document {doc_id} of table {table!r} is not after the last one, {last}"
                )
            last = doc_id
        if not documents:
            return
        self._append_durably(b"".join(_encode(table, doc_id, doc) for doc_id, doc in documents))
        self._last_ids[table] = documents[-1][0]
        self._data = None

    def _append_durably(self, payload: bytes) -> None:
        if self._fd < 0:
            raise PermissionError(f"{self.path} is open read-only")
        try:
            _write_all(self._fd, payload)
            self._fsync(self._fd)
        except OSError:
            # Leave the file as it was before this write: never a half-written record behind.
            try:
                os.ftruncate(self._fd, self._size)
                os.lseek(self._fd, self._size, os.SEEK_SET)
            except OSError:
                pass  # the next open drops a torn tail all the same
            raise
        self._size += len(payload)

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1
