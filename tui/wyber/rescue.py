"""Records the disk refused, kept in a rescue file when the facilitator chose to leave them.

A rescue file lies beside its session (sessions/<id>.<stamp>.rescue), or, when that disk refuses
even this small file, in the system's temporary folder (wyber-rescue/). It is written whole or
not at all (temporary file, fsync, rename, fsync of the folder): a header line, then one stored
record per line, exactly as the journal stores them, so it validates like a session does.

The next time the session is opened to record into, its rescue files are offered: added back
(their events recorded again as new records, in order, the seq continuing) or set aside.
"""

import json
import secrets
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from pydantic import ValidationError

from tui.wyber.errors import UserError
from tui.wyber.events import RECORDS, Record, stored
from tui.wyber.files import MIB, Unreadable, read_file
from tui.wyber.store import Archive, WriteFailed, atomic_write, write_failure

RESCUE_SUFFIX = ".rescue"
FORMAT = 1
# A rescue holds what a meeting made while its disk refused: a few thousand records at most.
MAX_BYTES = 64 * MIB


class RescueDamaged(UserError):
    key = "durable.rescue.damaged"


@dataclass(frozen=True, slots=True)
class Rescue:
    path: Path
    session_id: str
    records: list[Record]


def rescue_folders(archive: Archive) -> list[Path]:
    """Where rescue files go, in order of preference (and where they are looked for)."""
    return [archive.sessions_dir, Path(tempfile.gettempdir()) / "wyber-rescue"]


def save_rescue(archive: Archive, session_id: str, records: Sequence[Record]) -> Path:
    """Keep `records` of the session in a new rescue file, durably; WriteFailed if no folder
    takes it."""
    header = {"wyber": "rescued-records", "format": FORMAT, "session_id": session_id}
    lines = [header, *(stored(record) for record in records)]
    payload = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines).encode()
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    name = f"{session_id}.{stamp}-{secrets.token_hex(2)}{RESCUE_SUFFIX}"
    refused: WriteFailed | None = None
    for folder in rescue_folders(archive):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            atomic_write(folder / name, payload)
        except OSError as exc:
            refused = refused or write_failure(exc, folder / name)
            continue
        return folder / name
    assert refused is not None
    raise refused


def find_rescues(archive: Archive, session_id: str) -> list[Path]:
    """The session's rescue files, oldest first."""
    found: list[Path] = []
    for folder in rescue_folders(archive):
        if folder.is_dir():
            found.extend(p for p in folder.glob(f"{session_id}.*{RESCUE_SUFFIX}") if p.is_file())
    return sorted(found, key=lambda path: path.name)


def read_rescue(path: Path, session_id: str) -> Rescue:
    """A rescue file read back and validated; RescueDamaged says what is wrong with it."""

    def damaged(reason: object) -> RescueDamaged:
        return RescueDamaged(path=str(path), reason=reason)

    try:
        raw = read_file(path, MAX_BYTES)  # bounded, and never blocks on a pipe named like one
    except Unreadable as exc:
        raise damaged(exc) from None  # says what it is in the language of the message around it
    except OSError as exc:
        raise damaged(exc.strerror or str(exc)) from None
    try:
        header, *docs = [json.loads(line) for line in raw.decode().splitlines()]
    except (ValueError, RecursionError) as exc:  # not UTF-8, not JSON, nested too deeply, no header
        raise damaged(str(exc)) from None
    if not isinstance(header, dict) or header.get("wyber") != "rescued-records":
        raise damaged("not a wyber rescue file")
    if header.get("format") != FORMAT or header.get("session_id") != session_id:
        raise damaged(f"not a rescue of session {session_id}")
    try:
        records = RECORDS.validate_python(docs)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise damaged(".".join(str(p) for p in first["loc"]) + ": " + first["msg"]) from None
    if not records:
        raise damaged("it holds no records")
    for expected, record in enumerate(records, start=records[0].seq):
        if record.seq != expected:
            raise damaged(f"record {expected} is missing")
    return Rescue(path, session_id, records)


def set_aside(archive: Archive, path: Path) -> Path:
    """Move a rescue file into set-aside/, out of the way of the next opening, kept."""
    archive.set_aside_dir.mkdir(parents=True, exist_ok=True)
    target = archive.set_aside_dir / path.name
    shutil.move(path, target)  # from the temporary folder too, which may be another disk
    return target
