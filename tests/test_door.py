"""What would break later is refused at the door: a hostile import, a damaged journal, a deep plan,
a trash note that points elsewhere; and an error nobody caught still ends as the CLI promises."""

import json
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from tui.cli import main
from tui.wyber import events
from tui.wyber.events import IdeaAdded
from tui.wyber.i18n import Language
from tui.wyber.invalid import KEYS, explain
from tui.wyber.journal import HEADER, read_journal
from tui.wyber.paths import shipped_plans_dir
from tui.wyber.plans import load_plan
from tui.wyber.portable import export_json
from tui.wyber.sample import sample_records
from tui.wyber.store import Archive, SessionExists, SessionLocked
from tui.wyber.trash import UnsafeTrashEntry, move_to_trash, restore, trash_dir

SESSION = "20261123-0900-beef"
START = datetime(2026, 11, 23, 9, tzinfo=UTC)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def portable(session_id: str = SESSION) -> dict[str, Any]:
    """A whole made-up session as its portable file holds it (47 records, see sample.py)."""
    plan = load_plan(shipped_plans_dir() / "wyber-30.nl.toml")
    return json.loads(export_json(session_id, sample_records(plan, session_id, START, ideas=5)))


def with_id(document: dict[str, Any], session_id: str) -> None:
    document["session_id"] = session_id
    document["records"][0]["event"]["session_id"] = session_id


def record_of(document: dict[str, Any], kind: str) -> dict[str, Any]:
    return next(r for r in document["records"] if r["event"]["type"] == kind)


# Each hostile change names the record (its seq, as `wyber list` and the file count) and the
# field the message must point at. Record 9 is a pause: its event is swapped for another kind.
def change_record(number: int, /, **fields: Any) -> Callable[[dict[str, Any]], None]:
    def change(document: dict[str, Any]) -> None:
        document["records"][number - 1].update(fields)

    return change


def swap_event(seq: int, event: dict[str, Any]) -> Callable[[dict[str, Any]], None]:
    def change(document: dict[str, Any]) -> None:
        document["records"][seq - 1]["event"] = event

    return change


def change_event(kind: str, **fields: Any) -> Callable[[dict[str, Any]], None]:
    def change(document: dict[str, Any]) -> None:
        record_of(document, kind)["event"].update(fields)

    return change


HOSTILE: dict[str, tuple[Callable[[dict[str, Any]], None], str]] = {
    "t infinite": (change_record(12, t=float("inf")), "record 12, t: must be a finite number"),
    "t not a number": (change_record(12, t=float("nan")), "record 12, t: must be a finite number"),
    "t 1e308": (change_record(12, t=1e308), "record 12, t: must be at most"),
    "t negative": (change_record(12, t=-1.0), "record 12, t: must be at least 0"),
    "t as text": (change_record(12, t="5"), "record 12, t: must be a number"),
    "year 9999": (change_record(12, at="9999-12-31T23:59:59Z"), "record 12, at: lies outside"),
    "year 9999 west of UTC": (
        change_record(12, at="9999-12-31T23:59:59-01:00"),
        "record 12, at: lies outside",
    ),
    "year 1": (change_record(12, at="0001-01-01T00:00:00Z"), "record 12, at: lies outside"),
    "1969 in UTC": (
        change_record(12, at="1970-01-01T00:00:00+14:00"),
        "record 12, at: lies outside",
    ),
    "2201 in UTC": (
        change_record(12, at="2200-12-31T23:59:59-12:00"),
        "record 12, at: lies outside",
    ),
    "seq as text": (change_record(12, seq="12"), "record 12, seq: must be a whole number"),
    "seq true": (change_record(1, seq=True), "record 1, seq: must be a whole number"),
    "seq 12.0": (change_record(12, seq=12.0), "record 12, seq: must be a whole number"),
    "schema_version as text": (
        change_record(12, schema_version="1"),
        "record 12, schema_version: must be a whole number",
    ),
    "schema_version true": (
        change_record(12, schema_version=True),
        "record 12, schema_version: must be a whole number",
    ),
    "schema_version 0": (
        change_record(12, schema_version=0),
        "record 12, schema_version: must be at least 1",
    ),
    "schema_version -3": (
        change_record(12, schema_version=-3),
        "record 12, schema_version: must be at least 1",
    ),
    "schema_version newer": (
        change_record(12, schema_version=99),
        "record 12: was written by a newer wyber",
    ),
    "away infinite": (
        swap_event(9, {"type": "session_resumed", "away_seconds": float("inf")}),
        "record 9, event.away_seconds: must be a finite number",
    ),
    "budget 1e308": (
        swap_event(
            9,
            {
                "type": "rebalanced",
                "budgets": [{"step": 0, "movement": "diverge", "seconds": 1e308}],
            },
        ),
        "record 9, event.budgets.0.seconds: must be at most",
    ),
    "extension as text": (
        change_event("timebox_extended", seconds="300"),
        "record 36, event.seconds: must be a whole number",
    ),
    "step 0.0": (
        change_event("round_started", step=0.0),
        "record 8, event.step: must be a whole number",
    ),
    "deadline year 9999": (
        change_event("agreement_recorded", deadline="9999-01-01"),
        "record 38, event.deadline: lies outside",
    ),
    "held_on year 1": (
        change_event("session_opened", held_on="0001-01-01"),
        "record 1, event.held_on: lies outside",
    ),
    "evaluation score as text": (
        change_event("evaluation_recorded", scores={"p1": "6"}),
        "record 46, event.scores.p1: must be a whole number",
    ),
    "an event kind nobody knows": (
        swap_event(9, {"type": "party_started"}),
        "record 9, event: must be one of",
    ),
    "top-level schema_version newer": (
        lambda d: d.update(schema_version=events.SCHEMA_VERSION + 1),
        f"schema_version: was written by a newer wyber (schema version {events.SCHEMA_VERSION + 1}",
    ),
    "top-level schema_version as text": (
        lambda d: d.update(schema_version="1"),
        "schema_version: must be a whole number",
    ),
    "consent as text": (
        change_event("consent_noted", consent="yes"),
        "record 39, event.consent: must be true or false",
    ),
    "a name of only spaces": (
        change_event("participant_added", name="   "),
        "record 2, event.name: must not be empty",
    ),
    "idea id with a dot": (
        change_event("idea_added", idea_id="i.1"),
        "record 11, event.idea_id: may hold only letters",
    ),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_import_refuses_what_would_break_later_naming_file_record_and_field(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, case: str
) -> None:
    change, expected = HOSTILE[case]
    document = portable()
    change(document)
    source = tmp_path / "hostile.json"
    source.write_text(json.dumps(document))  # Infinity and NaN as Python's json writes them
    data = tmp_path / "archive"
    code, out, err = run(capsys, "--data", str(data), "--lang", "en", "import", str(source))
    assert code == 2 and out == "" and "Traceback" not in err
    assert str(source) in err and expected in err
    assert Archive(data).ids() == []


UNSAFE_IDS = {
    "..": "..",
    "dot": ".",
    "leading dash": "-rf",
    "slash": "../../x",
    "backslash": "a\\b",
    "control character": "a\x1bb",
    "too long": "a" * 41,
    "shipped plan": "wyber-30.nl",
    "empty": "",
}


@pytest.mark.parametrize("case", sorted(UNSAFE_IDS))
def test_an_id_that_is_no_safe_file_name_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, case: str
) -> None:
    document = portable()
    with_id(document, UNSAFE_IDS[case])
    source = tmp_path / "hostile.json"
    source.write_text(json.dumps(document))
    data = tmp_path / "archive"
    code, _, err = run(capsys, "--data", str(data), "--lang", "en", "import", str(source))
    assert code == 2 and "session_id" in err and "Traceback" not in err
    assert not (data / "sessions").exists() or list((data / "sessions").iterdir()) == []
    assert not (tmp_path / "x.jsonl").exists()


def test_a_session_cannot_take_the_name_of_a_shipped_plan(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Shipped plans today all have a dot in their name; one without must be guarded too, or
    `wyber run retro` would resume an imported session called retro instead."""
    plans = tmp_path / "shipped"
    plans.mkdir()
    (plans / "retro.toml").write_text("")
    monkeypatch.setattr(events, "shipped_plans_dir", lambda: plans)
    events._shipped_plan_names.cache_clear()
    try:
        assert not events.is_session_id("retro")
        assert events.is_session_id("retro-2")
    finally:
        events._shipped_plan_names.cache_clear()


def test_a_100000_deep_import_is_a_message_not_a_recursion_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = tmp_path / "deep.json"
    source.write_text("[" * 100_000)
    code, _, err = run(capsys, "--data", str(tmp_path), "--lang", "en", "import", str(source))
    assert code == 2 and "nested too deeply" in err and "RecursionError" not in err


def test_a_deep_plan_is_a_message_not_a_recursion_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    plan = tmp_path / "deep.toml"
    plan.write_text("title = " + "[" * 100_000)
    code, _, err = run(capsys, "--lang", "nl", "--data", str(tmp_path), "check", str(plan))
    assert code == 2 and "te diep genest" in err and "Recursion" not in err
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "deep.toml").write_text(plan.read_text())
    code, out, _ = run(capsys, "--data", str(tmp_path), "plans")  # the others still list
    assert code == 0 and "deep" in out and "wyber-30.nl" in out


def journal(path: Path, docs: list[dict[str, Any]], *, extra: str = "") -> None:
    """A session journal as the archive stores it, written line by line by hand."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps(HEADER, separators=(",", ":"))]
    lines += [
        json.dumps({"table": "events", "id": str(i), "doc": d}) for i, d in enumerate(docs, 1)
    ]
    path.write_text("\n".join(lines) + "\n" + extra)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"seq": "3"}, "record 3, line 4, seq: must be a whole number"),
        ({"t": float("inf")}, "record 3, line 4, t: must be a finite number"),
        ({"schema_version": 0}, "record 3, line 4, schema_version: must be at least 1"),
        ({"at": "9999-01-01T00:00:00Z"}, "record 3, line 4, at: lies outside"),
    ],
)
def test_a_journal_in_the_archive_is_read_as_strictly(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, change: dict[str, Any], expected: str
) -> None:
    docs = portable()["records"]
    docs[2].update(change)
    journal(Archive(tmp_path).path_of(SESSION), docs)
    code, _, err = run(capsys, "--data", str(tmp_path), "--lang", "en", "export", SESSION)
    assert code == 2 and "Traceback" not in err and expected in err
    code, _, err = run(capsys, "--data", str(tmp_path), "--lang", "en", "list")
    assert code == 0 and expected in err  # reported by name; the archive still lists


def test_a_deep_line_in_a_journal_is_damage_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    journal(path, portable()["records"][:2], extra="[" * 100_000 + "\n" + "{}\n")
    with pytest.raises(Exception, match="line 4") as caught:
        read_journal(path)
    assert not isinstance(caught.value, RecursionError)


# ── the trash ───────────────────────────────────────────────────────────────────────────────


def test_restoring_never_writes_outside_the_archive_whatever_the_note_says(
    tmp_path: Path,
) -> None:
    data = tmp_path / "a" / "b"
    archive = Archive(data)
    archive.import_records(
        sample_records(load_plan(shipped_plans_dir() / "wyber-30.nl.toml"), SESSION, START, ideas=3)
    )
    entry = move_to_trash(archive, SESSION, START)
    note = trash_dir(archive) / f"{entry.name}.json"
    meta = json.loads(note.read_text())
    note.write_text(json.dumps({**meta, "session_id": "../../x"}))
    assert restore(archive, entry.name) == SESSION
    assert archive.exists(SESSION)
    assert not (tmp_path / "a" / "x.jsonl").exists() and not list(tmp_path.glob("**/x.jsonl"))


@pytest.mark.parametrize("name", ["../y", "x~/../../y", ".hidden", "-rf", "a/b~1", "x~1\n"])
def test_a_trash_entry_that_is_no_session_name_is_not_restored(tmp_path: Path, name: str) -> None:
    """A name with a path in it would reach a file outside the trash, and move it in."""
    data = tmp_path / "data"
    archive = Archive(data)
    folder = trash_dir(archive)
    (folder / "x~").mkdir(parents=True)  # so that trash/x~/../../y.jsonl is data/y.jsonl
    outside = data / "y.jsonl"
    outside.write_text("not ours")
    with pytest.raises(UnsafeTrashEntry) as refused:
        restore(archive, name)
    assert name in refused.value.render("en")
    assert outside.read_text() == "not ours" and not (data / "sessions").exists()


# ── two imports at once ─────────────────────────────────────────────────────────────────────


def test_the_loser_of_two_simultaneous_imports_hears_it_is_already_imported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The winner is held inside its write until the loser has found the session's lock taken;
    then the winner finishes, and the loser must say what is true."""
    records = sample_records(
        load_plan(shipped_plans_dir() / "wyber-30.nl.toml"), SESSION, START, ideas=3
    )
    archive = Archive(tmp_path)
    winner_writing, loser_refused = threading.Event(), threading.Event()

    import tui.wyber.store as store

    real_create, real_lock = store.create_journal, Archive._lock

    def slow_create(*args: Any, **kwargs: Any) -> None:
        winner_writing.set()
        assert loser_refused.wait(10)
        real_create(*args, **kwargs)

    def lock(self: Archive, session_id: str) -> Any:
        try:
            return real_lock(self, session_id)
        except SessionLocked:
            loser_refused.set()
            raise

    monkeypatch.setattr(store, "create_journal", slow_create)
    monkeypatch.setattr(Archive, "_lock", lock)
    outcome: dict[str, object] = {}

    def winner() -> None:
        outcome["winner"] = archive.import_records(records)

    thread = threading.Thread(target=winner)
    thread.start()
    assert winner_writing.wait(10)
    with pytest.raises(SessionExists) as lost:
        archive.import_records(records)
    thread.join(10)
    assert outcome["winner"] == SESSION
    assert "already in this archive" in lost.value.render("en")
    assert archive.ids() == [SESSION]


# ── pydantic in the user's language ─────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("nl", "text: is te lang: hoogstens 20000 tekens"), ("en", "text: is too long")],
)
def test_validation_messages_are_in_the_users_language(lang: Language, expected: str) -> None:
    with pytest.raises(ValidationError) as invalid:
        IdeaAdded(idea_id="i1", text="x" * 20_001)
    message = explain(invalid.value, lang)
    assert message == expected or message.startswith(expected)
    assert "String should" not in message


def test_every_error_type_has_words_in_both_languages() -> None:
    """Each of pydantic's types in the table, and each "door_…" error wyber's validators raise."""
    import re

    from tui.wyber.i18n import CATALOGS

    root = Path(__file__).resolve().parent.parent / "tui" / "wyber"
    raised = {
        f"door.{name}"
        for path in root.rglob("*.py")
        for name in re.findall(r'PydanticCustomError\(\s*"door_(\w+)"', path.read_text())
    }
    assert len(raised) >= 5
    for key in {*KEYS.values(), *raised}:
        assert key in CATALOGS["nl"] and key in CATALOGS["en"]


# ── an error nobody caught ──────────────────────────────────────────────────────────────────


def run_headless(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    """`script` (which ends in the CLI's main) in its own interpreter, its output captured."""
    env = {
        **os.environ,
        "PYTHONPATH": str(Path(__file__).resolve().parent.parent),
        # Textual without a terminal: the app runs, and fails, as it would on screen.
        "TEXTUAL_DRIVER": "textual.drivers.headless_driver:HeadlessDriver",
    }
    command = [sys.executable, "-c", script, *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)


CRASHING_APP = """
import sys
from tui.cli import main
from tui.screens.home import HomeScreen

def explode(self, lists):
    raise RuntimeError("a bug in a screen")

HomeScreen._show = explode  # the home screen fails as it shows the archive it has read
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize(
    ("lang", "said"),
    [("nl", "wyber stopte door een onverwachte fout"), ("en", "wyber stopped on an unexpected")],
)
def test_an_error_in_the_app_is_exit_1_a_line_in_the_users_language_and_the_log(
    tmp_path: Path, lang: str, said: str
) -> None:
    done = run_headless(CRASHING_APP, "--data", str(tmp_path), "--lang", lang)
    log = tmp_path / "logs" / "wyber.log"
    assert done.returncode == 1
    assert said in done.stderr and "RuntimeError" in done.stderr and str(log) in done.stderr
    assert "Traceback" not in done.stderr and "explode" not in done.stderr
    assert len(done.stderr.splitlines()) == 2
    text = log.read_text()
    assert (
        "Traceback" in text and "in explode" in text and "RuntimeError: a bug in a screen" in text
    )


@pytest.mark.parametrize("command", ["export", "trash", "replay", "run"])
def test_an_id_on_the_command_line_never_reaches_outside_the_archive(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str
) -> None:
    """A real session file beside the archive, named through `..`: not found, not touched."""
    data = tmp_path / "archive"
    outside = Archive(tmp_path / "elsewhere")
    records = sample_records(
        load_plan(shipped_plans_dir() / "wyber-30.nl.toml"), SESSION, START, ideas=3
    )
    outside.import_records(records)
    content = outside.path_of(SESSION).read_bytes()
    (data / "sessions").mkdir(parents=True)
    reference = f"../../elsewhere/sessions/{SESSION}"
    code, _, err = run(capsys, "--data", str(data), "--lang", "en", command, reference)
    assert code == 2 and "Traceback" not in err
    assert outside.path_of(SESSION).read_bytes() == content
    assert not (data / "trash").exists()


CRASHING_MEETING = """
import sys, threading
from tui.cli import main
from tui.screens.run import RunScreen
from tui.wyber.store import SessionWriter

slow = threading.Event()
real_append = SessionWriter.append

def slow_append(self, record):
    slow.wait(0.5)  # a slow disk: the record is still queued when the screen fails
    real_append(self, record)

def explode(self):
    raise RuntimeError("a bug in the run screen")

SessionWriter.append = slow_append
RunScreen.on_mount = explode
sys.exit(main(sys.argv[1:]))
"""


def test_an_error_in_a_meeting_writes_what_was_queued_before_wyber_ends(tmp_path: Path) -> None:
    """`wyber run PLAN --now` records the start of the first round, then the run screen fails:
    the start is on disk when wyber has ended, though the disk was slow."""
    done = run_headless(CRASHING_MEETING, "--data", str(tmp_path), "run", "wyber-30.en", "--now")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    [session] = Archive(tmp_path).ids()
    kinds = [record.event.type for record in Archive(tmp_path).read(session)]
    assert "round_started" in kinds


def test_the_run_screen_says_in_dutch_why_an_idea_cannot_be_recorded() -> None:
    from tui.widgets.panel import FAILED, attempt

    said: list[str] = []

    class Screen:
        def notify(self, message: str, **_: object) -> None:
            said.append(message)

    result = attempt(Screen(), "nl", lambda: IdeaAdded(idea_id="i1", text="x" * 20_001))  # type: ignore[arg-type]
    assert result is FAILED
    assert said == ["Dat kan niet worden vastgelegd: text: is te lang: hoogstens 20000 tekens."]


@given(
    at=st.datetimes(timezones=st.timezones()),
    t=st.floats(allow_nan=True, allow_infinity=True),
    away=st.floats(allow_nan=True, allow_infinity=True),
)
@settings(max_examples=300, deadline=None)
def test_a_record_accepted_at_the_door_reads_back_as_it_was(
    at: datetime, t: float, away: float
) -> None:
    """Whatever the door lets in is stored and read back the same, never refused afterwards
    (a moment in 1970 at +14:00 is 1969 in UTC: it must be refused at once, not on reading)."""
    raw = {
        "seq": 1,
        "at": at.isoformat(),
        "t": t,
        "event": {"type": "session_resumed", "away_seconds": away},
    }
    try:
        record = events.Record.model_validate(raw)
    except ValidationError:
        return
    assert events.Record.model_validate(json.loads(json.dumps(events.stored(record)))) == record


def test_a_trash_note_with_impossible_times_still_lists_and_restores(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Shown in local time, year 9999 at -14:00 overflows; the note is only a note."""
    archive = Archive(tmp_path)
    plan = load_plan(shipped_plans_dir() / "wyber-30.nl.toml")
    archive.import_records(sample_records(plan, SESSION, START, ideas=3))
    entry = move_to_trash(archive, SESSION, START)
    note = trash_dir(archive) / f"{entry.name}.json"
    meta = json.loads(note.read_text())
    meta["trashed_at"] = "9999-12-31T23:59:59-14:00"
    meta["summary"]["opened_at"] = "9999-12-31T23:59:59-14:00"
    note.write_text(json.dumps(meta))
    code, out, err = run(capsys, "--data", str(tmp_path), "--lang", "en", "trash")
    assert code == 0 and SESSION in out and "Traceback" not in err
    code, _, _ = run(capsys, "--data", str(tmp_path), "--lang", "en", "restore", SESSION)
    assert code == 0 and archive.exists(SESSION)


async def test_a_meeting_that_fails_to_open_says_where_the_details_are(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app goes on at home, but the failure is not only a repr on screen: it is logged."""
    from tui.app import Launch, WyberApp
    from tui.wyber import session

    plan = load_plan(shipped_plans_dir() / "wyber-30.nl.toml")
    Archive(tmp_path).import_records(sample_records(plan, SESSION, START, ideas=3))

    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("cannot resume")

    monkeypatch.setattr(session, "resume_session", broken)
    app = WyberApp(data=tmp_path, lang="nl", launch=Launch(session_id=SESSION))
    async with app.run_test() as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        said = [n.message for n in app._notifications if n.severity == "error"]
    log = tmp_path / "logs" / "wyber.log"
    assert said == [
        f"Er ging iets mis: RuntimeError. De details staan in {log}; "
        "niets van wat al is vastgelegd is verloren."
    ]
    assert "RuntimeError: cannot resume" in log.read_text()
