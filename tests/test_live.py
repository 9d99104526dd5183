"""One door into a live session: commands from many hands, on one owner, each actor's own undo,
and the late-command rule held alike by the commands, the fold, the replay and the minutes.

Every meeting here records into a real archive on a fake clock; what a test asserts about the
state it also asserts about the journal read back from disk where that is the point.
"""

import asyncio
import gc
import threading
import weakref
from collections.abc import Iterator
from concurrent.futures import Future
from pathlib import Path

import pytest

from tests.test_meeting import PEOPLE, Room, open_room
from tui.wyber.commands import (
    AddIdea,
    CreateCluster,
    MoveIdeas,
    NextMovement,
    Outcome,
    Refused,
    RemoveIdea,
    Score,
    Undo,
    Vote,
)
from tui.wyber.events import (
    IdeaAdded,
    Record,
    RoundStarted,
    VoteCast,
)
from tui.wyber.fold import fold
from tui.wyber.i18n import tr
from tui.wyber.live import HANDLERS, UNDO_DEPTH, Draft, WrongThread
from tui.wyber.minutes.build import build_minutes
from tui.wyber.minutes.markdown import markdown
from tui.wyber.plan import Movement
from tui.wyber.recorder import BackgroundWriter
from tui.wyber.replay import Timeline

from .factory import opened, records, two_step_plan

D, C, K = Movement.DIVERGE, Movement.CONVERGE, Movement.CONSOLIDATE


@pytest.fixture
def room(tmp_path: Path) -> Iterator[Room]:
    """The 30-minute wyber, started: diverge, converge (3 dots each), consolidate."""
    made = open_room(tmp_path / "data")
    made.meeting.start()
    yield made
    made.meeting.session.close()


def refusal(outcome: Outcome) -> str:
    assert outcome.refused is not None, "the command was not refused"
    return outcome.refused.key


# ── one owner, many sources ─────────────────────────────────────────────────────────────────────


def test_three_sources_of_300_ideas_each_all_arrive_in_order(tmp_path: Path) -> None:
    """The race that lost 541 of 900 ideas when three threads recorded directly: through the
    door, every idea is in the state and in the journal read back, each source's in its order."""
    room = open_room(tmp_path / "data")
    meeting = room.meeting
    writer = BackgroundWriter(meeting.session.writer)
    meeting.session.sink = writer.submit
    sources = ["p1", "p2", "p3"]

    async def owner() -> list[Outcome]:
        meeting.bind(asyncio.get_running_loop().call_soon_threadsafe)
        meeting.start()
        futures: list[Future[Outcome]] = []
        lock = threading.Lock()
        go = threading.Barrier(len(sources))

        def source(actor: str) -> None:
            go.wait()  # all three at once
            for n in range(300):
                future = meeting.submit_threadsafe(
                    AddIdea(actor=actor, step=0, movement=D, text=f"{actor} idee {n}")
                )
                with lock:
                    futures.append(future)

        threads = [threading.Thread(target=source, args=(a,)) for a in sources]
        for thread in threads:
            thread.start()
        while any(t.is_alive() for t in threads):
            await asyncio.sleep(0.01)  # the owner keeps running the commands meanwhile
        return list(await asyncio.gather(*(asyncio.wrap_future(f) for f in futures)))

    outcomes = asyncio.run(owner())
    assert [o.refused for o in outcomes if o.refused is not None] == []
    assert len(meeting.state.ideas) == 900
    assert writer.close()
    on_disk = room.archive.read(meeting.state.session_id)
    assert [r.seq for r in on_disk] == list(range(1, len(on_disk) + 1))
    added = [r for r in on_disk if isinstance(r.event, IdeaAdded)]
    assert len(added) == 900
    for actor in sources:
        texts = [r.event.text for r in added if r.actor == actor and isinstance(r.event, IdeaAdded)]
        assert texts == [f"{actor} idee {n}" for n in range(300)]
    assert fold(on_disk).ideas == meeting.state.ideas


def test_a_command_from_another_thread_is_refused_loudly_without_a_dispatcher(room: Room) -> None:
    errors: list[BaseException] = []

    def elsewhere() -> None:
        for call in (room.meeting.execute, room.meeting.submit_threadsafe):
            try:
                call(AddIdea(text="van buiten"))
            except WrongThread as error:
                errors.append(error)

    thread = threading.Thread(target=elsewhere)
    thread.start()
    thread.join()
    assert len(errors) == 2
    assert room.state.ideas == {} and room.on_disk().ideas == {}


def test_a_command_from_another_thread_that_fails_is_applied_not_at_all(
    room: Room, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Marshalled to the owner, a command that is refused, or that meets a bug after drafting
    some of its records, records nothing; its caller learns why, and the owner goes on."""
    idea = room.meeting.add_idea("Een").id
    room.meeting.remove_idea(idea)

    def drafts_then_breaks(draft: Draft, command: AddIdea) -> None:
        draft.add(IdeaAdded(idea_id=draft.new_id("i"), text=command.text))
        raise RuntimeError("a bug halfway through a command")

    async def owner() -> Outcome:
        room.meeting.bind(asyncio.get_running_loop().call_soon_threadsafe)
        moved: list[Future[Outcome]] = []
        broken: list[Future[Outcome]] = []

        def phone() -> None:
            moved.append(
                room.meeting.submit_threadsafe(MoveIdeas(idea_ids=[idea], cluster_id=None))
            )
            broken.append(room.meeting.submit_threadsafe(AddIdea(text="Half")))

        monkeypatch.setitem(HANDLERS, AddIdea, drafts_then_breaks)
        thread = threading.Thread(target=phone)
        thread.start()
        while thread.is_alive():
            await asyncio.sleep(0.01)
        with pytest.raises(RuntimeError, match="halfway"):
            await asyncio.wrap_future(broken[0])
        return await asyncio.wrap_future(moved[0])

    before = room.state.last_seq
    assert refusal(asyncio.run(owner())) == "run.refused.no_such_idea"
    assert room.state.last_seq == before and room.on_disk().last_seq == before
    monkeypatch.undo()
    room.meeting.bind(lambda call: call())  # the owner is this thread again
    assert room.meeting.add_idea("Daarna").text == "Daarna"


def test_on_the_owner_submit_runs_at_once(room: Room) -> None:
    future = room.meeting.submit_threadsafe(AddIdea(actor="p2", text="Meer fietsenrekken"))
    assert future.result(timeout=0).done
    (idea,) = room.state.ideas.values()
    assert idea.text == "Meer fietsenrekken"


# ── records say who and where ───────────────────────────────────────────────────────────────────


def test_records_carry_their_actor_and_where_they_were_made(room: Room) -> None:
    room.meeting.add_idea("Van de facilitator")
    room.meeting.execute(AddIdea(actor="p2", step=0, movement=D, text="Van Bram"))
    *_, mine, bram = room.archive.read(room.state.session_id)
    assert (mine.actor, mine.step, mine.movement) == (None, 0, D)
    assert (bram.actor, bram.step, bram.movement) == ("p2", 0, D)


def test_a_record_gives_its_step_and_movement_together() -> None:
    (record,) = records([(1.0, IdeaAdded(idea_id="i1", text="x"))])
    data = {**record.model_dump(mode="json"), "step": 0}
    with pytest.raises(ValueError, match="together"):
        Record.model_validate(data)


# ── views observe ───────────────────────────────────────────────────────────────────────────────


def test_subscribers_hear_each_command_once_after_it_is_folded(room: Room) -> None:
    heard: list[tuple[int, list[str]]] = []

    def note(made: tuple[Record, ...]) -> None:
        # The state already holds what the records say when a view hears of them.
        heard.append((len(room.state.ideas), [r.event.type for r in made]))

    stop = room.meeting.subscribe(note)
    a = room.meeting.add_idea("Een").id
    b = room.meeting.add_idea("Twee").id
    room.meeting.next_movement()
    room.meeting.create_cluster("Samen", [a])
    room.meeting.move_ideas([a, b], None)
    refused = room.meeting.execute(Vote(target_id="nowhere", step=0, movement=C))
    stop()
    room.meeting.add_idea("Drie")
    assert refusal(refused) == "run.refused.no_such_target"
    assert heard == [
        (1, ["idea_added"]),
        (2, ["idea_added"]),
        (2, ["round_started"]),
        (2, ["cluster_created"]),
        (2, ["idea_moved", "idea_moved"]),
    ]


# ── undo belongs to an actor ────────────────────────────────────────────────────────────────────


def test_ctrl_z_takes_back_the_facilitators_own_last_command_only(room: Room) -> None:
    mine = room.meeting.add_idea("Van de facilitator").id
    room.meeting.execute(AddIdea(actor="p2", step=0, movement=D, text="Van Bram"))
    assert room.meeting.undo()
    assert [i.text for i in room.state.ideas.values()] == ["Van Bram"]
    assert mine in room.state.removed_ideas
    assert not room.meeting.undo()  # the facilitator has nothing more of their own
    assert [i.text for i in room.on_disk().ideas.values()] == ["Van Bram"]


def test_a_participant_undoes_their_own_command(room: Room) -> None:
    room.meeting.add_idea("Van de facilitator")
    room.meeting.execute(AddIdea(actor="p2", step=0, movement=D, text="Van Bram"))
    assert room.meeting.execute(Undo(actor="p2", step=0, movement=D)).done
    assert [i.text for i in room.state.ideas.values()] == ["Van de facilitator"]


def test_undo_is_checked_again_against_the_meeting_as_it_is_now(room: Room) -> None:
    first = room.meeting.add_idea("Eerste").id
    second = room.meeting.add_idea("Tweede").id
    # Bram removes the facilitator's second idea: an explicit command of his own.
    room.meeting.execute(RemoveIdea(actor="p2", step=0, movement=D, idea_id=second))
    outcome = room.meeting.execute(Undo(step=0, movement=D))
    assert refusal(outcome) == "command.refused.undo_overtaken"
    assert second in room.state.removed_ideas  # not restored, not removed twice
    # The next Ctrl+Z goes on to the command before it.
    assert room.meeting.undo()
    assert first in room.state.removed_ideas and room.state.ideas == {}


def test_an_actor_takes_back_their_last_commands_up_to_the_undo_depth(room: Room) -> None:
    """The undo stacks are bounded: an evening of 3,000 ideas keeps the last UNDO_DEPTH of
    each actor's commands to take back, not all of them."""
    ideas = [room.meeting.add_idea(f"Idee {n}").id for n in range(UNDO_DEPTH + 2)]
    # An anonymous phone's idea is made by nobody in particular: it keeps no unit, and so
    # pushes none of the facilitator's out of their depth.
    nameless = room.meeting.execute(AddIdea(text="Anoniem", step=0, movement=D), keep_undo=False)
    assert nameless.done and not nameless.undoable
    taken_back = 0
    while room.meeting.undo():
        taken_back += 1
    assert taken_back == UNDO_DEPTH
    # The first two stay (past the depth), and the nameless one (no one's to take back).
    assert [i.text for i in room.state.ideas.values()] == ["Idee 0", "Idee 1", "Anoniem"]
    assert list(room.state.ideas)[:2] == ideas[:2]


def test_moving_several_ideas_is_one_command_that_one_undo_takes_back(room: Room) -> None:
    ids = [room.meeting.add_idea(text).id for text in ("Een", "Twee", "Drie")]
    room.meeting.next_movement()
    cluster = room.meeting.create_cluster("Fietsen", ids[:1])
    outcome = room.meeting.execute(MoveIdeas(idea_ids=ids, cluster_id=cluster, step=0, movement=C))
    assert len(outcome.records) == 3
    assert {room.state.ideas[i].cluster_id for i in ids} == {cluster}
    assert room.meeting.undo()
    assert [room.state.ideas[i].cluster_id for i in ids] == [cluster, None, None]
    assert room.on_disk().ideas == room.state.ideas


def test_moving_ideas_one_of_which_is_gone_moves_none(room: Room) -> None:
    a, b = room.meeting.add_idea("Een").id, room.meeting.add_idea("Twee").id
    room.meeting.remove_idea(b)
    room.meeting.next_movement()
    cluster = room.meeting.create_cluster("Fietsen", [])
    outcome = room.meeting.execute(
        MoveIdeas(idea_ids=[a, b], cluster_id=cluster, step=0, movement=C)
    )
    assert refusal(outcome) == "run.refused.no_such_idea"
    assert room.state.ideas[a].cluster_id is None


# ── domain rules that moved out of the widgets ──────────────────────────────────────────────────


def test_a_typed_name_wins_over_the_picked_author(room: Room) -> None:
    named = room.meeting.add_idea("Bram: een fietsplan", picked_author_id="p1")
    picked = room.meeting.add_idea("Note: een fietsplan", picked_author_id="p1")
    nobody = room.meeting.add_idea("Een fietsplan")
    assert (named.text, named.author_id) == ("een fietsplan", "p2")
    assert (picked.text, picked.author_id) == ("Note: een fietsplan", "p1")
    assert nobody.author_id is None


@pytest.mark.parametrize(("typed", "score"), [("4", 4), (" 5 ", 5), ("0", 0), (3, 3)])
def test_a_score_as_typed(tmp_path: Path, typed: str | int, score: int) -> None:
    room = open_room(tmp_path / "data")
    meeting = room.meeting
    meeting.start()
    target = meeting.add_idea("Een").id
    meeting.next_movement()
    meeting.score(target, typed, "p1")
    assert room.state.ideas[target].tally.scores == {"p1": score}


@pytest.mark.parametrize("typed", ["zeven", "2.5", "-1", "6", "", "٣"])
def test_a_score_that_is_no_score_is_refused_with_its_range(room: Room, typed: str) -> None:
    target = room.meeting.add_idea("Een").id
    room.meeting.next_movement()
    outcome = room.meeting.execute(Score(target_id=target, score=typed, step=0, movement=C))
    assert refusal(outcome) == "run.refused.score_range"
    assert tr("en", "run.refused.score_range", top=5) in outcome.refused.render("en")  # type: ignore[union-attr]
    assert room.state.ideas[target].tally.scores == {}


def test_input_a_record_cannot_hold_is_refused_not_raised(room: Room) -> None:
    outcome = room.meeting.execute(AddIdea(text="x" * 30_000))
    assert refusal(outcome) == "run.refused.invalid"
    assert room.state.ideas == {}


# ── the late-command rule ───────────────────────────────────────────────────────────────────────


def test_an_idea_typed_in_a_diverge_the_group_has_left_is_filed_under_it(room: Room) -> None:
    room.meeting.next_movement()  # F8: into converge, while Anna is still typing
    late = AddIdea(actor="p1", author_id="p1", step=0, movement=D, text="Laat idee")
    outcome = room.meeting.execute(late)
    assert outcome.done
    (idea,) = room.state.ideas.values()
    assert (idea.step, idea.movement, idea.author_id) == (0, D, "p1")
    assert room.on_disk().ideas == room.state.ideas


def test_a_vote_for_a_converge_that_is_closed_is_refused_with_a_reason(room: Room) -> None:
    target = room.meeting.add_idea("Een").id
    room.meeting.next_movement()
    room.meeting.next_movement()  # converge is closed: consolidate
    outcome = room.meeting.execute(
        Vote(actor="p1", voter_id="p1", target_id=target, step=0, movement=C)
    )
    assert refusal(outcome) == "command.refused.left"
    assert "left" in outcome.refused.render("en")  # type: ignore[union-attr]
    assert room.state.ideas[target].tally.dots == {}
    assert not any(isinstance(r.event, VoteCast) for r in room.archive.read(room.state.session_id))


def test_two_people_pressing_next_at_once_move_the_meeting_one_movement(room: Room) -> None:
    first = room.meeting.execute(NextMovement(step=0, movement=D))
    second = room.meeting.execute(NextMovement(actor="p1", step=0, movement=D))
    assert first.done and refusal(second) == "command.refused.left"
    assert room.meeting.segment is not None and room.meeting.segment.movement is C


def test_editing_or_removing_an_idea_holds_wherever_it_was_made(room: Room) -> None:
    idea = room.meeting.add_idea("Een").id
    room.meeting.next_movement()
    room.meeting.next_movement()
    outcome = room.meeting.execute(RemoveIdea(actor="p2", idea_id=idea, step=0, movement=D))
    assert outcome.done and idea in room.state.removed_ideas


def test_a_cluster_for_a_closed_converge_is_refused(room: Room) -> None:
    idea = room.meeting.add_idea("Een").id
    room.meeting.next_movement()
    room.meeting.next_movement()
    outcome = room.meeting.execute(CreateCluster(name="Laat", idea_ids=[idea], step=0, movement=C))
    assert refusal(outcome) == "command.refused.left" and room.state.clusters == {}


LATE_LOG = [
    (0.0, opened(two_step_plan())),
    (1.0, PEOPLE[0]),
    (2.0, RoundStarted(step=0, movement=D)),
    (60.0, RoundStarted(step=1, movement=D)),
    # Typed during the check-in, arrived after the group went on to the next step:
    (61.0, IdeaAdded(idea_id="i5", text="Laat uit de check-in", author_id="p1")),
    (62.0, IdeaAdded(idea_id="i6", text="Op tijd in stap twee")),
    (120.0, RoundStarted(step=1, movement=C)),
    (130.0, RoundStarted(step=1, movement=K)),
    # A dot for the converge the group has left (by a wyber with a bug, or hand-edited):
    (131.0, VoteCast(target_id="i6", voter_id="p1")),
]
PLACES: dict[int, tuple[int, Movement]] = {5: (0, D), 9: (1, C)}


def late_records() -> list[Record]:
    made = records(LATE_LOG)
    for seq, (step, movement) in PLACES.items():
        made[seq - 1] = made[seq - 1].model_copy(update={"step": step, "movement": movement})
    return [Record.model_validate(r.model_dump(mode="json")) for r in made]


def test_the_fold_files_a_late_idea_where_it_was_made_and_ignores_a_late_dot() -> None:
    state = fold(late_records())
    assert (state.ideas["i5"].step, state.ideas["i5"].movement) == (0, D)
    assert (state.ideas["i6"].step, state.ideas["i6"].movement) == (1, D)  # no place: the old rule
    assert state.ideas["i6"].tally.dots == {} and state.dots_used(1, "p1") == 0


def test_the_replay_holds_the_late_rule_at_every_moment() -> None:
    timeline = Timeline(late_records(), every=2)
    for t in (62.0, 100.0, 131.0):
        state = timeline.state_at(t)
        assert state.ideas["i5"].step == 0
        assert state.ideas["i6"].tally.dots == {}
    assert timeline.final == fold(late_records())


def test_the_minutes_list_a_late_idea_under_the_step_it_was_typed_in() -> None:
    text = markdown(build_minutes(fold(late_records()), "nl"))
    check_in, step_two = text.index("### Stap 1. Check-in"), text.index("### Stap 2.")
    assert check_in < text.index("Laat uit de check-in") < step_two
    assert step_two < text.index("Op tijd in stap twee")
    # The dot for the converge the group had left counts nowhere: no votes to list. (The same
    # dot recorded without a place, the old rule, would be listed.)
    assert tr("nl", "minutes.votes") not in text
    *before, dot = late_records()
    placeless = [*before, dot.model_copy(update={"step": None, "movement": None})]
    assert tr("nl", "minutes.votes") in markdown(build_minutes(fold(placeless), "nl"))


def test_a_command_for_a_movement_not_reached_yet_is_refused(room: Room) -> None:
    outcome = room.meeting.execute(AddIdea(actor="p1", text="Te vroeg", step=0, movement=K))
    assert refusal(outcome) == "command.refused.not_reached" and room.state.ideas == {}
    gone = room.meeting.execute(AddIdea(actor="p1", text="Nergens", step=7, movement=D))
    assert refusal(gone) == "run.refused.no_such_movement"


def test_a_command_from_someone_who_is_not_a_participant_is_refused(room: Room) -> None:
    outcome = room.meeting.execute(AddIdea(actor="p99", text="Wie ben ik?", step=0, movement=D))
    assert refusal(outcome) == "run.refused.no_such_participant" and room.state.ideas == {}


# ── the evaluation ──────────────────────────────────────────────────────────────────────────────


def test_while_the_group_evaluates_no_idea_vote_or_answer_is_taken_from_anyone(room: Room) -> None:
    """The evaluation on screen: a phone's idea, a dot (named or nameless) and the facilitator's
    own are refused with the reason, nothing recorded; the evaluation, the end and a late arrival
    are taken. Back in the agenda, the idea is taken again."""
    meeting = room.meeting
    told: list[bool] = []
    meeting.watch(lambda: told.append(meeting.evaluating))
    idea = meeting.execute(AddIdea(actor="p1", step=0, movement=D, text="Fietsenrekken")).records
    (added,) = idea
    assert isinstance(added.event, IdeaAdded)
    meeting.set_evaluating(True)
    meeting.set_evaluating(True)  # already so: nobody is told twice
    seq = meeting.state.last_seq
    for command in (
        AddIdea(actor="p1", step=0, movement=D, text="Nog een idee"),
        AddIdea(step=0, movement=D, text="Anoniem, van een telefoon"),
        Vote(actor="p2", target_id=added.event.idea_id, voter_id="p2"),
        Undo(actor="p1"),
        NextMovement(),
    ):
        assert refusal(meeting.execute(command)) == "command.refused.evaluating", command
    assert meeting.state.last_seq == seq
    assert "evalueert" in tr("nl", "command.refused.evaluating")
    meeting.add_participant("Kees Laat")  # people arriving or leaving are still noted
    meeting.evaluate("Goed gesprek", "", {"p1": 8})
    meeting.set_evaluating(False)
    assert told == [True, False]
    assert meeting.execute(AddIdea(actor="p1", step=0, movement=D, text="Toch nog")).done


# ── what a refusal keeps ────────────────────────────────────────────────────────────────────────


def test_a_refusal_keeps_its_reason_and_no_frame_of_the_command(room: Room) -> None:
    """A refused command's outcome holds the key and the values its words need, not the
    traceback of where it was refused (the command's frames, its draft, the meeting)."""
    outcome = room.meeting.execute(Vote(target_id="nowhere", step=0, movement=D))
    assert refusal(outcome) == "run.refused.no_such_target"
    assert outcome.refused is not None
    assert outcome.refused.__traceback__ is None and outcome.refused.__context__ is None
    too_long = room.meeting.execute(AddIdea(text="x" * 30_000))
    assert too_long.refused is not None and too_long.refused.__context__ is None
    assert too_long.refused.params["reason"]


def test_a_refusal_raised_to_the_screen_is_freed_without_the_garbage_collector(
    room: Room,
) -> None:
    """The facilitator's refused keys raise their refusal (Meeting.do): once shown it is gone
    at once, with no reference cycle left behind for each refused key."""
    gc.disable()
    try:
        try:
            room.meeting.remove_idea("nowhere")
        except Refused as error:
            shown = weakref.ref(error)
            assert error.key == "run.refused.no_such_idea"
        assert shown() is None
    finally:
        gc.enable()
