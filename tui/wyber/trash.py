"""The trash: where a deleted session goes, whole and recoverable. wyber never deletes one for good.

    DATA/trash/<id>.jsonl    the session file, moved here untouched (same name)
    DATA/trash/<id>.json     when it was trashed, and its summary for the trash's list

Moving is a rename within the data folder: the file is in one place or the other, never half. A
session another wyber has open is refused (its lock is held). Restoring refuses to overwrite a
session of the same id that is in the archive again. Should a session of the same id already be in
the trash, the newcomer is named `<id>~<when>`: nothing in the trash is ever overwritten either.
"""

import json
import os
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from tui.wyber.errors import UserError
from tui.wyber.events import Moment, is_session_id
from tui.wyber.files import MIB, Unreadable, read_file
from tui.wyber.fold import NotASessionLog, fold
from tui.wyber.journal import fsync_folder
from tui.wyber.store import (
    SESSION_SUFFIX,
    Archive,
    SessionLocked,
    SessionNotFound,
    atomic_write,
    write_failure,
)
from tui.wyber.summary import SessionSummary, summarise

META_SUFFIX = ".json"
MAX_META_BYTES = MIB  # a note holds an id, a time and a summary: a few kilobytes
_CLASH = "~"  # never part of a session id (events.Id), so `<id>~<when>` is unambiguous
_MOMENT = TypeAdapter(Moment)
_NAME = re.compile(r"(?P<id>[^~]+)(~[0-9A-Za-z-]+)?")  # whole names only: fullmatch


class SessionInUse(UserError):
    key = "history.trash.in_use"


class RestoreClash(UserError):
    key = "history.trash.clash"


class NotInTrash(UserError):
    key = "history.trash.not_found"


class UnsafeTrashEntry(UserError):
    key = "door.trash_unsafe"


@dataclass(frozen=True, slots=True)
class Trashed:
    """A session in the trash."""

    name: str  # its file's name in the trash, without suffix: the id, or `<id>~<when>`
    session_id: str
    trashed_at: datetime
    summary: SessionSummary | None  # None when it could not be read


def trash_dir(archive: Archive) -> Path:
    return archive.root / "trash"


def _summary_of(archive: Archive, session_id: str) -> SessionSummary | None:
    try:
        records = archive.read(session_id)
        return summarise(fold(records), len(records))
    except (UserError, NotASessionLog):
        return None  # a damaged, unreadable or misnamed session can go to the trash too


def _free_name(folder: Path, session_id: str, at: datetime) -> str:
    name = session_id
    while (folder / f"{name}{SESSION_SUFFIX}").exists() or (
        folder / f"{name}{META_SUFFIX}"
    ).exists():
        name = f"{session_id}{_CLASH}{at:%Y%m%dT%H%M%S}-{secrets.token_hex(2)}"
    return name


def move_to_trash(
    archive: Archive, session_id: str, at: datetime, summary: SessionSummary | None = None
) -> Trashed:
    """Move the session into the trash; refused while another wyber has it open."""
    if not archive.exists(session_id):
        raise SessionNotFound(session=session_id)
    folder = trash_dir(archive)
    try:
        with archive.locked(session_id):
            if summary is None:
                summary = _summary_of(archive, session_id)
            try:
                folder.mkdir(parents=True, exist_ok=True)
                name = _free_name(folder, session_id, at)
                meta = {
                    "session_id": session_id,
                    "trashed_at": at.astimezone(UTC).isoformat(),
                    "summary": summary.model_dump(mode="json") if summary else None,
                }
                # The note first: a crash before the move leaves a note without a file, which
                # the trash does not list; never a session file in the trash without its id.
                atomic_write(folder / f"{name}{META_SUFFIX}", json.dumps(meta).encode())
                archive.path_of(session_id).replace(folder / f"{name}{SESSION_SUFFIX}")
                fsync_folder(folder)
                fsync_folder(archive.sessions_dir)
            except OSError as exc:
                raise write_failure(exc, folder) from None
    except SessionLocked:
        raise SessionInUse(session=session_id) from None
    return Trashed(name, session_id, at, summary)


def _read_meta(path: Path) -> dict[str, object]:
    try:
        data = json.loads(read_file(path, MAX_META_BYTES))
    except (OSError, Unreadable, ValueError, RecursionError):
        return {}  # no note, or one that cannot be read: the trash lists the file without it
    return data if isinstance(data, dict) else {}


def _session_id_of(name: str) -> str | None:
    """The id of the session a trash entry holds, from the entry's own name; None if that name
    is not one the trash gives (`<id>` or `<id>~<when>` with a safe id). The note beside it is
    not trusted with this: it is where a restored file goes."""
    match = _NAME.fullmatch(name)
    if match is None or not is_session_id(match["id"]):
        return None
    return match["id"]


def _entry(folder: Path, name: str) -> Trashed:
    meta = _read_meta(folder / f"{name}{META_SUFFIX}")
    session_id = _session_id_of(name) or name
    try:
        # Year 9999 at -14:00 would overflow when shown in local time: only a plausible moment.
        trashed_at: datetime | None = _MOMENT.validate_python(meta.get("trashed_at"))
    except ValidationError:
        trashed_at = None
    if trashed_at is None:
        # No note (or a damaged one): the file's last change, which its move into here was.
        stat = (folder / f"{name}{SESSION_SUFFIX}").stat()
        trashed_at = datetime.fromtimestamp(stat.st_ctime, UTC)
    summary = None
    if isinstance(meta.get("summary"), dict):
        try:
            summary = SessionSummary.model_validate(meta["summary"])
        except ValidationError:
            summary = None
    return Trashed(name, session_id, trashed_at, summary)


def trashed(archive: Archive) -> list[Trashed]:
    """The sessions in the trash, the last one trashed first."""
    folder = trash_dir(archive)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob(f"*{SESSION_SUFFIX}"):
        try:
            found.append(_entry(folder, path.name[: -len(SESSION_SUFFIX)]))
        except FileNotFoundError:
            continue  # restored while we looked
    found.sort(key=lambda entry: (entry.trashed_at, entry.name), reverse=True)
    return found


def find(archive: Archive, reference: str) -> Trashed:
    """The trash entry named `reference`, else the last trashed session with that id."""
    entries = trashed(archive)
    for entry in entries:
        if entry.name == reference:
            return entry
    for entry in entries:
        if entry.session_id == reference:
            return entry
    raise NotInTrash(session=reference)


def restore(archive: Archive, name: str) -> str:
    """Move a session from the trash back into the archive; its id. Refused, and left in the
    trash, when a session of that id is in the archive again."""
    folder = trash_dir(archive)
    session_id = _session_id_of(name)
    if session_id is None:
        raise UnsafeTrashEntry(name=name)
    source = folder / f"{name}{SESSION_SUFFIX}"
    if not source.is_file():
        raise NotInTrash(session=name)
    target = archive.path_of(session_id)
    try:
        archive.sessions_dir.mkdir(parents=True, exist_ok=True)
        try:
            # A hard link never replaces a file that is there: a session made meanwhile stays.
            os.link(source, target)
        except FileExistsError:
            raise RestoreClash(session=session_id) from None
        except OSError:
            # A filesystem without hard links: check, then rename.
            if target.exists():
                raise RestoreClash(session=session_id) from None
            source.replace(target)
        else:
            source.unlink()
        (folder / f"{name}{META_SUFFIX}").unlink(missing_ok=True)
        fsync_folder(archive.sessions_dir)
        fsync_folder(folder)
    except OSError as exc:
        raise write_failure(exc, target) from None
    return session_id
