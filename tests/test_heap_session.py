"""What a live session keeps on the heap: the journal's writer holds no object per record it
wrote (the journal has them), so a long evening does not lengthen every full garbage collection.

Objects are counted with `gc.get_objects()` after a collection, the heap thawed first: what the
garbage collector would walk in a full pass."""

import gc
from pathlib import Path

import pytest
from tinydb import TinyDB

from tui.wyber.events import IdeaAdded, stored
from tui.wyber.journal import AppendOnlyViolation, JournalStorage
from tui.wyber.session import resume_session
from tui.wyber.store import Archive

from .test_durable import live_session

RECORDS = 2_000


def tracked() -> int:
    gc.unfreeze()
    gc.collect()
    return len(gc.get_objects())


def test_the_writer_keeps_no_object_per_record_it_wrote(tmp_path: Path) -> None:
    live = live_session(tmp_path)
    live.record(IdeaAdded(idea_id="warm-up", text="the first append drops the opening's records"))
    before = tracked()
    for n in range(RECORDS):
        live.record(IdeaAdded(idea_id=f"i{n}", text=f"Idee {n}"))
    grown = tracked() - before
    # The fold keeps an idea and its tally per idea: two objects. Held, the records and their
    # stored documents were seven more each.
    assert grown < 2.5 * RECORDS, grown
    assert live.writer.last_seq == live.state.last_seq
    live.close()


def test_what_the_writer_wrote_reads_back_from_the_journal(tmp_path: Path) -> None:
    live = live_session(tmp_path)
    made = [live.record(IdeaAdded(idea_id=f"i{n}", text=f"Idee {n}")) for n in range(5)]
    assert live.writer.records[-5:] == made
    events = live.writer.db.table("events", cache_size=0)
    assert events.get(doc_id=len(events)) == stored(made[-1])
    more = live.record(IdeaAdded(idea_id="i5", text="na het lezen"))  # TinyDB's view follows
    assert events.get(doc_id=len(events)) == stored(more)
    live.close()
    again = resume_session(Archive(tmp_path), "s1")
    assert {f"i{n}" for n in range(6)} <= again.state.ideas.keys()
    again.close()


def test_tinydbs_own_insert_goes_on_after_an_append(tmp_path: Path) -> None:
    live = live_session(tmp_path)
    live.record(IdeaAdded(idea_id="i1", text="een"))
    live.close()
    storage = JournalStorage(tmp_path / "sessions" / "s1.jsonl", writable=True)
    storage.append("notes", [("1", {"n": 1})])
    with TinyDB(storage=lambda: storage) as db:
        db.table("notes").insert({"n": 2})
        assert [doc["n"] for doc in db.table("notes").all()] == [1, 2]
    with TinyDB(storage=lambda: JournalStorage(tmp_path / "sessions" / "s1.jsonl")) as db:
        assert [doc["n"] for doc in db.table("notes").all()] == [1, 2]


def test_an_append_refuses_an_id_not_after_the_last(tmp_path: Path) -> None:
    live = live_session(tmp_path)
    live.close()
    storage = JournalStorage(tmp_path / "sessions" / "s1.jsonl", writable=True)
    storage.append("notes", [("9", {"n": 9})])
    for again in ("9", "8"):
        with pytest.raises(AppendOnlyViolation):
            storage.append("notes", [(again, {"n": 0})])
    storage.append("notes", [("10", {"n": 10})])  # "10" is after "9": ids are numbers
    storage.close()
