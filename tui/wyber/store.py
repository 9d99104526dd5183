"""The archive: one TinyDB journal per session, durable before a record call returns.

    DATA/sessions/<id>.jsonl   a session's records (see journal.py)
    DATA/locks/<id>.lock       held by the one wyber recording into that session
    DATA/set-aside/            corrupt session files, moved out of the way, never overwritten
    DATA/index.json            a cache of session summaries, so listing reads only what changed
    DATA/trash/                sessions moved to the trash, recoverable (see trash.py)

One file per session keeps a live meeting's writes independent of the archive's size; the lock
keeps a second wyber from interleaving records into the same file (TinyDB does not lock).

One bad file never stops the rest: listing reports each file it cannot use by name, and goes on.
Only a damaged file (its content is not a session journal) is moved to set-aside; a file that is
intact but cannot be read (a folder, a pipe, no permission, too large, written by a newer wyber)
or that holds another session than its name says (a copy) is left where it is.
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
from typing import Any, get_args

from filelock import FileLock, Timeout
from pydantic import ValidationError
from tinydb import TinyDB

from tui.wyber.errors import UserError
from tui.wyber.events import RECORDS, Record, SessionOpened, is_session_id, stored
from tui.wyber.files import MIB, Unreadable, read_file
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
from tui.wyber.torn import SessionEndTorn, TornKind, torn_kind

SESSION_SUFFIX = ".jsonl"
EVENTS_TABLE = "events"
# How long an import waits for another one of the same session: importing 48,000 records took
# 4.6 s on a loaded 2-core machine (validation, one write, an fsync, the read back).
IMPORT_WAIT_SECONDS = 30.0

# The index holds a summary and the search words of each session: 0.7-1.2 KB each for made-up
# sessions of 8 to 3,000 ideas (more where people use many different words). 256 MiB holds well
# over 50,000 sessions; a larger index is taken as damaged, and rebuilt.
MAX_INDEX_BYTES = 256 * MIB


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


class SessionTooNew(UserError):
    """Written by a newer wyber: intact, but this one cannot read it. Never moved aside."""

    key = "archive.too_new"


class SessionMisnamed(UserError):
    """A session file whose opening names another session: a copy, a link, or a renamed file."""

    def render(self, lang: Language) -> str:
        kind = "copy" if self.params["original"] else "rename"
        return tr(lang, f"archive.misnamed.{kind}", **self.params)


class ListingFailed(UserError):
    """A session file that listing could not read for a reason nobody foresaw."""

    key = "archive.unexpected"


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
        found = problems(exc, records="", first_line=2)
        # A newer wyber's record is no damage: intact, only not readable by this wyber.
        newer = [e for e in exc.errors() if e["type"] == "door_newer_schema"]
        if newer:
            too_new = [invalid for invalid in found if invalid.key == "door.newer_schema"]
            raise SessionTooNew(path=str(path), reason=Reasons(tuple(too_new[:1]))) from None
        raise SessionCorrupt(path=str(path), reason=Reasons((found[0],))) from None
    if not records or not isinstance(records[0].event, SessionOpened):
        raise SessionCorrupt(path=str(path), reason="the log does not start with its opening")
    held = records[0].event.session_id
    if held != path.stem:
        original = path.with_name(f"{held}{path.suffix}")
        raise SessionMisnamed(
            path=str(path),
            session=held,
            expected=original.name,
            original=str(original) if original.is_file() else "",
        )
    for expected, record in enumerate(records, start=1):
        if record.seq != expected:
            raise SessionCorrupt(path=str(path), reason=f"record {expected} is missing")
    return records


class SessionWriter:
    """The one open, locked, writable handle on a session's journal.

    Records go to the journal through the storage's own append (one write, one fsync), not
    TinyDB's insert, which rebuilds the table each time; the TinyDB database over the same
    storage (`db`) sees every record appended, and the file stays one TinyDB reads.

    It keeps the records it read when it opened the session (`records`, for the fold that
    resumes it) only until the first append, and none of those it writes: the journal has them.
    Held all evening, a town hall's 34,000 records were some 200,000 objects that every full
    garbage collection walked, stopping the screen (bench/load.py).
    """

    def __init__(self, path: Path, lock: FileLock, storage: JournalStorage) -> None:
        self.path = path
        self._lock = lock
        self._storage = storage
        self.db = TinyDB(storage=lambda: storage)
        self._opened: list[Record] | None = _read_records(storage, path)
        self.last_seq = self._opened[-1].seq
        self.dropped_tail = storage.dropped_tail

    @property
    def records(self) -> list[Record]:
        """The session's records: those it was opened with, or (once it was written to) read
        back from the journal."""
        if self._opened is None:
            return _read_records(self._storage, self.path)
        return list(self._opened)

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
        if records:
            self.last_seq = records[-1].seq
            self._opened = None

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
        """Where a session's file is. An id that is no safe name (`../x`, a path, a control
        character: from a command line, say) names no session, so it never becomes a path
        outside the archive, whichever command reads it."""
        if not is_session_id(session_id):
            raise SessionNotFound(session=session_id)
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
        return self.read_tailed(session_id)[0]

    def read_tailed(self, session_id: str) -> tuple[list[Record], bytes]:
        """A session's records, and the torn last line left out of them (b"" if none).

        SessionNotFound when there is no such file; Unreadable when it cannot be read (it is
        no file, is too large, or is refused); SessionCorrupt when its content is damaged."""
        path = self.path_of(session_id)
        try:
            storage = JournalStorage(path)
        except FileNotFoundError:
            raise SessionNotFound(session=session_id) from None
        except JournalCorrupt as exc:
            raise SessionCorrupt(path=str(path), reason=_reason(exc)) from None
        return _read_records(storage, path), storage.dropped_tail

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
        are read in full. A file that cannot be listed is reported by name and the rest are
        listed: a damaged one is set aside (unless it is open), any other is left alone."""
        cache = self._load_index()
        fresh: dict[str, dict[str, Any]] = {}
        result = Listing()
        for session_id in self.ids():
            path = self.path_of(session_id)
            try:
                stat = path.stat()
            except FileNotFoundError:
                if path.is_symlink():
                    result.problems.append(Unreadable(path, "broken_link"))
                continue  # else: deleted while we looked
            except OSError:
                stat = None  # a link that loops, say: the read below says what it is
            stamp = [stat.st_size, stat.st_mtime_ns] if stat else None
            known = _cached(cache, session_id, stamp)
            if known is None:
                try:
                    known = self._entry(session_id, stamp)
                except (SessionCorrupt, NotASessionLog) as exc:
                    result.problems.append(self._report_corrupt(session_id, exc))
                    continue
                except UserError as exc:  # unreadable, too new, a copy: not damage, not moved
                    result.problems.append(exc)
                    continue
                except Exception as exc:
                    # One session no wyber could foresee (a bug, a record nobody validated
                    # for) must not empty the whole list; it is named and left alone.
                    result.problems.append(ListingFailed(path=str(path), error=repr(exc)[:200]))
                    continue
            entry, summary = known
            if stamp is not None:
                fresh[session_id] = entry
            result.sessions.append(summary)
            result.search[session_id] = entry["search"]
            if entry["torn"] and not self._open_elsewhere(session_id):
                result.problems.append(SessionEndTorn(session=session_id, kind=entry["torn"]))
        if fresh != cache:
            self._save_index(fresh)
        result.sessions.sort(key=lambda s: s.opened_at, reverse=True)
        return result

    def _entry(
        self, session_id: str, stamp: list[int] | None
    ) -> tuple[dict[str, Any], SessionSummary]:
        """A session's index entry and summary, from reading it in full."""
        records, tail = self.read_tailed(session_id)
        state = fold(records)
        summary = summarise(state, len(records))
        entry = {
            "stamp": stamp,
            "summary": summary.model_dump(mode="json"),
            "search": haystack(state),
            "torn": torn_kind(tail, state.finished),
        }
        return entry, summary

    def _open_elsewhere(self, session_id: str) -> bool:
        """Whether another wyber has the session open: its torn last line is then a record being
        written, not one that was lost."""
        with self._quietly_locked(session_id) as held:
            return not held

    def _report_corrupt(self, session_id: str, exc: Exception) -> UserError:
        path = self.path_of(session_id)
        with self._quietly_locked(session_id) as held:
            moved = str(self._set_aside(path)) if held else ""
        return SessionCorrupt(path=str(path), reason=_reason(exc), moved=moved)

    def _load_index(self) -> dict[str, dict[str, Any]]:
        try:
            data = json.loads(read_file(self.index_path, MAX_INDEX_BYTES))
        except (FileNotFoundError, Unreadable, ValueError, RecursionError):
            return {}  # no index yet, or a damaged or unreadable one: it is only a cache
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


def _cached(
    cache: dict[str, Any], session_id: str, stamp: list[int] | None
) -> tuple[dict[str, Any], SessionSummary] | None:
    """The index's entry for a session, if it is whole and of the file as it is now."""
    entry = cache.get(session_id)
    # An entry from before the index kept all it keeps now is read again, once.
    if (
        stamp is None
        or not isinstance(entry, dict)
        or entry.get("stamp") != stamp
        or not isinstance(entry.get("search"), str)
        or entry.get("torn") not in get_args(TornKind)
    ):
        return None
    try:
        summary = SessionSummary.model_validate(entry["summary"])
    except (ValidationError, KeyError, RecursionError):
        return None
    # An entry under another session's id would list one session twice.
    return (entry, summary) if summary.id == session_id else None


def _reason(exc: Exception) -> object:
    """What is wrong, as the {reason} of a message: text, or words that render in its language."""
    if isinstance(exc, JournalCorrupt):
        return f"line {exc.line}: {exc.reason}"
    if isinstance(exc, UserError):
        return exc.params.get("reason", str(exc))
    return str(exc)
