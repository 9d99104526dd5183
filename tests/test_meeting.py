"""The facilitator's commands: each checks that it makes sense, records what happened, and can be
taken back; what the meeting did is exactly what is on disk.

Every meeting here records into a real archive on a fake clock. A refused command raises `Refused`
with its catalog key and records nothing, neither in the live state nor on disk.
"""

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.wyber.events import (
    AgreementKind,
    ClustersMerged,
    ConsentAnswer,
    ParticipantAdded,
    Rebalanced,
    Resolution,
    SessionFinished,
)
from tui.wyber.fold import fold
from tui.wyber.i18n import tr
from tui.wyber.meeting import Meeting, Refused
from tui.wyber.plan import Movement, Plan, Technique, VeldField
from tui.wyber.session import resume_session, start_session
from tui.wyber.state import ANONYMOUS, SessionState
from tui.wyber.store import Archive
from tui.wyber.timebox import current_clock

from .factory import FakeClock, FakeWall, opened, plan_data, two_step_plan

D, C, K = Movement.DIVERGE, Movement.CONVERGE, Movement.CONSOLIDATE
PEOPLE = [
    ParticipantAdded(participant_id="p1", name="Anna de Vries"),
    ParticipantAdded(participant_id="p2", name="Bram Jansen"),
    ParticipantAdded(participant_id="p3", name="مريم الحداد"),
]


@dataclass
class Room:
    """A meeting recording into an archive, on a clock the test moves."""

    archive: Archive
    clock: FakeClock
    wall: FakeWall
    meeting: Meeting

    @property
    def state(self) -> SessionState:
        return self.meeting.state

    def on_disk(self) -> SessionState:
        return fold(self.archive.read(self.state.session_id))

    def remaining(self) -> float:
        clock = current_clock(self.state, self.meeting.now())
        assert clock is not None
        return clock.remaining

    def idea(self, typed: str, author_id: str | None = None) -> str:
        return self.meeting.add_idea(typed, author_id).id


def open_room(
    root: Path, plan: Plan | None = None, people: list[ParticipantAdded] | None = None
) -> Room:
    clock = FakeClock()
    wall = FakeWall(clock)
    participants = PEOPLE if people is None else people
    live = start_session(Archive(root), opened(plan), participants, monotonic=clock, wall=wall)
    return Room(Archive(root), clock, wall, Meeting(live))


@pytest.fixture
def room(tmp_path: Path) -> Iterator[Room]:
    """The 30-minute wyber: diverge (silent writing), converge (3 dots), consolidate (consent)."""
    made = open_room(tmp_path / "data")
    yield made
    made.meeting.session.close()


@pytest.fixture
def two_steps(tmp_path: Path) -> Iterator[Room]:
    """A check-in that only diverges (go-around, 5 min), then the 30-minute wyber."""
    made = open_room(tmp_path / "data", two_step_plan())
    yield made
    made.meeting.session.close()


def plan_with(**converge: Any) -> Plan:
    data = plan_data()
    data["steps"][0]["converge"] = {"minutes": 10, **converge}
    return Plan.model_validate(data)


@contextmanager
def refused(room: Room, key: str, **params: object) -> Iterator[None]:
    """The command inside is refused with `key` (and `params`), and nothing was recorded."""
    seq = room.state.last_seq
    with pytest.raises(Refused) as info:
        yield
    assert info.value.key == key
    if params:
        assert info.value.params == params
    assert room.state.last_seq == seq, "a refused command recorded something"
    assert len(room.archive.read(room.state.session_id)) == seq


def converging(room: Room) -> Meeting:
    room.meeting.start()
    room.meeting.next_movement()
    assert room.meeting.segment is not None and room.meeting.segment.movement is C
    return room.meeting


def consolidating(room: Room) -> Meeting:
    converging(room).next_movement()
    return room.meeting


# --- the agenda -----------------------------------------------------------------------------------


def test_the_agenda_runs_movement_by_movement_and_ends(room: Room) -> None:
    meeting = room.meeting
    assert not meeting.started and meeting.segment is None and meeting.timebox is None
    meeting.start()
    assert meeting.started
    assert meeting.segment is not None
    assert (meeting.segment.step, meeting.segment.movement) == (0, D)
    assert meeting.technique is Technique.SILENT_WRITING
    assert meeting.next_movement() is True
    assert meeting.technique is Technique.DOT_VOTE
    assert meeting.next_movement() is True
    assert meeting.technique is Technique.CONSENT_ROUND

    seq = room.state.last_seq
    assert meeting.next_movement() is False  # the end of the agenda: nothing recorded
    assert meeting.next_step() is False
    assert room.state.last_seq == seq
    assert meeting.segment is not None and meeting.segment.movement is K

    assert meeting.previous_movement() is True
    assert meeting.segment.movement is C
    assert meeting.previous_movement() is True
    assert meeting.previous_movement() is False
    assert meeting.segment.movement is D
    assert [s.visited for s in room.state.segments] == [True, True, True]
    assert room.on_disk() == room.state


def test_next_step_goes_to_the_first_movement_of_the_next_step(two_steps: Room) -> None:
    meeting = two_steps.meeting
    meeting.start()
    assert meeting.segment is not None
    assert (meeting.segment.step, meeting.segment.movement) == (0, D)
    assert meeting.step.title == "Check-in"
    assert meeting.timebox is not None and meeting.timebox.turn_seconds == 60
    assert meeting.next_step() is True
    assert (meeting.segment.step, meeting.segment.movement) == (1, D)
    meeting.next_movement()
    assert meeting.next_step() is False
    assert (meeting.segment.step, meeting.segment.movement) == (1, C)
    meeting.go_to(0, D)
    assert (meeting.segment.step, meeting.segment.movement) == (0, D)
    with refused(two_steps, "run.refused.no_such_movement"):
        meeting.go_to(0, C)  # the check-in does not converge
    with refused(two_steps, "run.refused.no_such_movement"):
        meeting.go_to(7, D)


def test_what_needs_a_started_meeting_is_refused_before_the_start(room: Room) -> None:
    meeting = room.meeting
    for command in (
        meeting.next_movement,
        meeting.previous_movement,
        meeting.next_step,
        meeting.toggle_pause,
        lambda: meeting.extend(5),
    ):
        with refused(room, "run.refused.not_started"):
            command()
    assert meeting.rebalance() is False  # nothing to rebalance before the first round


def test_a_meeting_starts_once(room: Room) -> None:
    room.meeting.start()
    with refused(room, "run.refused.started"):
        room.meeting.start()


def test_a_finished_meeting_does_not_move_on(room: Room) -> None:
    meeting = converging(room)
    meeting.add_idea("Iets")
    assert meeting.can_undo
    meeting.finish()
    assert room.state.finished and not meeting.can_undo
    for command in (
        meeting.next_movement,
        meeting.previous_movement,
        meeting.toggle_pause,
        lambda: meeting.go_to(0, K),
    ):
        with refused(room, "run.refused.finished"):
            command()
    seq = room.state.last_seq
    meeting.finish()  # once is enough
    assert room.state.last_seq == seq
    events = [r.event for r in room.archive.read("s1")]
    assert sum(isinstance(e, SessionFinished) for e in events) == 1


def test_a_refusal_names_its_key_and_reads_as_a_message() -> None:
    refusal = Refused("run.refused.no_dots_left", dots=3)
    assert "run.refused.no_dots_left" in str(refusal)
    assert refusal.render("en") == tr("en", "run.refused.no_dots_left", dots=3)
    assert "3" in refusal.render("nl")


# --- the clock ------------------------------------------------------------------------------------


def test_the_clock_stops_while_paused_and_goes_on_when_resumed(room: Room) -> None:
    meeting = room.meeting
    meeting.start()
    room.clock.advance(60)
    assert room.remaining() == 540
    assert meeting.toggle_pause() is False
    assert room.state.paused
    clock = current_clock(room.state, meeting.now())
    assert clock is not None and clock.paused
    room.clock.advance(300)
    assert room.remaining() == 540
    assert meeting.toggle_pause() is True
    assert not room.state.paused
    room.clock.advance(40)
    assert room.remaining() == 500
    assert room.on_disk() == room.state


def test_extending_adds_minutes_to_the_current_box_only(room: Room) -> None:
    meeting = room.meeting
    meeting.start()
    room.clock.advance(590)
    assert room.remaining() == 10
    meeting.extend(1)
    assert room.remaining() == 70
    meeting.extend(5)
    assert room.remaining() == 370
    assert [s.budget for s in room.state.segments] == [960, 600, 600]
    assert room.on_disk().segments == room.state.segments


def test_rebalance_after_an_overrun_shrinks_what_is_left_to_end_on_time(room: Room) -> None:
    meeting = room.meeting
    meeting.start()
    room.clock.advance(60)
    assert meeting.rebalance() is False  # on time: nothing changes, nothing recorded
    room.clock.advance(840)  # diverge took 15 minutes instead of 10
    meeting.next_movement()
    seq = room.state.last_seq
    assert meeting.rebalance() is True
    assert isinstance(room.archive.read("s1")[-1].event, Rebalanced)
    assert room.state.last_seq == seq + 1
    # 15 minutes are left of the planned 30: converge and consolidate give 5 whole minutes.
    assert [s.budget for s in room.state.segments] == [600, 420, 480]
    assert room.remaining() == 420
    assert meeting.rebalance() is False  # on time again
    assert room.on_disk().segments == room.state.segments


def test_a_rebalance_spares_the_protected_boxes_and_is_undone_as_one(room: Room) -> None:
    meeting = room.meeting
    meeting.start()
    room.clock.advance(900)  # diverge took 15 minutes instead of 10
    meeting.next_movement()
    assert meeting.rebalance(protected=[(0, Movement.CONVERGE)]) is True
    assert [s.budget for s in room.state.segments] == [600, 600, 300]
    seq = room.state.last_seq
    assert meeting.undo() is True
    assert room.state.last_seq == seq + 1  # one record takes the whole rebalance back
    assert [s.budget for s in room.state.segments] == [600, 600, 600]
    assert room.on_disk().segments == room.state.segments


# --- ideas and who said them ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "text", "author"),
    [
        ("Anna: meer fietsenstallingen", "meer fietsenstallingen", "p1"),
        ("anna - meer fietsenstallingen", "meer fietsenstallingen", "p1"),
        ("  ANNA:meer fietsenstallingen  ", "meer fietsenstallingen", "p1"),
        ("Anna de Vries: meer groen", "meer groen", "p1"),
        ("bram jansen - een pilot: twee wijken", "een pilot: twee wijken", "p2"),
        ("Bram: tijd - geld", "tijd - geld", "p2"),
        ("مريم: مشاركة البيانات", "مشاركة البيانات", "p3"),
        ("Note: dit blijft heel", "Note: dit blijft heel", None),
        ("Anna-Bram: geen van beiden", "Anna-Bram: geen van beiden", None),
        ("Meer fietsen - minder auto's", "Meer fietsen - minder auto's", None),
        ("Vries: achternaam telt niet", "Vries: achternaam telt niet", None),
        ("Gewoon een idee", "Gewoon een idee", None),
    ],
)
def test_a_name_before_the_idea_names_its_author(
    room: Room, typed: str, text: str, author: str | None
) -> None:
    room.meeting.start()
    idea = room.meeting.add_idea(typed)
    assert (idea.text, idea.author_id) == (text, author)
    names = {p.participant_id: p.name for p in PEOPLE}
    assert idea.author_name == (names[author] if author else "")
    assert room.on_disk().ideas == room.state.ideas


def test_a_first_name_two_people_share_names_nobody(room: Room) -> None:
    meeting = room.meeting
    meeting.start()
    other = meeting.add_participant("  Anna   Bakker ")
    assert other.name == "Anna Bakker"
    assert meeting.find_participant("anna") is None
    anonymous = meeting.add_idea("Anna: wie van de twee?")
    assert (anonymous.text, anonymous.author_id) == ("Anna: wie van de twee?", None)
    # The full name still tells them apart.
    assert meeting.add_idea("anna bakker: ik").author_id == other.id
    assert meeting.add_idea("Anna de Vries - ik").author_id == "p1"


def test_an_explicit_author_wins_and_keeps_the_text_as_typed(room: Room) -> None:
    room.meeting.start()
    idea = room.meeting.add_idea("Anna: zei Bram", author_id="p2")
    assert (idea.text, idea.author_id, idea.author_name) == ("Anna: zei Bram", "p2", "Bram Jansen")


@pytest.mark.parametrize("typed", ["", "   ", "\n\t\n", "\x00\x07\x1b", "Anna:   ", "Bram - \r\n"])
def test_an_empty_idea_is_refused(room: Room, typed: str) -> None:
    room.meeting.start()
    with refused(room, "run.refused.empty_idea"):
        room.meeting.add_idea(typed)
    assert not room.state.ideas


def test_editing_keeps_the_author_unless_the_new_text_names_one(room: Room) -> None:
    meeting = room.meeting
    meeting.start()
    idea_id = room.idea("Anna: meer fietsen")
    meeting.edit_idea(idea_id, "meer fietsen en bankjes")
    idea = room.state.ideas[idea_id]
    assert (idea.text, idea.author_id) == ("meer fietsen en bankjes", "p1")
    meeting.edit_idea(idea_id, "Note: alleen bij het station")
    assert (idea.text, idea.author_id) == ("Note: alleen bij het station", "p1")
    meeting.edit_idea(idea_id, "Bram: bij het station")
    assert (idea.text, idea.author_id, idea.author_name) == (
        "bij het station",
        "p2",
        "Bram Jansen",
    )
    with refused(room, "run.refused.empty_idea"):
        meeting.edit_idea(idea_id, "  ")
    with refused(room, "run.refused.no_such_idea"):
        meeting.edit_idea("i999", "iets")

    assert meeting.undo()
    assert (idea.text, idea.author_id) == ("Note: alleen bij het station", "p1")
    assert meeting.undo()
    assert meeting.undo()
    assert (idea.text, idea.author_id, idea.author_name) == (
        "meer fietsen",
        "p1",
        "Anna de Vries",
    )
    assert room.on_disk().ideas == room.state.ideas


def test_an_idea_without_an_author_gets_one_when_edited_with_a_name(room: Room) -> None:
    room.meeting.start()
    idea_id = room.idea("meer bankjes")
    room.meeting.edit_idea(idea_id, "مريم - meer bankjes")
    assert room.state.ideas[idea_id].author_id == "p3"


def test_a_removed_idea_comes_back_with_undo_as_it_was(room: Room) -> None:
    meeting = converging(room)
    idea_id = room.idea("Anna: deelauto's")
    cluster = meeting.create_cluster("Vervoer", [idea_id])
    meeting.vote(idea_id, "p2")
    meeting.remove_idea(idea_id)
    assert idea_id not in room.state.ideas
    assert [t.id for t in meeting.ranking()] == [cluster]
    with refused(room, "run.refused.no_such_idea"):
        meeting.remove_idea(idea_id)
    with refused(room, "run.refused.no_such_target"):
        meeting.vote(idea_id, "p1")

    assert meeting.undo()
    idea = room.state.ideas[idea_id]
    assert (idea.text, idea.author_id, idea.cluster_id) == ("deelauto's", "p1", cluster)
    assert idea.tally.dots == {"p2": 1}
    assert room.on_disk().ideas == room.state.ideas


def test_undo_of_an_added_idea_removes_it_and_undo_runs_out(room: Room) -> None:
    meeting = room.meeting
    meeting.start()
    assert not meeting.can_undo
    assert meeting.undo() is False
    first = room.idea("eerste")
    second = room.idea("tweede")
    assert meeting.undo()
    assert list(room.state.ideas) == [first]
    assert second in room.state.removed_ideas
    assert meeting.undo()
    assert not room.state.ideas
    seq = room.state.last_seq
    assert meeting.undo() is False
    assert room.state.last_seq == seq
    assert room.on_disk() == room.state


# --- clusters -------------------------------------------------------------------------------------


def test_a_cluster_gathers_ideas_and_undo_dissolves_it(room: Room) -> None:
    meeting = converging(room)
    ideas = [room.idea(text) for text in ("fiets", "bus", "trein")]
    cluster = meeting.create_cluster("  Vervoer \n", ideas[:2])
    assert room.state.clusters[cluster].name == "Vervoer"
    assert [i.id for i in room.state.cluster_ideas(cluster)] == ideas[:2]
    assert meeting.undo()
    assert cluster not in room.state.clusters
    assert all(i.cluster_id is None for i in room.state.ideas.values())
    with refused(room, "run.refused.no_cluster_name"):
        meeting.create_cluster(" \x07 ", ideas)
    with refused(room, "run.refused.no_such_idea"):
        meeting.create_cluster("Vervoer", [ideas[0], "i999"])
    assert room.on_disk() == room.state


def test_undo_of_a_cluster_puts_each_idea_back_where_it_was(room: Room) -> None:
    meeting = converging(room)
    a, b, c = (room.idea(text) for text in ("fiets", "bus", "trein"))
    first = meeting.create_cluster("Vervoer", [a, b])
    second = meeting.create_cluster("Openbaar vervoer", [b, c])
    assert room.state.ideas[b].cluster_id == second
    assert meeting.undo()
    assert second not in room.state.clusters
    cluster_of = {i.id: i.cluster_id for i in room.state.ideas.values()}
    assert cluster_of == {a: first, b: first, c: None}
    assert room.on_disk().ideas == room.state.ideas


def test_rename_move_and_their_undo(room: Room) -> None:
    meeting = converging(room)
    a, b = room.idea("fiets"), room.idea("bus")
    cluster = meeting.create_cluster("Vervoer", [a])
    meeting.rename_cluster(cluster, "Mobiliteit 🚲")
    assert room.state.clusters[cluster].name == "Mobiliteit 🚲"
    with refused(room, "run.refused.no_cluster_name"):
        meeting.rename_cluster(cluster, "")
    with refused(room, "run.refused.no_such_cluster"):
        meeting.rename_cluster("c999", "Iets")
    meeting.move_idea(b, cluster)
    meeting.move_idea(a, None)
    assert [i.id for i in room.state.cluster_ideas(cluster)] == [b]
    with refused(room, "run.refused.no_such_cluster"):
        meeting.move_idea(a, "c999")
    with refused(room, "run.refused.no_such_idea"):
        meeting.move_idea("i999", cluster)
    assert meeting.undo()  # a goes back in
    assert meeting.undo()  # b goes back out
    assert [i.id for i in room.state.cluster_ideas(cluster)] == [a]
    assert meeting.undo()
    assert room.state.clusters[cluster].name == "Vervoer"
    assert room.on_disk() == room.state


def test_merging_clusters_adds_their_tallies_and_takes_their_ideas(room: Room) -> None:
    meeting = converging(room)
    a, b, c, d = (room.idea(t) for t in ("fiets", "bus", "trein", "tram"))
    into = meeting.create_cluster("Vervoer", [a])
    other = meeting.create_cluster("OV", [b, c])
    third = meeting.create_cluster("Spoor", [d])
    meeting.vote(into, "p1")
    meeting.vote(other, "p1")
    meeting.vote(other, "p2")
    meeting.vote(third, None)
    meeting.score(into, 4, "p1")
    meeting.score(other, 2, "p1")  # p1 already scored the cluster merged into: that score stays
    meeting.score(other, 5, "p2")
    meeting.toggle_selected(third)

    with refused(room, "run.refused.merge_needs_two"):
        meeting.merge_clusters(into, [into])
    with refused(room, "run.refused.no_such_cluster"):
        meeting.merge_clusters(into, [other, "c999"])
    meeting.merge_clusters(into, [other, third])
    assert list(room.state.clusters) == [into]
    assert {i.cluster_id for i in room.state.ideas.values()} == {into}
    tally = room.state.clusters[into].tally
    assert tally.dots == {"p1": 2, "p2": 1, ANONYMOUS: 1}
    assert tally.scores == {"p1": 4, "p2": 5}
    assert tally.selected
    assert not meeting.can_undo  # a merge is not taken back
    event = room.archive.read("s1")[-1].event
    assert event == ClustersMerged(cluster_id=into, merged_ids=[other, third])
    assert room.on_disk() == room.state


def test_dissolving_a_cluster_frees_its_ideas_and_drops_its_dots(room: Room) -> None:
    meeting = converging(room)
    a, b = room.idea("fiets"), room.idea("bus")
    cluster = meeting.create_cluster("Vervoer", [a, b])
    meeting.vote(cluster, "p1")
    meeting.vote(cluster, "p1")
    assert meeting.dots_used("p1") == 2
    meeting.dissolve_cluster(cluster)
    assert cluster not in room.state.clusters
    assert all(i.cluster_id is None for i in room.state.ideas.values())
    assert meeting.dots_used("p1") == 0
    assert not meeting.can_undo
    with refused(room, "run.refused.no_such_cluster"):
        meeting.dissolve_cluster(cluster)
    assert room.on_disk() == room.state


# --- dots, scores, selection ----------------------------------------------------------------------


def test_each_participant_has_the_plans_dots_and_no_more(room: Room) -> None:
    meeting = converging(room)
    a, b = room.idea("fiets"), room.idea("bus")
    cluster = meeting.create_cluster("OV", [b])
    assert meeting.dots_each() == 3 and meeting.dots_allowed("p1") == 3
    meeting.vote(a, "p1")
    meeting.vote(a, "p1")
    meeting.vote(cluster, "p1")
    assert meeting.dots_used("p1") == 3
    with refused(room, "run.refused.no_dots_left", dots=3):
        meeting.vote(a, "p1")
    with refused(room, "run.refused.no_dots_left", dots=3):
        meeting.vote(cluster, "p1")
    meeting.vote(a, "p2")  # someone else still has all of theirs
    assert room.state.ideas[a].tally.dots == {"p1": 2, "p2": 1}
    # Taking a dot off gives it back to place elsewhere.
    meeting.vote(a, "p1", delta=-1)
    meeting.vote(cluster, "p1")
    assert room.state.clusters[cluster].tally.dots == {"p1": 2}
    assert room.on_disk() == room.state


def test_the_dots_each_come_from_the_plan(tmp_path: Path) -> None:
    room = open_room(tmp_path, plan_with(technique="dot_vote", dots=5))
    with room.meeting.session:
        meeting = converging(room)
        target = room.idea("fiets")
        for _ in range(5):
            meeting.vote(target, "p3")
        with refused(room, "run.refused.no_dots_left", dots=5):
            meeting.vote(target, "p3")


def test_a_dot_that_is_not_there_cannot_be_taken_off(room: Room) -> None:
    meeting = converging(room)
    a, b = room.idea("fiets"), room.idea("bus")
    meeting.vote(a, "p1")
    with refused(room, "run.refused.no_dot_here"):
        meeting.vote(b, "p1", delta=-1)
    with refused(room, "run.refused.no_dot_here"):
        meeting.vote(a, "p2", delta=-1)
    with refused(room, "run.refused.no_dot_here"):
        meeting.vote(a, None, delta=-1)  # p1's dot is not the room's
    with refused(room, "run.refused.no_such_target"):
        meeting.vote("i999", "p1")
    with refused(room, "run.refused.no_such_participant"):
        meeting.vote(a, "p999")


def test_the_room_votes_with_the_dots_of_everyone_present(room: Room) -> None:
    meeting = converging(room)
    target = room.idea("fiets")
    assert meeting.dots_allowed(None) == 9  # 3 dots × 3 present
    for _ in range(9):
        meeting.vote(target)
    with refused(room, "run.refused.no_dots_left", dots=9):
        meeting.vote(target)
    meeting.set_present("p3", False)
    assert meeting.dots_allowed(None) == 6
    with refused(room, "run.refused.no_dots_left", dots=6):
        meeting.vote(target)
    # Nobody is marked present: there is nothing to count a limit from, so the room votes freely.
    meeting.set_present("p1", False)
    meeting.set_present("p2", False)
    assert meeting.dots_allowed(None) is None
    meeting.vote(target)
    assert room.state.ideas[target].tally.dots == {ANONYMOUS: 10}
    with refused(room, "run.refused.no_such_participant"):
        meeting.set_present("p999", True)
    assert room.on_disk() == room.state


def test_undo_takes_a_dot_back_and_puts_a_removed_one_back(room: Room) -> None:
    meeting = converging(room)
    target = room.idea("fiets")
    meeting.vote(target, "p1")
    meeting.vote(target, "p1")
    assert meeting.undo()
    assert room.state.ideas[target].tally.dots == {"p1": 1}
    meeting.vote(target, "p1", delta=-1)
    assert room.state.ideas[target].tally.dots == {}
    assert meeting.undo()
    assert room.state.ideas[target].tally.dots == {"p1": 1}
    assert room.on_disk() == room.state


def test_a_score_runs_from_zero_to_the_top_of_the_scale(room: Room) -> None:
    meeting = converging(room)
    target = room.idea("fiets")
    assert meeting.score_top() == 5  # a dot vote: the default scale
    meeting.score(target, 0, "p1")
    meeting.score(target, 5, "p2")
    for wrong in (-1, 6):
        with refused(room, "run.refused.score_range", top=5):
            meeting.score(target, wrong, "p1")
    with refused(room, "run.refused.no_such_target"):
        meeting.score("i999", 3)
    assert room.state.ideas[target].tally.scores == {"p1": 0, "p2": 5}


def test_a_scoring_plan_sets_the_top_and_undo_restores_the_earlier_score(tmp_path: Path) -> None:
    room = open_room(tmp_path, plan_with(technique="score", max_score=10))
    with room.meeting.session:
        meeting = converging(room)
        target = room.idea("fiets")
        assert meeting.score_top() == 10
        meeting.score(target, 10, "p1")
        with refused(room, "run.refused.score_range", top=10):
            meeting.score(target, 11, "p1")
        meeting.score(target, 3, "p1")
        meeting.score(target, 7)
        assert room.state.ideas[target].tally.scores == {"p1": 3, ANONYMOUS: 7}
        assert meeting.undo()  # p1 changed their mind from 10 to 3: undo gives back the 10
        assert room.state.ideas[target].tally.scores == {"p1": 10, ANONYMOUS: 7}
        assert room.on_disk() == room.state


def test_selection_toggles_and_undo_toggles_back(room: Room) -> None:
    meeting = converging(room)
    target = room.idea("fiets")
    assert meeting.toggle_selected(target) is True
    assert room.state.ideas[target].tally.selected
    assert meeting.toggle_selected(target) is False
    assert meeting.undo()
    assert room.state.ideas[target].tally.selected
    with refused(room, "run.refused.no_such_target"):
        meeting.toggle_selected("c999")


def test_the_ranking_has_this_steps_clusters_and_loose_ideas_most_dots_then_score(
    two_steps: Room,
) -> None:
    meeting = two_steps.meeting
    meeting.start()
    check_in = two_steps.idea("Ik ben er")
    meeting.next_step()
    a, b, c, d, e = (two_steps.idea(t) for t in ("fiets", "bus", "trein", "tram", "lopen"))
    meeting.next_movement()
    cluster = meeting.create_cluster("OV", [b, c])
    meeting.vote(d, "p1")
    meeting.vote(d, "p2")
    meeting.vote(cluster, "p3")
    meeting.score(cluster, 2, "p1")
    meeting.vote(a, "p3")
    meeting.score(a, 4, "p1")
    meeting.score(e, 1, "p2")
    meeting.toggle_selected(d)

    ranking = meeting.ranking()
    assert [(t.id, t.dots, t.score) for t in ranking] == [
        (d, 2, 0),
        (a, 1, 4),
        (cluster, 1, 2),
        (e, 0, 1),
    ]
    assert [t.is_cluster for t in ranking] == [False, False, True, False]
    assert ranking[0].selected and not ranking[1].selected
    assert ranking[2].label == "OV" and ranking[0].label == "tram"
    assert [t.id for t in meeting.ranking(step=0)] == [check_in]
    assert [i.id for i in meeting.ideas_of_step()] == [a, b, c, d, e]
    assert [i.id for i in meeting.ideas_of_step(0)] == [check_in]


# --- agreements and consent -----------------------------------------------------------------------


def test_an_agreement_records_its_kind_owner_deadline_and_field(room: Room) -> None:
    meeting = consolidating(room)
    agreement = meeting.record_agreement(
        "Fietsenstalling bij het station 🚲",
        kind=AgreementKind.ACTION,
        owner_id="p2",
        deadline=date(2026, 12, 1),
        field=VeldField.EXECUTING,
    )
    assert agreement.number == 1
    assert (agreement.kind, agreement.owner_id, agreement.owner_name) == (
        AgreementKind.ACTION,
        "p2",
        "Bram Jansen",
    )
    assert (agreement.deadline, agreement.field) == (date(2026, 12, 1), VeldField.EXECUTING)
    assert (agreement.step, agreement.movement) == (0, K)

    meeting.edit_agreement(
        agreement.id, "Stalling bij het station", AgreementKind.DECISION, "p3", None, None
    )
    edited = room.state.agreements[agreement.id]
    assert (edited.text, edited.kind, edited.owner_name, edited.deadline, edited.field) == (
        "Stalling bij het station",
        AgreementKind.DECISION,
        "مريم الحداد",
        None,
        None,
    )
    assert meeting.undo()
    back = room.state.agreements[agreement.id]
    assert (back.text, back.kind, back.owner_id, back.deadline, back.field) == (
        "Fietsenstalling bij het station 🚲",
        AgreementKind.ACTION,
        "p2",
        date(2026, 12, 1),
        VeldField.EXECUTING,
    )
    with refused(room, "run.refused.no_such_participant"):
        meeting.record_agreement("Iets", owner_id="p999")
    with refused(room, "run.refused.empty_agreement"):
        meeting.record_agreement(" \n ")
    with refused(room, "run.refused.no_such_agreement"):
        meeting.edit_agreement("a999", "Iets", AgreementKind.AGREEMENT, None, None, None)
    assert room.on_disk() == room.state


def test_agreement_numbers_are_never_given_out_twice(room: Room) -> None:
    meeting = consolidating(room)
    first = meeting.record_agreement("Eerste")
    second = meeting.record_agreement("Tweede")
    assert (first.number, second.number) == (1, 2)
    assert meeting.undo()  # undo of recording removes it
    assert second.id not in room.state.agreements
    third = meeting.record_agreement("Derde")
    assert third.number == 3
    meeting.remove_agreement(first.id)
    assert not meeting.can_undo  # a removal is not taken back
    with refused(room, "run.refused.no_such_agreement"):
        meeting.remove_agreement(first.id)
    fourth = meeting.record_agreement("Vierde")
    assert [a.number for a in room.state.agreements.values()] == [3, 4]
    assert fourth.id not in {first.id, second.id, third.id}
    assert room.on_disk() == room.state


def test_an_objection_must_be_written_down(room: Room) -> None:
    meeting = consolidating(room)
    agreement = meeting.record_agreement("Elke maand overleg")
    for empty in ("", "  ", "\x00"):
        with refused(room, "run.refused.objection_needs_text"):
            meeting.answer_consent(agreement.id, "p1", ConsentAnswer.OBJECTION, empty)
    meeting.answer_consent(agreement.id, "p1", ConsentAnswer.OBJECTION, "  Te vaak\x07  ")
    answer = room.state.agreements[agreement.id].round.answers["p1"]
    assert (answer.answer, answer.objection) == (ConsentAnswer.OBJECTION, "Te vaak")
    meeting.answer_consent(agreement.id, "p1", ConsentAnswer.CONSENT)
    answer = room.state.agreements[agreement.id].round.answers["p1"]
    assert (answer.answer, answer.objection) == (ConsentAnswer.CONSENT, "")
    with refused(room, "run.refused.no_such_agreement"):
        meeting.answer_consent("a999", "p1", ConsentAnswer.CONSENT)
    assert room.on_disk() == room.state


# --- ending ---------------------------------------------------------------------------------------


def test_an_evaluation_scores_from_one_to_ten(room: Room) -> None:
    meeting = consolidating(room)
    for wrong in ({"p1": 0}, {"p1": 11}, {"p1": 7, "p2": -3}):
        with refused(room, "run.refused.evaluation_score"):
            meeting.evaluate("Goed", "Verder", wrong)
    meeting.evaluate("Iedereen kwam aan het woord 🙌", "Pilot", {"p1": 1, "p2": 10})
    evaluation = room.state.evaluation
    assert evaluation is not None
    assert evaluation.scores == {"p1": 1, "p2": 10}
    assert evaluation.went_well == "Iedereen kwam aan het woord 🙌"
    meeting.finish()
    assert room.state.finished
    assert room.on_disk() == room.state


# --- what is on disk ------------------------------------------------------------------------------


def test_everything_the_meeting_did_is_on_disk_and_survives_a_resume(tmp_path: Path) -> None:
    room = open_room(tmp_path, two_step_plan())
    meeting = room.meeting
    meeting.start()
    meeting.add_idea("Anna: goed geslapen")
    room.clock.advance(200)
    meeting.next_step()
    newcomer = meeting.add_participant("Daan", organisation="Wijkraad", role="bewoner")
    ideas = [room.idea(f"Bram: idee {n} 💡") for n in range(6)]
    meeting.remove_idea(ideas[5])
    meeting.edit_idea(ideas[4], "Daan: beter idee")
    room.clock.advance(700)
    meeting.next_movement()
    meeting.rebalance()
    first = meeting.create_cluster("Eerste", ideas[:2])
    second = meeting.create_cluster("Tweede", ideas[2:4])
    meeting.vote(first, "p1")
    meeting.vote(second, "p2")
    meeting.vote(ideas[4], None)
    meeting.score(second, 4, "p3")
    meeting.merge_clusters(first, [second])
    meeting.toggle_selected(first)
    meeting.toggle_pause()
    room.clock.advance(30)
    meeting.toggle_pause()
    meeting.extend(2)
    meeting.set_present("p3", False)
    meeting.next_movement()
    agreement = meeting.record_agreement("Pilot in twee wijken", owner_id=newcomer.id)
    meeting.answer_consent(agreement.id, "p1", ConsentAnswer.CONSENT)
    meeting.record_agreement("Weggehaald")
    meeting.undo()
    live = room.state
    stored = room.on_disk()
    assert stored == live
    assert (stored.ideas, stored.clusters, stored.agreements) == (
        live.ideas,
        live.clusters,
        live.agreements,
    )
    assert list(stored.removed_ideas) == [ideas[5]]
    assert [a.text for a in stored.agreements.values()] == ["Pilot in twee wijken"]
    meeting.session.close()

    # A break-off: the laptop was away for ten minutes; the meeting goes on from where it was.
    room.wall.jumped = 600
    again = resume_session(room.archive, "s1", monotonic=FakeClock(3.0), wall=room.wall)
    with again:
        resumed = Meeting(again)
        state = resumed.state
        assert (state.ideas, state.clusters, state.agreements) == (
            live.ideas,
            live.clusters,
            live.agreements,
        )
        assert state.participants == live.participants
        assert state.current == live.current and resumed.technique is Technique.CONSENT_ROUND
        assert state.segments[:-1] == live.segments[:-1] and state.away == [600.0]
        assert not resumed.can_undo  # undo does not reach across a break-off
        late = resumed.add_idea("Daan: na de onderbreking")
        assert late.id not in live.ideas and late.id not in live.removed_ideas
        assert late.author_id == newcomer.id
        assert resumed.record_agreement("Na de pauze").number == 3
        resumed.finish()
        assert fold(room.archive.read("s1")) == resumed.state


def test_text_is_kept_as_typed_except_for_control_characters(room: Room) -> None:
    meeting = room.meeting
    meeting.start()
    controlled = room.idea("Anna:\x00 fiets\x07en\x1b[31m\x0b\r\nmet regels\x7f")
    emoji = room.idea("👩🏽‍🔬🔋 samen sterker 🇳🇱")
    rtl = room.idea("مريم: تحسين جمع النفايات — שיתוף פעולה")
    long_text = "".join(f"{n % 10}é😀" for n in range(6_667))[:20_000]
    assert len(long_text) == 20_000
    long_id = room.idea(long_text)
    ideas = room.state.ideas
    assert (ideas[controlled].text, ideas[controlled].author_id) == (
        "fietsen\nmet regels",  # the whole escape sequence and DEL go, the text after them stays
        "p1",
    )
    assert ideas[emoji].text == "👩🏽‍🔬🔋 samen sterker 🇳🇱"
    assert (ideas[rtl].text, ideas[rtl].author_id) == ("تحسين جمع النفايات — שיתוף פעולה", "p3")
    assert ideas[long_id].text == long_text
    assert room.on_disk().ideas == ideas


def test_ids_are_never_given_out_twice(room: Room) -> None:
    meeting = converging(room)
    seen: list[str] = []
    for n in range(4):
        seen.append(room.idea(f"idee {n}"))
    meeting.remove_idea(seen[0])
    seen.append(room.idea("na verwijderen"))
    meeting.undo()  # takes that idea back: its id is not given out again
    seen.append(room.idea("na undo"))
    seen.append(meeting.create_cluster("A", seen[1:3]))
    seen.append(meeting.create_cluster("B", [seen[3]]))
    meeting.merge_clusters(seen[-2], [seen[-1]])
    seen.append(meeting.create_cluster("C", []))
    meeting.dissolve_cluster(seen[-1])
    seen.append(meeting.create_cluster("D", []))
    seen.append(meeting.add_participant("Eva").id)
    meeting.next_movement()
    seen.append(meeting.record_agreement("X").id)
    meeting.remove_agreement(seen[-1])
    seen.append(meeting.record_agreement("Y").id)
    assert len(set(seen)) == len(seen)
    assert not set(seen) & {p.participant_id for p in PEOPLE}


# --- any sequence of commands ---------------------------------------------------------------------

TEXTS = st.one_of(
    st.text(min_size=1, max_size=30),
    st.sampled_from(["Anna: x", "anna - y", "Bram Jansen: z", "Note: n", "مريم: ف", "fiets 🚲"]),
    st.sampled_from(["", "  ", "\x07", "Anna:  "]),
)
# Commands and how often they come up: the board gets busy, and the meeting seldom ends early.
WEIGHTS = {
    "start": 1,
    "next_movement": 3,
    "previous_movement": 1,
    "next_step": 1,
    "toggle_pause": 2,
    "extend": 1,
    "rebalance": 1,
    "advance": 3,
    "add_participant": 1,
    "set_present": 2,
    "add_idea": 10,
    "edit_idea": 3,
    "remove_idea": 2,
    "create_cluster": 4,
    "dissolve_cluster": 1,
    "rename_cluster": 1,
    "merge_clusters": 2,
    "move_idea": 3,
    "vote": 8,
    "unvote": 3,
    "score": 3,
    "toggle_selected": 2,
    "record_agreement": 3,
    "edit_agreement": 2,
    "remove_agreement": 1,
    "answer_consent": 2,
    "resolve_objection": 1,
    "evaluate": 1,
    "finish": 1,
    "undo": 6,
}
COMMANDS = [name for name, weight in WEIGHTS.items() for _ in range(weight)]


def run_command(room: Room, name: str, data: st.DataObject) -> None:
    """One command with arguments drawn from what is on the board (and some that are not)."""
    meeting, state = room.meeting, room.state

    def some(ids: list[str], missing: str) -> str:
        """Mostly something on the board; now and then something that is not (any more)."""
        if not ids or data.draw(st.integers(0, 9)) == 0:
            return missing
        return data.draw(st.sampled_from(ids))

    def ideas() -> str:
        return some(list(state.ideas), "i0")

    def clusters() -> str:
        return some(list(state.clusters), "c0")

    def targets() -> str:
        return some([*state.ideas, *state.clusters], "x0")

    def people() -> str | None:
        return data.draw(st.sampled_from([None, *state.participants]))

    def agreements() -> str:
        return some(list(state.agreements), "a0")

    kinds = st.sampled_from(list(AgreementKind))
    fields = st.none() | st.sampled_from(list(VeldField))
    deadlines = st.none() | st.dates(date(2026, 1, 1), date(2027, 12, 31))

    match name:
        case "start" | "next_movement" | "previous_movement" | "next_step" | "toggle_pause":
            getattr(meeting, name)()
        case "rebalance" | "finish" | "undo":
            getattr(meeting, name)()
        case "extend":
            meeting.extend(data.draw(st.integers(-15, 15)))
        case "advance":
            room.clock.advance(data.draw(st.floats(0, 900, allow_nan=False)))
        case "add_participant":
            meeting.add_participant(data.draw(st.text(max_size=20)))
        case "set_present":
            meeting.set_present(some(list(state.participants), "p0"), data.draw(st.booleans()))
        case "add_idea":
            meeting.add_idea(data.draw(TEXTS), data.draw(st.none() | st.just("p2")))
        case "edit_idea":
            meeting.edit_idea(ideas(), data.draw(TEXTS))
        case "remove_idea":
            meeting.remove_idea(ideas())
        case "create_cluster":
            chosen = data.draw(st.lists(st.sampled_from([*state.ideas, "i0"]), max_size=3))
            meeting.create_cluster(data.draw(TEXTS), chosen)
        case "dissolve_cluster":
            meeting.dissolve_cluster(clusters())
        case "rename_cluster":
            meeting.rename_cluster(clusters(), data.draw(TEXTS))
        case "merge_clusters":
            others = data.draw(st.lists(st.sampled_from([*state.clusters, "c0"]), max_size=3))
            meeting.merge_clusters(clusters(), others)
        case "move_idea":
            meeting.move_idea(ideas(), data.draw(st.sampled_from([None, *state.clusters, "c0"])))
        case "vote":
            meeting.vote(targets(), people())
        case "unvote":
            meeting.vote(targets(), people(), delta=-1)
        case "score":
            meeting.score(targets(), data.draw(st.integers(-1, 6)), people())
        case "toggle_selected":
            meeting.toggle_selected(targets())
        case "record_agreement":
            meeting.record_agreement(
                data.draw(TEXTS),
                data.draw(kinds),
                people(),
                data.draw(deadlines),
                data.draw(fields),
            )
        case "edit_agreement":
            meeting.edit_agreement(
                agreements(),
                data.draw(TEXTS),
                data.draw(kinds),
                people(),
                data.draw(deadlines),
                data.draw(fields),
            )
        case "remove_agreement":
            meeting.remove_agreement(agreements())
        case "answer_consent":
            answer = data.draw(st.sampled_from([*ConsentAnswer, None]))
            meeting.answer_consent(agreements(), people() or "p0", answer, data.draw(TEXTS))
        case "resolve_objection":
            resolution = data.draw(st.sampled_from(Resolution))
            meeting.resolve_objection(agreements(), people() or "p0", resolution, data.draw(TEXTS))
        case "evaluate":
            scores = data.draw(
                st.dictionaries(st.sampled_from(list(state.participants)), st.integers(0, 11))
            )
            meeting.evaluate(data.draw(TEXTS), data.draw(TEXTS), scores)
        case _:
            raise AssertionError(name)


def things(state: SessionState) -> set[str]:
    """The ids of everything on (or taken off) the board."""
    return {
        *state.participants,
        *state.ideas,
        *state.removed_ideas,
        *state.clusters,
        *state.agreements,
    }


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_any_sequence_of_commands_keeps_the_live_state_equal_to_what_is_stored(
    data: st.DataObject,
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        room = open_room(Path(folder), two_step_plan())
        with room.meeting.session:
            if data.draw(st.integers(0, 9), label="start first"):
                room.meeting.start()
            ever: set[str] = set(things(room.state))
            for _ in range(data.draw(st.integers(1, 50), label="length")):
                name = data.draw(st.sampled_from(COMMANDS), label="command")
                seq, before = room.state.last_seq, things(room.state)
                try:
                    run_command(room, name, data)
                except Refused:
                    assert room.state.last_seq == seq, f"{name} was refused yet recorded"
                new = things(room.state) - before
                assert not new & ever, f"{name} gave out an id used before: {new & ever}"
                ever |= new
                assert not room.state.ideas.keys() & room.state.removed_ideas.keys()
            assert room.on_disk() == room.state
            numbers = [a.number for a in room.state.agreements.values()]
            assert numbers == sorted(set(numbers))
