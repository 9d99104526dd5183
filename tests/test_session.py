"""The live session stamps events on its own clock, and a resumed session counts the time away."""

from pathlib import Path

from tui.wyber.events import IdeaAdded, ParticipantAdded, RoundStarted, SessionResumed
from tui.wyber.plan import Movement
from tui.wyber.session import resume_session, start_session
from tui.wyber.store import Archive
from tui.wyber.timebox import remaining

from .factory import FakeClock, FakeWall, opened


def test_records_are_numbered_and_timed_on_the_session_clock(tmp_path: Path) -> None:
    clock = FakeClock()
    archive = Archive(tmp_path)
    people = [ParticipantAdded(participant_id="p1", name="Anna")]
    with start_session(archive, opened(), people, monotonic=clock, wall=FakeWall(clock)) as live:
        clock.advance(12.5)
        record = live.record(RoundStarted(step=0, movement=Movement.DIVERGE))
        assert (record.seq, record.t) == (3, 12.5)
        assert (record.at - archive.read("s1")[0].at).total_seconds() == 12.5
        assert live.state.participants["p1"].name == "Anna"
    assert [r.seq for r in archive.read("s1")] == [1, 2, 3]


def test_a_resumed_session_is_as_it_was_and_counts_the_time_away(tmp_path: Path) -> None:
    clock = FakeClock()
    wall = FakeWall(clock)
    archive = Archive(tmp_path)
    with start_session(archive, opened(), monotonic=clock, wall=wall) as live:
        live.record(RoundStarted(step=0, movement=Movement.DIVERGE))
        clock.advance(120)
        live.record(IdeaAdded(idea_id="i1", text="Eerste idee"))
    # The laptop was off for 7 minutes; its monotonic clock starts anew after a reboot.
    wall.jumped = 420
    rebooted = FakeClock(now=5.0)
    with resume_session(archive, "s1", monotonic=rebooted, wall=wall) as again:
        last = again.state
        assert isinstance(archive.read("s1")[-1].event, SessionResumed)
        assert last.away == [420.0]
        assert again.now() == 540.0
        assert list(last.ideas) == ["i1"]
        # the diverge box of 10 minutes ran on while away: 9 minutes gone, 1 left
        assert remaining(last, 0, again.now()) == 60
        rebooted.advance(90)
        assert remaining(last, 0, again.now()) == -30
