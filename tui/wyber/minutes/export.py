"""Exporting a session: the minutes as .docx, .md or .eml, or the portable .json, to a file.

The default file name is the one a secretary would give it, "2026-11-23 Kick-off verslag.docx",
made safe for every file system. An existing file is never overwritten unless asked: without
`force` the file is created exclusively, so even a file that appears meanwhile is kept.
"""

import os
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal, get_args

from tui.wyber.dates import spoken_date
from tui.wyber.errors import UserError
from tui.wyber.events import Record
from tui.wyber.figures import meeting_date
from tui.wyber.fold import fold
from tui.wyber.i18n import Language, tr
from tui.wyber.journal import fsync_folder
from tui.wyber.minutes.build import build_minutes
from tui.wyber.minutes.content import Document
from tui.wyber.minutes.mail import draft, plain_text, recipients
from tui.wyber.minutes.markdown import markdown
from tui.wyber.minutes.traject import build_series
from tui.wyber.minutes.word import docx_bytes
from tui.wyber.series import (
    Around,
    EarlierAgreement,
    around,
    before,
    earlier_agreements,
    series_sessions,
)
from tui.wyber.state import Participant, SessionState
from tui.wyber.store import Archive, atomic_write, write_failure

Format = Literal["docx", "md", "eml", "json"]
FORMATS: tuple[Format, ...] = get_args(Format)

# Forbidden in a file name somewhere (Windows, macOS, Linux), and control characters.
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f-\x9f]')
# Names Windows reserves for devices, whatever the extension.
_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$", re.IGNORECASE)
# Most file systems allow 255 bytes; leave room for the date, the word and a suffix.
TITLE_BYTES = 150


class FileExists(UserError):
    key = "cli.file_exists"


class ExportFailed(UserError):
    """The export could not be written: the reason in words, with what to do about it."""

    key = "minutes.export.failed.io"

    def render(self, lang: Language) -> str:
        return tr(lang, f"minutes.export.failed.{self.params['reason']}", **self.params)


def export_failure(exc: OSError, path: Path) -> ExportFailed:
    return ExportFailed(**write_failure(exc, path).params)


def safe_title(title: str) -> str:
    """`title` as part of a file name: no character any file system forbids, not too long."""
    name = unicodedata.normalize("NFC", _UNSAFE.sub(" ", title))
    name = " ".join(name.split()).strip(" .")
    while len(name.encode("utf-8")) > TITLE_BYTES:
        name = name[:-1]
    name = name.rstrip(" .")
    return name if name and not _RESERVED.match(name) else "wyber"


def format_of(output: str | None) -> Format:
    """The format a file name asks for by its suffix ('verslag.md'); else the Word minutes."""
    suffix = Path(output).suffix.lower().lstrip(".") if output else ""
    for fmt in FORMATS:
        if suffix == fmt:
            return fmt
    return "docx"


def default_name(state: SessionState, lang: Language, fmt: Format) -> str:
    """'2026-11-23 Kick-off verslag.docx'; the portable file is named after the session id."""
    if fmt == "json":
        return f"{state.session_id}.json"
    word = tr(lang, "minutes.file_word")
    return f"{meeting_date(state):%Y-%m-%d} {safe_title(state.title)} {word}.{fmt}"


def render(
    fmt: Format,
    state: SessionState,
    records: Sequence[Record],
    lang: Language,
    earlier: Sequence[EarlierAgreement] = (),
    neighbours: Around | None = None,
    *,
    now: datetime | None = None,
) -> bytes:
    """The bytes of the export in `fmt`."""
    if fmt == "json":
        from tui.wyber.portable import export_json

        return export_json(state.session_id, list(records))
    document = build_minutes(state, lang, earlier, neighbours)
    if fmt == "docx":
        return docx_bytes(document)
    if fmt == "md":
        return markdown(document).encode("utf-8")
    return _mail(document, state, lang, now or datetime.now(UTC))


def without_address(state: SessionState) -> list[Participant]:
    """The participants the e-mail draft would leave out: they have no usable address."""
    return [p for p in state.participants.values() if not recipients([p])]


def with_addresses(state: SessionState, addresses: Mapping[str, str]) -> None:
    """Give participants the addresses the facilitator added at the export (participant id →
    e-mail), for this export only: the session's record is not changed."""
    for pid, address in addresses.items():
        person = state.participants.get(pid)
        if person is not None and address.strip():
            state.participants[pid] = replace(person, email=address.strip())


def _mail(document: Document, state: SessionState, lang: Language, now: datetime) -> bytes:
    to = recipients(state.participants.values())
    day = spoken_date(meeting_date(state), lang)
    lines = [
        tr(lang, "minutes.mail.greeting"),
        "",
        tr(lang, "minutes.mail.body", title=state.title, date=day),
    ]
    if not to:
        lines += ["", tr(lang, "minutes.mail.nobody")]
    lines += ["", plain_text(document.actions), tr(lang, "minutes.mail.closing")]
    if state.facilitator:
        lines.append(state.facilitator)
    return draft(
        to=to,
        subject=tr(lang, "minutes.mail.subject", title=state.title, date=day),
        body="\n".join(lines) + "\n",
        attachment=docx_bytes(document),
        attachment_name=default_name(state, lang, "docx"),
        when=now,
    )


# What an export does, in order: the stages the app's progress bar shows.
STAGES = ("read", "series", "render", "write")


def export_session(
    archive: Archive,
    session_id: str,
    fmt: Format,
    lang: Language | None = None,
    *,
    progress: Callable[[str], None] = lambda stage: None,
    addresses: Mapping[str, str] | None = None,
) -> tuple[SessionState, bytes]:
    """Read a session (and the earlier sessions of its series) and render its export; `lang`
    None means the session's own language. `progress` hears each stage as it begins;
    `addresses` are e-mail addresses added for this export (see with_addresses)."""
    progress("read")
    records = archive.read(session_id)
    state = fold(records)
    progress("series")
    sessions = series_sessions(archive, state.series.name) if state.series else []
    earlier = earlier_agreements(before(sessions, state), state)
    neighbours = around(sessions, state)
    progress("render")
    with_addresses(state, addresses or {})
    return state, render(fmt, state, records, lang or state.language, earlier, neighbours)


class NoSuchSeries(UserError):
    key = "traject.list.none"


class NotForASeries(UserError):
    key = "traject.list.format"


SERIES_FORMATS: tuple[Format, ...] = ("docx", "md")


def series_file_name(
    name: str, sessions: Sequence[SessionState], lang: Language, fmt: Format
) -> str:
    """'2026-12-07 Batterijketen 2026 besluiten- en actielijst.docx': dated by the last session."""
    word = tr(lang, "traject.list.file_word")
    return f"{meeting_date(sessions[-1]):%Y-%m-%d} {safe_title(name)} {word}.{fmt}"


def export_series(
    archive: Archive, name: str, fmt: Format, lang: Language | None = None
) -> tuple[list[SessionState], Language, bytes]:
    """The besluitenlijst and actielijst of the series `name` as .docx or .md, in `lang` (None:
    the language of its latest session). A series no session belongs to is refused."""
    if fmt not in SERIES_FORMATS:
        raise NotForASeries(format=fmt)
    sessions = series_sessions(archive, name)
    if not sessions:
        raise NoSuchSeries(name=name, path=str(archive.root))
    language = lang or sessions[-1].language
    document = build_series(name, sessions, language)
    data = docx_bytes(document) if fmt == "docx" else markdown(document).encode("utf-8")
    return sessions, language, data


def free_path(folder: Path, name: str) -> Path:
    """`folder/name`, or 'name (2).docx', 'name (3).docx' … when it is taken: the app never
    overwrites a file and never asks, since an earlier export of the same minutes is kept."""
    path = folder / name
    stem, suffix = path.stem, path.suffix
    number = 2
    while path.exists():
        path = folder / f"{stem} ({number}){suffix}"
        number += 1
    return path


def write_free(folder: Path, name: str, data: bytes) -> Path:
    """`data` under `name` in `folder`, or 'name (2)' when taken (see free_path); its path."""
    while True:
        path = free_path(folder, name)
        try:
            write_export(path, data, force=False)
            return path
        except FileExists:
            continue  # taken between the look and the write: the next number


def write_export(path: Path, data: bytes, *, force: bool) -> None:
    """Write `data` to `path`. Without `force` an existing file is refused (FileExists) and the
    new file is created exclusively; with it the old file is replaced whole, or not at all."""
    try:
        if force:
            atomic_write(path, data)
            return
        try:
            handle = path.open("xb")
        except FileExistsError:
            raise FileExists(path=str(path)) from None
        try:
            with handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        except OSError:
            path.unlink(missing_ok=True)  # ours, half written: never leave a broken file
            raise
        fsync_folder(path.parent)
    except OSError as exc:
        raise export_failure(exc, path) from None
