"""What the writer calls durable is on disk: group commit, the durable watermark, waiting for a
seq, a bug that is not a disk failure, rescue files, and kill -9 on a slow disk.

The journal's flat append is tested here too: TinyDB's view of a session keeps up with records
appended through the storage, and the file reads back with TinyDB.
"""

import errno
import logging
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from tinydb import TinyDB

from tui.wyber import rescue
from tui.wyber.events import IdeaAdded, ParticipantAdded, Record, stored
from tui.wyber.fold import fold
from tui.wyber.journal import AppendOnlyViolation, JournalStorage
from tui.wyber.recorder import BackgroundWriter
from tui.wyber.rescue import (
    RescueDamaged,
    find_rescues,
    read_rescue,
    rescue_folders,
    save_rescue,
    set_aside,
)
from tui.wyber.session import LiveSession, resume_session, start_session
from tui.wyber.store import Archive, SessionLocked, SessionWriter, WriteFailed

from .disks import WAIT, GatedDisk, full_disk
from .factory import FakeClock, FakeWall, opened
from .store_worker import SESSION_ID, expected_event

REPO = Path(__file__).resolve().parent.parent
PEOPLE = [ParticipantAdded(participant_id="p1", name="Anna de Vries")]


def live_session(root: Path) -> LiveSession:
    clock = FakeClock()
    return start_session(Archive(root), opened(), PEOPLE, monotonic=clock, wall=FakeWall(clock))


def background(live: LiveSession, retry_seconds: float = 0.02) -> BackgroundWriter:
    writer = BackgroundWriter(live.writer, retry_seconds=retry_seconds)
    live.sink = writer.submit
    live.durable = lambda: writer.durable
    return writer


def recording(root: Path) -> tuple[LiveSession, BackgroundWriter]:
    live = live_session(root)
    return live, background(live)


def idea(live: LiveSession, text: str) -> Record:
    return live.record(IdeaAdded(idea_id=f"i{live.state.last_seq + 1}", text=text))


# --- the journal's append ------------------------------------------------------------------------


def test_an_append_shows_in_tinydbs_view_and_the_file_reads_back_with_tinydb(
    tmp_path: Path,
) -> None:
    live = live_session(tmp_path)
    handed = [idea(live, f"Idee {n} 🚲") for n in range(1, 6)]
    events = live.writer.db.table("events", cache_size=0)
    assert len(events) == 7
    assert events.get(doc_id=7) == stored(handed[-1])
    live.close()
    with TinyDB(storage=lambda: JournalStorage(tmp_path / "sessions" / "s1.jsonl")) as db:
        docs = db.table("events").all()
    assert [doc.doc_id for doc in docs] == list(range(1, 8))
    assert docs[2:] == [stored(record) for record in handed]


def test_append_refuses_a_document_already_written(tmp_path: Path) -> None:
    live = live_session(tmp_path)
    storage = JournalStorage(live.writer.path)  # read-only: the check comes first
    with pytest.raises(AppendOnlyViolation):
        storage.append("events", [("1", {"again": True})])
    live.close()


# --- group commit and the watermark --------------------------------------------------------------


def test_what_waits_goes_in_one_fsync_and_is_acknowledged_only_once_durable(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    disk = GatedDisk(monkeypatch)
    live, writer = recording(tmp_path)
    moved: list[int] = []
    writer.watch(moved.append)
    disk.hold()
    first = idea(live, "Eerste")
    assert disk.wait_blocked()  # the first record's fsync is under way, and waits
    burst = [idea(live, f"Idee {n}") for n in range(1, 41)]
    assert writer.durable == first.seq - 1
    assert not writer.wait_durable(first.seq, timeout=0.05)  # not durable: not acknowledged
    assert live.is_pending(first.event.idea_id)  # type: ignore[union-attr]
    fsyncs = disk.fsyncs
    disk.release()
    assert writer.wait_durable(burst[-1].seq, timeout=WAIT)
    assert disk.fsyncs - fsyncs == 2  # the first record, then the 40 that waited behind it
    assert moved == [first.seq, burst[-1].seq]  # the watchers: once per fsync, not per record
    assert not live.is_pending(burst[-1].event.idea_id)  # type: ignore[union-attr]
    assert writer.close()
    assert Archive(tmp_path).read("s1")[-41:] == [first, *burst]


def test_a_bug_in_the_writer_stops_it_and_is_never_retried_as_a_disk_failure(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    live, writer = recording(tmp_path)
    idea(live, "Op schijf")
    assert writer.flush(timeout=WAIT)
    attempts: list[int] = []

    def broken_append(records: list[Record]) -> None:
        attempts.append(len(records))
        raise TypeError("a bug, not the disk")

    live.writer.append_many = broken_append  # type: ignore[method-assign]
    with caplog.at_level(logging.ERROR, logger="wyber.writer"):
        waiting = idea(live, "Wacht")
        assert not writer.wait_durable(waiting.seq, timeout=WAIT)  # returns once it broke
    assert isinstance(writer.broken, TypeError)
    assert writer.failure is None  # not reported as a disk failure
    assert "stopped on a bug" in caplog.text
    writer.retry_now()
    assert not writer.flush(timeout=0.1)
    assert attempts == [1]  # tried once, never again
    assert writer.waiting() == [waiting]  # kept, to be rescued
    assert writer.close(timeout=0.05) is False


def test_a_watcher_that_raises_is_a_bug_that_stops_the_writer_and_says_so(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A watcher must not raise; one that does (a view's bug) does not silently end the writer's
    thread, leaving the rail "pending" for ever: it is a bug like any other."""
    live, writer = recording(tmp_path)
    told: list[int] = []

    def broken_watcher(durable: int) -> None:
        raise RuntimeError("a view's bug")

    writer.watch(broken_watcher)
    writer.watch(told.append)
    with caplog.at_level(logging.ERROR, logger="wyber.writer"):
        first = idea(live, "Op schijf")
        assert writer.wait_durable(first.seq, timeout=WAIT)  # written: the fsync came first
        waiting = idea(live, "Wacht")
        assert not writer.wait_durable(waiting.seq, timeout=WAIT)  # returns once it broke
    assert isinstance(writer.broken, RuntimeError)
    assert "stopped on a bug" in caplog.text
    # The other watchers heard of the fsync, then of the writer's stop.
    assert told == [first.seq, first.seq]
    assert writer.waiting() == [waiting]  # kept, to be rescued
    assert writer.close(timeout=0.05) is False


def test_records_out_of_order_are_a_bug_too(tmp_path: Path) -> None:
    live, writer = recording(tmp_path)
    stray = Record(seq=live.state.last_seq + 5, at=live.state.last_at, t=1.0, event=PEOPLE[0])
    writer.submit(stray)
    assert not writer.flush(timeout=WAIT)
    assert isinstance(writer.broken, AppendOnlyViolation)
    assert writer.failure is None


# --- leaving records behind: the rescue file -----------------------------------------------------


@pytest.mark.parametrize("refusal", [errno.ENOSPC, errno.EROFS])
def test_records_left_behind_go_to_a_rescue_file_that_is_added_back_in_order(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, refusal: int
) -> None:
    archive = Archive(tmp_path)
    live, writer = recording(tmp_path)
    idea(live, "Op schijf")
    assert writer.flush(timeout=WAIT)
    on_disk = archive.read("s1")
    disk = full_disk(monkeypatch, archive.path_of("s1"), refusal)
    waiting = [idea(live, f"Past niet {n} 💾") for n in range(1, 4)]
    assert disk.wait_refused(2)
    assert writer.close(timeout=0.05) is False

    path, count = writer.abandon(
        lambda records: (save_rescue(archive, "s1", records), len(records))
    )
    assert count == 3
    assert path.parent == archive.sessions_dir  # beside the session: a small file still fits
    assert find_rescues(archive, "s1") == [path]
    assert archive.read("s1") == on_disk  # the journal as it was
    assert archive.ids() == ["s1"]  # a rescue file is not listed as a session
    disk.free()

    again = resume_session(archive, "s1")  # the lock was released
    rescue = read_rescue(path, "s1")
    assert rescue.records == waiting
    added = again.add_back(rescue.records)
    assert [r.seq for r in added] == list(range(on_disk[-1].seq + 2, on_disk[-1].seq + 5))
    assert [r.event for r in added] == [r.event for r in waiting]
    again.close()
    texts = [i.text for i in fold(archive.read("s1")).ideas.values()]
    assert texts == ["Op schijf", "Past niet 1 💾", "Past niet 2 💾", "Past niet 3 💾"]


def test_a_rescue_that_cannot_be_written_leaves_nothing_behind_and_retrying_goes_on(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    archive = Archive(tmp_path)
    live, writer = recording(tmp_path)
    disk = full_disk(monkeypatch, archive.path_of("s1"))
    waiting = idea(live, "Nergens plek")
    assert disk.wait_refused(1)

    def nowhere(records: list[Record]) -> None:
        raise WriteFailed(path="x", reason="disk_full", detail="no space")

    with pytest.raises(WriteFailed):
        writer.abandon(nowhere)
    with pytest.raises(SessionLocked):
        archive.open("s1")  # still held
    disk.free()
    assert writer.wait_durable(waiting.seq, timeout=WAIT)  # and the writer went on
    assert writer.close()
    assert archive.read("s1")[-1] == waiting


def test_a_damaged_rescue_file_is_named_and_set_aside_only_when_asked(tmp_path: Path) -> None:
    archive = Archive(tmp_path)
    live = live_session(tmp_path)
    record = idea(live, "Gered")
    live.close()
    path = save_rescue(archive, "s1", [record])
    assert read_rescue(path, "s1").records == [record]
    with pytest.raises(RescueDamaged):
        read_rescue(path, "s2")  # another session's
    cases = {
        "cut.rescue": path.read_bytes()[:-9],
        "not-json.rescue": b"{{{\n",
        "empty.rescue": b"",
        "gap.rescue": path.read_bytes() + path.read_bytes().splitlines(keepends=True)[1],
        "other.rescue": b'{"wyber": "session-journal", "format": 1}\n',
    }
    for name, content in cases.items():
        damaged = tmp_path / f"s1.{name}"
        damaged.write_bytes(content)
        with pytest.raises(RescueDamaged) as refused:
            read_rescue(damaged, "s1")
        assert str(damaged) in refused.value.render("en")
        assert damaged.exists()  # reading never moves it
    moved = set_aside(archive, path)
    assert moved.parent == archive.set_aside_dir and moved.exists()
    assert path not in find_rescues(archive, "s1")


def test_a_rescue_goes_to_the_temporary_folder_when_the_sessions_folder_refuses(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    archive = Archive(tmp_path / "data")
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path / "tmp"))
    live = live_session(tmp_path / "data")
    record = idea(live, "Elders")
    live.close()
    real_write = rescue.atomic_write

    def full_sessions_disk(path: Path, data: bytes) -> None:
        if path.parent == archive.sessions_dir:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_write(path, data)

    monkeypatch.setattr(rescue, "atomic_write", full_sessions_disk)
    path = save_rescue(archive, "s1", [record])
    assert path.parent == rescue_folders(archive)[1]
    assert find_rescues(archive, "s1") == [path]
    assert read_rescue(path, "s1").records == [record]

    monkeypatch.setattr(
        rescue, "atomic_write", lambda *_: full_sessions_disk(archive.sessions_dir / "x", b"")
    )
    with pytest.raises(WriteFailed) as refused:
        save_rescue(archive, "s1", [record])
    assert refused.value.params["reason"] == "disk_full"


# --- kill -9 on a slow disk ----------------------------------------------------------------------


def run_until_killed(root: Path, seed: int, slow: str) -> tuple[int, list[Record]]:
    """Start the worker on a slowed disk, kill it at a random moment once something is saved;
    return the last seq it said was saved and what the journal holds."""
    environment = {**os.environ, "WYBER_SLOW_FSYNC_MS": slow, "PYTHONPATH": str(REPO)}
    worker = subprocess.Popen(
        [sys.executable, "-m", "tests.durable_worker", str(root), "5000"],
        cwd=REPO,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    saved: list[int] = []
    assert worker.stdout is not None
    reading = threading.Thread(
        target=lambda: saved.extend(
            int(line[6:]) for line in worker.stdout or () if line.startswith(b"SAVED ")
        ),
        daemon=True,
    )
    reading.start()
    deadline = time.monotonic() + 60
    while len(saved) < 3 and worker.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(random.Random(seed).uniform(0.0, 0.4))
    worker.send_signal(signal.SIGKILL)
    worker.wait(timeout=60)
    reading.join(timeout=60)
    assert saved, worker.stderr.read() if worker.stderr else ""
    return max(saved), Archive(root).read(SESSION_ID)


@pytest.mark.slow
@pytest.mark.parametrize("trial", range(6))
def test_nothing_said_saved_is_lost_on_kill_9_with_a_slow_disk(tmp_path: Path, trial: int) -> None:
    saved, records = run_until_killed(tmp_path, trial, "30-300")
    assert [r.seq for r in records] == list(range(1, len(records) + 1))
    assert len(records) >= saved  # every record said saved is in the journal, whole
    assert [r.event for r in records] == [expected_event(r.seq) for r in records]


def test_the_slow_disk_hook_costs_nothing_when_unset() -> None:
    from tui.wyber import journal

    if not os.environ.get("WYBER_SLOW_FSYNC_MS"):
        assert journal.DEFAULT_FSYNC is os.fsync


def test_a_session_writer_appends_many_at_once_or_none(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    live = live_session(tmp_path)
    writer: SessionWriter = live.writer
    records = [
        Record(seq=writer.last_seq + n, at=live.state.last_at, t=1.0, event=PEOPLE[0])
        for n in range(1, 4)
    ]
    disk = full_disk(monkeypatch, writer.path)
    with pytest.raises(WriteFailed):
        writer.append_many(records)
    disk.free()
    assert Archive(tmp_path).read("s1")[-1].seq == 2  # nothing of the three
    writer.append_many(records)
    assert Archive(tmp_path).read("s1")[-3:] == records
    writer.close()
