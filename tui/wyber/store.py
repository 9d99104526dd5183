"""The archive: one TinyDB journal per session, durable before a record call returns.

    DATA/sessions/<id>.jsonl   a session's records (see journal.py)
    DATA/locks/<id>.lock       held by the one wyber recording into that session
    DATA/set-aside/            corrupt session files, moved out of the way, never overwritten
    DATA/index.json            a cache of session summaries, so listing reads only what changed
    DATA/trash/                sessions moved to the trash, recoverable (see trash.py)

One file per session keeps a live meeting's writes independent of the archive's size; the lock
keeps a second wyber from interleaving records into the same file (TinyDB does not lock).
"""

import errno
import json
import os
import secrets
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout
from pydantic import ValidationError
from tinydb import TinyDB

from tui.wyber.errors import UserError
from tui.wyber.events import RECORDS, Record, SessionOpened, is_session_id, stored
from tui.wyber.fold import NotASessionLog, fold
from tui.wyber.i18n import Language, tr
from tui.wyber.invalid import Reasons, problems
from tui.wyber.journal import (
    AppendOnlyViolation,
    JournalCorrupt,
    JournalStorage,
    create_journal,
    fsync_folder,
)
from tui.wyber.search import haystack
from tui.wyber.summary import SessionSummary, summarise

SESSION_SUFFIX = ".jsonl"
EVENTS_TABLE = "events"
# How long an import waits for another one of the same session: importing 48,000 records took
# 4.6 s on a loaded 2-core machine (validation, one write, an fsync, the read back).
IMPORT_WAIT_SECONDS = 30.0


class SessionLocked(UserError):
    key = "store.locked"


class SessionNotFound(UserError):
    key = "store.not_found"


class SessionExists(UserError):
    key = "store.exists"


class SessionCorrupt(UserError):
    key = "store.corrupt"

    def render(self, lang: Language) -> str:
        message = super().render(lang)
        moved = self.params.get("moved")
        return f"{message}\n{tr(lang, 'store.set_aside', moved=moved)}" if moved else message


class WriteFailed(UserError):
    key = "store.write_failed.io"

    def render(self, lang: Language) -> str:
        return tr(lang, f"store.write_failed.{self.params['reason']}", **self.params)


def write_failure(exc: OSError, path: Path) -> WriteFailed:
    """An OSError from writing, as a message that says what the facilitator can do about it."""
    reasons = {
        errno.ENOSPC: "disk_full",
        errno.EDQUOT: "disk_full",
        errno.EROFS: "read_only",
        errno.EACCES: "read_only",
        errno.EPERM: "read_only",
    }
    return WriteFailed(
        path=str(path), reason=reasons.get(exc.errno or 0, "io"), detail=exc.strerror or str(exc)
    )


def atomic_write(path: Path, data: bytes) -> None:
    """Replace `path` with `data` whole or not at all: temporary file, fsync, rename, fsync."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with temporary.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        temporary.replace(path)
    except OSError:
        temporary.unlink(missing_ok=True)
        raise
    fsync_folder(path.parent)


def _read_records(storage: JournalStorage, path: Path) -> list[Record]:
    """Validate the stored documents of a session into records, in order."""
    docs = list(storage.read().get(EVENTS_TABLE, {}).values())
    try:
        records = RECORDS.validate_python(docs)
    except ValidationError as exc:
        # The journal's first line is its header: record N is on line N + 1.
        first = problems(exc, records="", first_line=2)[0]
        raise SessionCorrupt(path=str(path), reason=Reasons((first,))) from None
    if not records or not isinstance(records[0].event, SessionOpened):
        raise SessionCorrupt(path=str(path), reason="the log does not start with its opening")
    for expected, record in enumerate(records, start=1):
        if record.seq != expected:
            raise SessionCorrupt(path=str(path), reason=f"record {expected} is missing")
    return records


class SessionWriter:
    """The one open, locked, writable handle on a session's journal.

    Records go to the journal through the storage's own append (one write, one fsync), not
    TinyDB's insert, which rebuilds the table each time; the TinyDB database over the same
    storage (`db`) sees every record appended, and the file stays one TinyDB reads.
    """

    def __init__(self, path: Path, lock: FileLock, storage: JournalStorage) -> None:
        self.path = path
        self._lock = lock
        self._storage = storage
        self.db = TinyDB(storage=lambda: storage)
        self.records = _read_records(storage, path)
        self.dropped_tail = storage.dropped_tail

    @property
    def last_seq(self) -> int:
        return self.records[-1].seq if self.records else 0

    def append(self, record: Record) -> None:
        """Write one record durably (fsync'd) before returning; raise WriteFailed if not."""
        self.append_many([record])

    def append_many(self, records: Sequence[Record]) -> None:
        """Write records that follow the last one, all durably with one fsync, or none of them:
        WriteFailed if the disk refused (nothing of them is then in the file)."""
        for expected, record in enumerate(records, start=self.last_seq + 1):
            if record.seq != expected:
                raise AppendOnlyViolation(f"record {record.seq} after {expected - 1}")
        documents = [(str(record.seq), stored(record)) for record in records]
        try:
            self._storage.append(EVENTS_TABLE, documents)
        except OSError as exc:
            raise write_failure(exc, self.path) from None
        self.records.extend(records)

    def close(self) -> None:
        self.db.close()
        self._lock.release()

    def __enter__(self) -> "SessionWriter":
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


@dataclass(slots=True)
class Listing:
    """The archive's sessions, newest first, and what could not be read."""

    sessions: list[SessionSummary] = field(default_factory=list)
    problems: list[UserError] = field(default_factory=list)
    search: dict[str, str] = field(default_factory=dict)  # id → its words (search.haystack)


class Archive:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.sessions_dir = root / "sessions"
        self.locks_dir = root / "locks"
        self.set_aside_dir = root / "set-aside"
        self.index_path = root / "index.json"

    def path_of(self, session_id: str) -> Path:
        return self.sessions_dir / f"{session_id}{SESSION_SUFFIX}"

    def exists(self, session_id: str) -> bool:
        # An id from the command line is checked before it becomes a path: `wyber trash ../x`
        # must not move a file from outside the archive, nor `wyber export ../x` read one.
        return is_session_id(session_id) and self.path_of(session_id).is_file()

    def ids(self) -> list[str]:
        if not self.sessions_dir.is_dir():
            return []
        return sorted(p.stem for p in self.sessions_dir.glob(f"*{SESSION_SUFFIX}"))

    def new_id(self, at: datetime) -> str:
        """A readable, sortable, unique id: 20261123-1405-a3f9 (date, UTC time, random)."""
        while True:
            candidate = f"{at.astimezone(UTC):%Y%m%d-%H%M}-{secrets.token_hex(2)}"
            if not self.exists(candidate):
                return candidate

    def _ensure_folders(self) -> None:
        try:
            for folder in (self.sessions_dir, self.locks_dir):
                folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise write_failure(exc, self.root) from None

    def _lock(self, session_id: str) -> FileLock:
        # thread_local=False: the app takes the lock in a worker thread and the background
        # writer releases it from another; a thread-local lock would stay held by the first.
        lock = FileLock(self.locks_dir / f"{session_id}.lock", blocking=False, thread_local=False)
        try:
            lock.acquire()
        except Timeout:
            raise SessionLocked(session=session_id) from None
        except OSError as exc:
            raise write_failure(exc, self.locks_dir) from None
        return lock

    def create(self, records: list[Record]) -> SessionWriter:
        """A new session whose log starts with `records` (its opening first), all of them on disk
        at once or none: a session never exists half made."""
        first = records[0].event if records else None
        if not isinstance(first, SessionOpened):
            raise NotASessionLog("a session log starts with a session_opened record")
        session_id = first.session_id
        self._ensure_folders()
        lock = self._lock(session_id)
        path = self.path_of(session_id)
        try:
            create_journal(path, EVENTS_TABLE, {str(r.seq): stored(r) for r in records})
        except FileExistsError:
            lock.release()
            raise SessionExists(session=session_id) from None
        except OSError as exc:
            lock.release()
            raise write_failure(exc, path) from None
        return self._writer(session_id, lock)

    def open(self, session_id: str) -> SessionWriter:
        """Open a session to record into; refused while another wyber has it open."""
        if not self.exists(session_id):
            raise SessionNotFound(session=session_id)
        self._ensure_folders()
        return self._writer(session_id, self._lock(session_id))

    def check_free(self, session_id: str) -> None:
        """Refuse now what `open` would refuse for a missing or locked session, without reading
        it: the command line checks before the app opens, and the app reads the session once."""
        if not self.exists(session_id):
            raise SessionNotFound(session=session_id)
        with self.locked(session_id):
            pass

    def _writer(self, session_id: str, lock: FileLock) -> SessionWriter:
        path = self.path_of(session_id)
        try:
            return SessionWriter(path, lock, JournalStorage(path, writable=True))
        except (JournalCorrupt, SessionCorrupt) as exc:
            # We hold the lock: nobody is writing, so the file can be moved out of the way.
            moved = self._set_aside(path)
            lock.release()
            raise SessionCorrupt(path=str(path), reason=_reason(exc), moved=str(moved)) from None
        except OSError as exc:
            lock.release()
            raise write_failure(exc, path) from None
        except BaseException:
            lock.release()
            raise

    def read(self, session_id: str) -> list[Record]:
        """A session's records, without locking: works while another wyber records into it."""
        path = self.path_of(session_id)
        if not path.is_file():
            raise SessionNotFound(session=session_id)
        try:
            return _read_records(JournalStorage(path), path)
        except JournalCorrupt as exc:
            raise SessionCorrupt(path=str(path), reason=_reason(exc)) from None
        except OSError as exc:
            raise SessionCorrupt(path=str(path), reason=exc.strerror or str(exc)) from None

    def _set_aside(self, path: Path) -> Path:
        """Move a corrupt file into set-aside/ under a name that never overwrites another."""
        self.set_aside_dir.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        target = self.set_aside_dir / f"{path.stem}.{stamp}-{secrets.token_hex(2)}{path.suffix}"
        path.replace(target)
        fsync_folder(path.parent)
        return target

    @contextmanager
    def locked(self, session_id: str) -> Iterator[None]:
        """Hold the session's lock: SessionLocked while another wyber has it open."""
        self._ensure_folders()
        lock = self._lock(session_id)
        try:
            yield
        finally:
            lock.release()

    @contextmanager
    def _quietly_locked(self, session_id: str) -> Iterator[bool]:
        """Hold the session's lock if it is free; yield whether it is held."""
        try:
            lock = self._lock(session_id)
        except (SessionLocked, WriteFailed):
            yield False
            return
        try:
            yield True
        finally:
            lock.release()

    def listing(self) -> Listing:
        """Every session's summary, newest first; only sessions changed since the last listing
        are read in full. A corrupt session is set aside (unless it is open) and reported."""
        cache = self._load_index()
        fresh: dict[str, dict[str, Any]] = {}
        result = Listing()
        for session_id in self.ids():
            path = self.path_of(session_id)
            try:
                stat = path.stat()
            except FileNotFoundError:
                continue  # deleted while we looked
            stamp = [stat.st_size, stat.st_mtime_ns]
            entry = cache.get(session_id)
            # An entry from before the index kept the search words is read again, once.
            if (
                isinstance(entry, dict)
                and entry.get("stamp") == stamp
                and isinstance(entry.get("search"), str)
            ):
                try:
                    summary = SessionSummary.model_validate(entry["summary"])
                except (ValidationError, KeyError):
                    summary = None
                if summary is not None:
                    fresh[session_id] = entry
                    result.sessions.append(summary)
                    result.search[session_id] = entry["search"]
                    continue
            try:
                records = self.read(session_id)
                state = fold(records)
                summary = summarise(state, len(records))
            except (SessionCorrupt, NotASessionLog) as exc:
                result.problems.append(self._report_corrupt(session_id, exc))
                continue
            words = haystack(state)
            fresh[session_id] = {
                "stamp": stamp,
                "summary": summary.model_dump(mode="json"),
                "search": words,
            }
            result.sessions.append(summary)
            result.search[session_id] = words
        if fresh != cache:
            self._save_index(fresh)
        result.sessions.sort(key=lambda s: s.opened_at, reverse=True)
        return result

    def _report_corrupt(self, session_id: str, exc: Exception) -> UserError:
        path = self.path_of(session_id)
        with self._quietly_locked(session_id) as held:
            moved = str(self._set_aside(path)) if held else ""
        return SessionCorrupt(path=str(path), reason=_reason(exc), moved=moved)

    def _load_index(self) -> dict[str, dict[str, Any]]:
        try:
            data = json.loads(self.index_path.read_bytes())
        except (OSError, ValueError):
            return {}  # no index yet, or a damaged one: it is only a cache
        return data if isinstance(data, dict) else {}

    def _save_index(self, entries: dict[str, dict[str, Any]]) -> None:
        payload = json.dumps(entries, ensure_ascii=False, separators=(",", ":")).encode()
        # A read-only archive still lists; it just cannot remember the work for next time.
        with suppress(OSError):
            atomic_write(self.index_path, payload)

    def import_records(self, records: list[Record]) -> str:
        """Add a session from its records (a portable export); refuses an id already here.

        Of two imports of one file at once, the loser finds the winner holding the new
        session's lock: it waits for the winner to finish, then says what is true (the session
        is here now), not that the session is open in another wyber."""
        state = fold(records)
        session_id = state.session_id
        if self.exists(session_id):
            raise SessionExists(session=session_id)
        try:
            self.create(records).close()
        except SessionLocked:
            self._wait_for_lock(session_id, IMPORT_WAIT_SECONDS)
            if self.exists(session_id):
                raise SessionExists(session=session_id) from None
            self.create(records).close()  # the other one gave up: this import goes ahead
        return session_id

    def _wait_for_lock(self, session_id: str, seconds: float) -> None:
        """Wait until nobody holds the session's lock; SessionLocked if still held after that."""
        lock = FileLock(self.locks_dir / f"{session_id}.lock", timeout=seconds, thread_local=False)
        try:
            lock.acquire()
        except Timeout:
            raise SessionLocked(session=session_id) from None
        lock.release()


def _reason(exc: Exception) -> object:
    """What is wrong, as the {reason} of a message: text, or words that render in its language."""
    if isinstance(exc, JournalCorrupt):
        return f"line {exc.line}: {exc.reason}"
    if isinstance(exc, UserError):
        return exc.params.get("reason", str(exc))
    return str(exc)
