"""The background writer puts every record on disk in order, and loses none when the disk refuses.

The live session folds a record at once and hands it to the writer's queue; a thread appends it
durably. On a full disk the records wait in memory and are retried; once there is room again they
all arrive, in order, and nothing is written twice. Closing writes what is queued and frees the
session for the next wyber.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tui.wyber.events import IdeaAdded, ParticipantAdded, Record
from tui.wyber.fold import fold
from tui.wyber.meeting import Meeting
from tui.wyber.recorder import BackgroundWriter
from tui.wyber.session import LiveSession, start_session
from tui.wyber.store import Archive, SessionLocked

from .disks import WAIT, Disk
from .factory import FakeClock, FakeWall, opened

PEOPLE = [
    ParticipantAdded(participant_id="p1", name="Anna de Vries"),
    ParticipantAdded(participant_id="p2", name="مريم الحداد"),
]
RETRY = 0.02


@dataclass
class Recording:
    archive: Archive
    live: LiveSession
    writer: BackgroundWriter

    @property
    def path(self) -> Path:
        return self.archive.path_of("s1")

    def idea(self, text: str) -> Record:
        return self.live.record(IdeaAdded(idea_id=f"i{self.live.state.last_seq + 1}", text=text))

    def on_disk(self) -> list[Record]:
        return self.archive.read("s1")


def recording(archive: Archive, retry_seconds: float = RETRY) -> Recording:
    clock = FakeClock()
    live = start_session(archive, opened(), PEOPLE, monotonic=clock, wall=FakeWall(clock))
    writer = BackgroundWriter(live.writer, retry_seconds=retry_seconds)
    live.sink = writer.submit
    return Recording(archive, live, writer)


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Recording]:
    made = recording(Archive(tmp_path / "data"))
    yield made
    made.writer.close()


@pytest.fixture(params=["write", "fsync"])
def disk(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Disk:
    # Installed before the session opens, so the journal's own fsync is the refusing one.
    return Disk(monkeypatch, Archive(tmp_path / "data").path_of("s1"), request.param)


def lines(path: Path) -> list[bytes]:
    return path.read_bytes().splitlines(keepends=True)


# --- in order, on disk ----------------------------------------------------------------------------


def test_records_handed_over_arrive_on_disk_in_order(session: Recording) -> None:
    start = session.on_disk()
    assert session.writer.durable == len(start) == 1 + len(PEOPLE)
    assert session.writer.path == str(session.path)

    handed = [session.idea(f"Idee {n} 🚲 فكرة") for n in range(1, 41)]
    # The live state has every record at once, whatever the disk is doing.
    assert len(session.live.state.ideas) == 40

    assert session.writer.flush(timeout=WAIT)
    assert session.writer.pending == 0
    assert session.writer.failure is None
    assert session.writer.durable == handed[-1].seq == session.live.state.last_seq
    assert session.on_disk() == [*start, *handed]
    assert fold(session.on_disk()) == session.live.state
    assert len(lines(session.path)) == 1 + len(start) + len(handed)  # header, then one per record


def test_close_writes_what_is_still_queued_and_frees_the_session(tmp_path: Path) -> None:
    archive = Archive(tmp_path / "data")
    made = recording(archive)
    with pytest.raises(SessionLocked):
        archive.open("s1")  # the recording wyber holds the session
    handed = [made.idea(f"Idee {n}") for n in range(1, 101)]  # no flush: close must do it

    assert made.writer.close() is True
    assert made.writer.close() is True  # closing twice (on the way out) is harmless
    assert made.writer.pending == 0
    assert made.writer.durable == handed[-1].seq
    assert made.on_disk()[-100:] == handed
    with archive.open("s1") as again:  # the lock is released
        assert again.last_seq == handed[-1].seq


def test_nothing_is_handed_over_after_close(session: Recording) -> None:
    session.idea("Voor het sluiten")
    assert session.writer.close() is True
    with pytest.raises(RuntimeError):
        session.idea("Na het sluiten")
    assert [r.event for r in session.on_disk()][-1] == IdeaAdded(
        idea_id="i4", text="Voor het sluiten"
    )


def test_flush_with_nothing_handed_over_returns_at_once(session: Recording) -> None:
    assert session.writer.flush(timeout=0)
    assert session.writer.pending == 0


# --- a full disk ----------------------------------------------------------------------------------


def test_on_a_full_disk_records_wait_and_then_all_arrive_in_order(
    disk: Disk, tmp_path: Path
) -> None:
    made = recording(Archive(tmp_path / "data"))
    before = [made.idea(f"Idee {n}") for n in range(1, 4)]
    assert made.writer.flush(timeout=WAIT)
    acknowledged = made.on_disk()
    written = made.writer.durable

    disk.fill()
    waiting = [made.idea(f"Past niet 💾 {n}") for n in range(1, 6)]
    # The meeting goes on: the state has the ideas, though the disk has not.
    assert [i.text for i in made.live.state.ideas.values()][-5:] == [
        f"Past niet 💾 {n}" for n in range(1, 6)
    ]
    assert disk.wait_refused(2)  # refused, and tried again
    assert not made.writer.flush(timeout=0.05)
    failure = made.writer.failure
    assert failure is not None and failure.params["reason"] == "disk_full"
    assert failure.params["path"] == str(made.path)
    assert made.writer.pending == len(waiting)
    assert made.writer.durable == written
    assert made.on_disk() == acknowledged  # nothing half written reads as a record

    disk.free()
    made.writer.retry_now()
    assert made.writer.flush(timeout=WAIT)
    assert made.writer.failure is None
    assert made.writer.pending == 0
    assert made.writer.durable == waiting[-1].seq
    assert made.on_disk() == [*acknowledged, *waiting]
    assert made.on_disk()[-8:] == [*before, *waiting]
    # Every record once: the refused attempts left nothing behind in the file.
    assert len(lines(made.path)) == 1 + len(acknowledged) + len(waiting)
    assert fold(made.on_disk()) == made.live.state

    after = made.idea("Weer ruimte 🎉")
    assert made.writer.close() is True
    assert made.on_disk()[-1] == after


def test_retrying_goes_on_by_itself_without_retry_now(disk: Disk, tmp_path: Path) -> None:
    made = recording(Archive(tmp_path / "data"))
    disk.fill()
    waiting = [made.idea(f"Idee {n}") for n in range(1, 4)]
    assert disk.wait_refused(3)
    disk.free()
    assert made.writer.flush(timeout=WAIT)
    assert made.on_disk()[-3:] == waiting
    assert made.writer.failure is None
    assert made.writer.close() is True


def test_a_flaky_disk_still_gets_every_record_once_and_in_order(disk: Disk, tmp_path: Path) -> None:
    made = recording(Archive(tmp_path / "data"))
    start = made.on_disk()
    disk.refuse_every = 3
    handed = []
    for n in range(1, 31):  # one at a time: group commit would put a burst in one attempt
        handed.append(made.idea(f"Idee {n} ✨"))
        assert made.writer.wait_durable(handed[-1].seq, timeout=WAIT)
    assert disk.refused >= 10
    assert made.writer.failure is None
    assert made.on_disk() == [*start, *handed]
    assert len(lines(made.path)) == 1 + len(start) + len(handed)
    disk.refuse_every = 0
    assert made.writer.close() is True


def test_a_meeting_goes_on_while_the_disk_is_full(disk: Disk, tmp_path: Path) -> None:
    made = recording(Archive(tmp_path / "data"))
    meeting = Meeting(made.live)
    meeting.start()
    first = meeting.add_idea("Anna: fietsen").id
    assert made.writer.flush(timeout=WAIT)
    written = made.writer.durable

    disk.fill()
    meeting.next_movement()
    second = meeting.add_idea("مريم: bussen").id
    cluster = meeting.create_cluster("Vervoer", [first, second])
    meeting.vote(cluster, "p1")
    meeting.vote(cluster, "p1")
    meeting.undo()
    assert made.live.state.clusters[cluster].tally.dots == {"p1": 1}
    assert disk.wait_refused(1)
    assert made.writer.pending == made.live.state.last_seq - written == 6
    assert made.writer.durable == written

    disk.free()
    made.writer.retry_now()
    assert made.writer.flush(timeout=WAIT)
    assert fold(made.on_disk()) == made.live.state
    assert made.writer.close() is True


def test_close_on_a_disk_that_still_refuses_keeps_everything_and_goes_on_retrying(
    disk: Disk, tmp_path: Path
) -> None:
    archive = Archive(tmp_path / "data")
    made = recording(archive)
    made.idea("Staat erop")
    assert made.writer.flush(timeout=WAIT)
    acknowledged = made.on_disk()

    disk.fill()
    waiting = [made.idea("Past niet"), made.idea("Past ook niet")]
    assert disk.wait_refused(1)
    assert made.writer.close(timeout=0.05) is False
    assert made.writer.close(timeout=0.05) is False  # a second try on the way out: the same
    assert made.writer.pending == 2  # still in memory, and the session still held
    assert made.writer.failure is not None
    with pytest.raises(SessionLocked):
        archive.open("s1")
    assert made.on_disk() == acknowledged
    refused = disk.refused
    assert disk.wait_refused(refused + 2)  # closing did not stop the retrying

    later = made.idea("Na de eerste poging om te sluiten")  # the next idea is taken, not refused
    disk.free()
    assert made.writer.close(timeout=WAIT) is True
    assert made.on_disk() == [*acknowledged, *waiting, later]
    with archive.open("s1") as again:  # released once everything was on disk
        assert again.records == made.on_disk()
