"""Sessions recorded before records said who made them and where (schema 1) still read, fold as
they did, and travel: export → import → export gives the same bytes for old and new files.

tests/data/session-v1.jsonl (a session journal) and tests/data/session-v1.json (its portable
export) were written by wyber's code of schema 1, before this change, from
`sample_records(two_step_plan(), "20261123-0900-v1v1", START, ideas=6, participants=3, seed=1)`.
tests/data/session-v2.jsonl and session-v2.json were written by the code of schema 2: a live
meeting of two_step_plan() (tests.test_meeting.open_room) with ideas and dots from three
participants and the facilitator, one idea typed in the check-in arriving after the group moved
on, and one participant's dot taken back by their own undo.
"""

import json
import shutil
from pathlib import Path

from tui import __version__
from tui.wyber import events
from tui.wyber.events import IdeaAdded, Record
from tui.wyber.fold import fold
from tui.wyber.plan import Movement
from tui.wyber.portable import export_json, import_json
from tui.wyber.store import Archive

DATA = Path(__file__).parent / "data"
SESSION = "20261123-0900-v1v1"
NEW_SESSION = "s1"


def old_archive(root: Path, name: str = "session-v1", session_id: str = SESSION) -> Archive:
    archive = Archive(root)
    archive.sessions_dir.mkdir(parents=True)
    shutil.copy(DATA / f"{name}.jsonl", archive.path_of(session_id))
    return archive


def new_export() -> bytes:
    """The schema-2 fixture as this wyber exports it: the same bytes but for the version that
    wrote it."""
    written = (DATA / "session-v2.json").read_bytes()
    return written.replace(b'"exported_by": "0.1.0"', f'"exported_by": "{__version__}"'.encode())


def test_the_fixtures_are_of_schema_1() -> None:
    exported = json.loads((DATA / "session-v1.json").read_bytes())
    assert exported["schema_version"] == 1
    assert {r["schema_version"] for r in exported["records"]} == {1}
    assert not any("actor" in r or "step" in r for r in exported["records"])


def test_a_version_1_record_is_the_facilitators_made_where_the_session_was() -> None:
    exported = json.loads((DATA / "session-v1.json").read_bytes())
    upgraded = [Record.model_validate(raw) for raw in exported["records"]]
    assert events.SCHEMA_VERSION == 2
    assert {(r.schema_version, r.actor, r.step, r.movement) for r in upgraded} == {
        (2, None, None, None)
    }


def test_an_old_journal_reads_and_folds_as_it_always_did(tmp_path: Path) -> None:
    records = old_archive(tmp_path).read(SESSION)
    state = fold(records)
    # Each idea in the diverge the group was in when its record came: the old rule.
    ideas = [r.event for r in records if isinstance(r.event, IdeaAdded)]
    assert len(ideas) == len(state.ideas) == 6
    assert {(i.step, i.movement) for i in state.ideas.values()} == {
        (0, Movement.DIVERGE),
        (1, Movement.DIVERGE),
    }
    assert state.finished and len(state.agreements) == 4
    assert fold(import_json((DATA / "session-v1.json").read_bytes(), "old").records) == state


def test_an_old_export_imports_and_then_travels_unchanged(tmp_path: Path) -> None:
    old = (DATA / "session-v1.json").read_bytes()
    first = Archive(tmp_path / "first")
    first.import_records(import_json(old, "old").records)
    exported = export_json(SESSION, first.read(SESSION))
    assert json.loads(exported)["schema_version"] == events.SCHEMA_VERSION
    second = Archive(tmp_path / "second")
    second.import_records(import_json(exported, "exported").records)
    assert export_json(SESSION, second.read(SESSION)) == exported


def test_an_old_journal_exports_imports_and_exports_to_the_same_bytes(tmp_path: Path) -> None:
    exported = export_json(SESSION, old_archive(tmp_path / "old").read(SESSION))
    other = Archive(tmp_path / "other")
    other.import_records(import_json(exported, "exported").records)
    assert export_json(SESSION, other.read(SESSION)) == exported


def test_a_new_record_with_who_and_where_travels_unchanged(tmp_path: Path) -> None:
    records = old_archive(tmp_path / "old").read(SESSION)
    last = records[-1]
    made = Record(
        seq=last.seq + 1,
        at=last.at,
        t=last.t,
        actor="p2",
        step=1,
        movement=Movement.DIVERGE,
        event=IdeaAdded(idea_id=f"i{last.seq + 1}", text="Van Bram, laat"),
    )
    exported = export_json(SESSION, [*records, made])
    other = Archive(tmp_path / "other")
    other.import_records(import_json(exported, "exported").records)
    back = other.read(SESSION)
    assert back[-1] == made
    assert export_json(SESSION, back) == exported


def test_a_schema_2_file_says_who_and_where_and_folds_the_late_rule() -> None:
    exported = json.loads((DATA / "session-v2.json").read_bytes())
    assert exported["schema_version"] == 2
    records = import_json(new_export(), "new").records
    assert {r.actor for r in records} == {None, "p1", "p2", "p3"}
    state = fold(records)
    late = next(i for i in state.ideas.values() if i.text == "Laat uit de check-in")
    assert (late.step, late.movement, late.author_id) == (0, Movement.DIVERGE, "p3")
    lunch = next(i for i in state.ideas.values() if i.text == "Samen lunchen")
    # Bram's dot on another idea, taken back by his own undo, then given here.
    assert lunch.tally.dots == {"p1": 1, "p2": 1}
    other = next(i for i in state.ideas.values() if i.text == "Meer overleg")
    assert other.tally.dots == {}


def test_a_schema_2_export_imports_and_exports_to_its_own_bytes(tmp_path: Path) -> None:
    archive = Archive(tmp_path)
    archive.import_records(import_json(new_export(), "new").records)
    assert export_json(NEW_SESSION, archive.read(NEW_SESSION)) == new_export()


def test_a_schema_2_journal_exports_to_the_export_written_with_it(tmp_path: Path) -> None:
    journal = old_archive(tmp_path, "session-v2", NEW_SESSION)
    assert export_json(NEW_SESSION, journal.read(NEW_SESSION)) == new_export()
