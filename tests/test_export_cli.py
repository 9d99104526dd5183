"""`wyber export ID [--format docx|md|eml|json] [-o FILE] [--lang nl|en] [--force]`, as a
facilitator types it: the file it writes, its name, and what it refuses.

Every test runs the real command line (`main([...])`) against an archive in a temporary folder,
from a temporary working folder, and looks at the files and the output it leaves.
"""

import email
import email.policy
import io
import json
import re
import unicodedata
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import docx
import pytest

from tui.cli import main
from tui.wyber.events import (
    AgreementKind,
    AgreementRecorded,
    Record,
    RoundStarted,
    SeriesLink,
    SessionFinished,
    SessionOpened,
)
from tui.wyber.paths import shipped_plans_dir
from tui.wyber.plan import Movement, Plan
from tui.wyber.plans import load_plan
from tui.wyber.sample import sample_records
from tui.wyber.store import Archive
from tui.wyber.text import clean_line

from .factory import plan_data, records

SESSION = "20261123-0900-beef"
START = datetime(2026, 11, 23, 9, tzinfo=UTC)
TITLE = "De wyberoefening van 30 minuten"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# Forbidden in a file name on Windows, macOS or Linux; control characters (C0, DEL and C1) are
# no part of a name a person can read, type or print to a terminal either.
FORBIDDEN = set('<>:"/\\|?*')
RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$", re.IGNORECASE)

Export = Callable[..., tuple[int, bytes, str]]


def made_up(plan_name: str, session_id: str = SESSION, title: str | None = None) -> list[Record]:
    """A finished made-up meeting of a shipped plan; with another title if given."""
    made = sample_records(load_plan(shipped_plans_dir() / plan_name), session_id, START, ideas=25)
    if title is None:
        return made
    first = made[0]
    opened = SessionOpened.model_validate({**first.event.model_dump(), "title": title})
    return [first.model_copy(update={"event": opened}), *made[1:]]


@pytest.fixture
def archive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An archive with one finished Dutch session; the command runs in an empty folder, and
    speaks English unless --lang says otherwise (the minutes keep their own language)."""
    data = tmp_path / "archive"
    Archive(data).import_records(made_up("wyber-30.nl.toml"))
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setenv("WYBER_LANG", "en")
    return data


@pytest.fixture
def export(archive: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> Export:
    def run(*args: str) -> tuple[int, bytes, str]:
        code = main(["--data", str(archive), "export", *args])
        out, err = capsysbinary.readouterr()
        return code, out, err.decode()

    return run


def here() -> list[str]:
    return sorted(path.name for path in Path.cwd().iterdir())


def word_title(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    title: str = document.paragraphs[0].text
    return title


def check_safe(name: str, suffix: str) -> None:
    """A file name every file system takes: no forbidden character, at most 255 bytes, no
    trailing dot or space before the suffix, not a device name on Windows."""
    assert not set(name) & FORBIDDEN, name
    controls = [c for c in name if unicodedata.category(c) == "Cc"]
    assert not controls, f"control characters {controls} in {name!r}"
    assert len(name.encode("utf-8")) <= 255, name
    stem = name.removesuffix(suffix)
    assert stem == stem.rstrip(" ."), name
    assert not RESERVED.match(name) and not RESERVED.match(stem), name
    assert name == name.strip()


# ── the default file name, per format and language ──────────────────────────────────────────


@pytest.mark.parametrize("fmt", ["docx", "md", "eml"])
@pytest.mark.parametrize(
    ("lang", "word"), [(None, "verslag"), ("nl", "verslag"), ("en", "minutes")]
)
def test_the_default_name_is_date_title_and_the_word_for_minutes(
    export: Export, fmt: str, lang: str | None, word: str
) -> None:
    code, out, err = export(SESSION, "--format", fmt, *(["--lang", lang] if lang else []))
    name = f"2026-11-23 {TITLE} {word}.{fmt}"
    assert code == 0, err
    assert out == b""  # the file is the output; stdout stays free
    assert here() == [name]
    assert name in err
    data = Path(name).read_bytes()
    dutch = lang != "en"
    if fmt == "docx":
        document = docx.Document(io.BytesIO(data))
        assert document.paragraphs[0].text == TITLE
        assert document.core_properties.language == ("nl-NL" if dutch else "en-GB")
    elif fmt == "md":
        text = data.decode("utf-8")
        assert text.startswith(f"# {TITLE}\n")
        assert ("Deelnemers" in text) is dutch and ("Participants" in text) is not dutch
    else:
        message = email.message_from_bytes(data, policy=email.policy.default)
        assert message["Subject"].startswith("Verslag: " if dutch else "Minutes: ")
        (attachment,) = message.iter_attachments()
        assert attachment.get_content_type() == DOCX_TYPE
        assert attachment.get_filename() == f"2026-11-23 {TITLE} {word}.docx"
        assert word_title(attachment.get_content()) == TITLE


def test_word_is_the_default_format(export: Export) -> None:
    code, _, err = export(SESSION)
    assert code == 0, err
    assert here() == [f"2026-11-23 {TITLE} verslag.docx"]
    assert word_title(Path(here()[0]).read_bytes()) == TITLE


def test_the_language_of_the_messages_is_not_that_of_the_minutes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An English session exported by someone whose wyber speaks Dutch: Dutch messages,
    English minutes, named in English."""
    data = tmp_path / "archive"
    Archive(data).import_records(made_up("wyber-30.en.toml"))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("WYBER_LANG", "nl")
    code = main(["--data", str(data), "export", SESSION])
    _, err = capsys.readouterr()
    title = load_plan(shipped_plans_dir() / "wyber-30.en.toml").title
    name = f"2026-11-23 {title} minutes.docx"
    assert code == 0
    assert f"geschreven naar {name}" in err
    assert docx.Document(str(tmp_path / name)).core_properties.language == "en-GB"


# ── never overwrite without --force ─────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("args", "name"),
    [
        ((), f"2026-11-23 {TITLE} verslag.docx"),
        (("--lang", "en", "--format", "md"), f"2026-11-23 {TITLE} minutes.md"),
        (("-o", "verslag.eml"), "verslag.eml"),
        (("-o", "sessie.json"), "sessie.json"),
    ],
)
def test_an_existing_file_is_kept_unless_forced(
    export: Export, args: tuple[str, ...], name: str
) -> None:
    kept = b"the secretary's own edits \x00\xff"
    Path(name).write_bytes(kept)
    code, out, err = export(SESSION, *args)
    assert code == 2
    assert name in err and "--force" in err
    assert "Traceback" not in err and out == b""
    assert Path(name).read_bytes() == kept
    assert here() == [name]  # no half-written file beside it

    code, _, err = export(SESSION, *args, "--force")
    assert code == 0, err
    assert here() == [name]
    replaced = Path(name).read_bytes()
    assert replaced != kept
    if name.endswith(".docx"):
        assert word_title(replaced) == TITLE
    elif name.endswith(".md"):
        assert replaced.startswith(f"# {TITLE}".encode())
    elif name.endswith(".eml"):
        assert email.message_from_bytes(replaced, policy=email.policy.default)["Subject"]
    else:
        assert json.loads(replaced)["session_id"] == SESSION


# ── -o: the format from the suffix, and - for stdout ────────────────────────────────────────


@pytest.mark.parametrize(
    ("output", "looks_like"),
    [
        ("notulen.md", lambda data: data.startswith(f"# {TITLE}\n".encode())),
        ("Notulen.MD", lambda data: data.startswith(f"# {TITLE}\n".encode())),
        ("concept.eml", lambda data: b"X-Unsent: 1" in data and DOCX_TYPE.encode() in data),
        ("sessie.json", lambda data: json.loads(data)["session_id"] == SESSION),
        ("notulen.docx", lambda data: word_title(data) == TITLE),
    ],
)
def test_the_format_follows_the_suffix_of_the_output(
    export: Export, output: str, looks_like: Callable[[bytes], bool]
) -> None:
    code, out, err = export(SESSION, "-o", output)
    assert code == 0, err
    assert out == b"" and here() == [output]
    assert looks_like(Path(output).read_bytes())


def test_an_output_in_another_folder(export: Export, tmp_path: Path) -> None:
    target = tmp_path / "verslagen" / "kick-off.md"
    target.parent.mkdir()
    code, _, err = export(SESSION, "-o", str(target))
    assert code == 0, err
    assert target.read_text(encoding="utf-8").startswith(f"# {TITLE}\n")
    assert here() == []


def test_dash_writes_to_stdout_and_json_goes_there_by_default(export: Export) -> None:
    code, out, _ = export(SESSION, "-o", "-")
    assert code == 0 and word_title(out) == TITLE
    code, out, _ = export(SESSION, "-o", "-", "--format", "md", "--lang", "en")
    assert code == 0 and out.decode("utf-8").startswith(f"# {TITLE}\n\n_Minutes · ")
    code, out, _ = export(SESSION, "-o", "-", "--format", "eml")
    message = email.message_from_bytes(out, policy=email.policy.default)
    assert code == 0 and message["Subject"].startswith("Verslag: ")
    code, out, _ = export(SESSION, "--format", "json")
    assert code == 0 and json.loads(out)["session_id"] == SESSION
    assert here() == []  # nothing written to a file


# ── what it refuses: an unknown session, a folder it cannot write in ───────────────────────


def test_an_unknown_session_is_refused(export: Export) -> None:
    code, out, err = export("20991231-0000-none")
    assert code == 2
    assert "20991231-0000-none" in err and "Traceback" not in err
    assert out == b"" and here() == []


@pytest.mark.parametrize("force", [False, True])
def test_an_output_where_no_file_can_be_is_refused_with_a_message(
    export: Export, force: bool
) -> None:
    """We run as root, so a read-only folder would not stop us: a regular file stands where
    the folder should be, and a folder that does not exist."""
    blocker = Path("verslagen")
    blocker.write_bytes(b"a file, not a folder")
    for target in (blocker / "kick-off.docx", Path("nergens") / "kick-off.docx"):
        code, out, err = export(SESSION, "-o", str(target), *(["--force"] if force else []))
        assert code == 2, err
        assert str(target) in err
        assert "Traceback" not in err and "unexpected" not in err.lower()
        assert out == b""
    assert blocker.read_bytes() == b"a file, not a folder"
    assert here() == ["verslagen"]


# ── a title no file system would take as it is ──────────────────────────────────────────────

LONG = ("Één loket 🔋 voor batterijen " * 8)[:200]  # 200 characters (the most), ~260 bytes


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ('Plan: A/B \\ "test"? <x> | *', "2026-11-23 Plan A B test x verslag.docx"),
        ("Kick-off...", "2026-11-23 Kick-off verslag.docx"),
        ("Kick\x7foff\x01 \x1f ronde\x9b 2 . . .", None),
        ("CON", None),
        ("lpt1.txt", None),
        ("///***", None),
        (LONG, None),
    ],
    ids=["forbidden", "trailing-dots", "controls", "con", "lpt1", "nothing-left", "longest"],
)
def test_the_default_name_is_safe_for_every_file_system(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    title: str,
    expected: str | None,
) -> None:
    data = tmp_path / "archive"
    Archive(data).import_records(made_up("wyber-30.nl.toml", title=title))
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    for fmt in ("docx", "md"):
        code = main(["--data", str(data), "export", SESSION, "--format", fmt])
        _, err = capsys.readouterr()
        assert code == 0, err
    names = here()
    assert len(names) == 2
    for name in names:
        check_safe(name, f" verslag{Path(name).suffix}")
        assert name.startswith("2026-11-23 ")
    docx_name = next(n for n in names if n.endswith(".docx"))
    assert expected is None or docx_name == expected
    # The name is made safe; the title inside the minutes is the title as typed.
    assert word_title((work / docx_name).read_bytes()) == clean_line(title)


# ── a series: the earlier sessions are read from the archive ────────────────────────────────


def series_session(
    session_id: str, held_on: date, series: str, agreement: str, first_number: int = 1
) -> list[Record]:
    plan = Plan.model_validate(plan_data())
    return records(
        [
            (
                0,
                SessionOpened(
                    session_id=session_id,
                    plan=plan,
                    title=f"Sessie {held_on:%d-%m}",
                    language="nl",
                    held_on=held_on,
                    series=SeriesLink(name=series, first_number=first_number),
                ),
            ),
            (10, RoundStarted(step=0, movement=Movement.CONSOLIDATE)),
            (
                20,
                AgreementRecorded(
                    agreement_id="a1",
                    kind=AgreementKind.ACTION,
                    text=agreement,
                    owner_name="Bram Jansen",
                    deadline=date(2026, 11, 30),
                ),
            ),
            (30, SessionFinished()),
        ],
        start=datetime.combine(held_on, datetime.min.time(), UTC).replace(hour=9),
    )


def test_the_minutes_of_a_series_session_carry_the_open_actions_of_earlier_ones(
    export: Export, archive: Path
) -> None:
    store = Archive(archive)
    store.import_records(
        series_session("20261109-0900-0001", date(2026, 11, 9), "Batterijketen", "Begroting")
    )
    store.import_records(
        series_session("20261110-0900-0002", date(2026, 11, 10), "Ander traject", "Niet ons")
    )
    store.import_records(
        series_session("20261207-0900-0003", date(2026, 12, 7), "Batterijketen", "Later")
    )
    current = "20261123-0900-0004"
    store.import_records(
        series_session(current, date(2026, 11, 23), "Batterijketen", "Locaties", first_number=2)
    )
    code, out, err = export(current, "-o", "-", "--format", "md")
    assert code == 0, err
    text = out.decode("utf-8")
    earlier = text[text.index("## Afspraken uit eerdere sessies van het traject") :]
    assert "| 1 | Begroting | Bram Jansen | 30 nov 2026 | **open** | 9 nov 2026 |" in earlier
    assert "| 2 | Locaties |" in text  # this session's numbering runs on
    assert "Niet ons" not in text  # another series
    assert "Later" not in text  # held after this one
