"""The fold: the one way state comes to be, total over any sequence of valid events."""

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.wyber.events import (
    AgreementEdited,
    AgreementKind,
    AgreementRecorded,
    AgreementRemoved,
    ClusterCreated,
    ClusterDissolved,
    ClusterRenamed,
    ClustersMerged,
    ConsentNoted,
    EvaluationRecorded,
    Event,
    IdeaAdded,
    IdeaEdited,
    IdeaMoved,
    IdeaRemoved,
    IdeaRestored,
    ParticipantAdded,
    PresenceChanged,
    Rebalanced,
    RoundStarted,
    ScoreGiven,
    SegmentBudget,
    SelectionMarked,
    SessionFinished,
    SessionResumed,
    TimeboxExtended,
    TimerPaused,
    TimerResumed,
    VoteCast,
)
from tui.wyber.fold import fold
from tui.wyber.plan import Movement
from tui.wyber.state import ANONYMOUS, SessionState
from tui.wyber.text import clean_text

from .factory import opened, records, two_step_plan


def meeting() -> SessionState:
    plan = two_step_plan()
    return fold(
        records(
            [
                (0, opened(plan)),
                (0, ParticipantAdded(participant_id="p1", name="Anna", organisation="Gemeente")),
                (0, ParticipantAdded(participant_id="p2", name="Bram")),
                (10, RoundStarted(step=1, movement=Movement.DIVERGE)),
                (20, IdeaAdded(idea_id="i1", text="Meer [data] delen 🔋", author_id="p1")),
                (30, IdeaAdded(idea_id="i2", text="مشاركة البيانات")),  # right-to-left, anonymous
                (40, IdeaAdded(idea_id="i3", text="Pilot in de wijk", author_name="Chaima")),
                (50, IdeaEdited(idea_id="i3", text="Pilot in twee wijken", author_name="Chaima")),
                (60, RoundStarted(step=1, movement=Movement.CONVERGE)),
                (70, ClusterCreated(cluster_id="c1", name="Data", idea_ids=["i1", "i2"])),
                (75, ClusterCreated(cluster_id="c2", name="Proef", idea_ids=["i3"])),
                (80, VoteCast(target_id="c1", voter_id="p1")),
                (81, VoteCast(target_id="c1", voter_id="p1")),
                (82, VoteCast(target_id="c1", voter_id="p1", delta=-1)),
                (83, VoteCast(target_id="c2")),
                (84, ScoreGiven(target_id="c2", voter_id="p2", score=4)),
                (85, SelectionMarked(target_id="c1")),
                (90, RoundStarted(step=1, movement=Movement.CONSOLIDATE)),
                (
                    95,
                    AgreementRecorded(
                        agreement_id="a1",
                        kind=AgreementKind.ACTION,
                        text="Datadeling uitwerken",
                        owner_id="p1",
                        deadline=date(2026, 12, 4),
                        field="uitvoerend",
                    ),
                ),
                (96, ConsentNoted(agreement_id="a1", consent=True)),
                (
                    97,
                    AgreementRecorded(
                        agreement_id="a2", kind=AgreementKind.PARKED, text="Subsidie", owner_id="p2"
                    ),
                ),
                (98, PresenceChanged(participant_id="p2", present=False)),
                (99, EvaluationRecorded(went_well="Goed", next_step="Pilot", scores={"p1": 8})),
                (100, SessionFinished()),
            ]
        )
    )


def test_the_fold_gathers_ideas_clusters_votes_agreements_and_presence() -> None:
    state = meeting()
    assert [i.text for i in state.ideas.values()] == [
        "Meer [data] delen 🔋",
        "مشاركة البيانات",
        "Pilot in twee wijken",
    ]
    assert state.ideas["i1"].author_id == "p1" and state.ideas["i2"].author_id is None
    assert state.ideas["i3"].author_name == "Chaima"
    assert all(i.step == 1 and i.movement is Movement.DIVERGE for i in state.ideas.values())
    assert [i.id for i in state.cluster_ideas("c1")] == ["i1", "i2"]
    assert state.clusters["c1"].tally.dots == {"p1": 1}
    assert state.clusters["c2"].tally.dots == {ANONYMOUS: 1}
    assert state.clusters["c2"].tally.scores == {"p2": 4}
    assert state.clusters["c1"].tally.selected and not state.clusters["c2"].tally.selected
    action = state.agreements["a1"]
    assert (
        action.number,
        action.kind,
        action.owner_id,
        action.deadline,
        action.field.value,
        action.consent,
    ) == (1, AgreementKind.ACTION, "p1", date(2026, 12, 4), "uitvoerend", action.consent)
    assert action.consent is not None and action.consent.given
    assert state.agreements["a2"].number == 2 and state.agreements["a2"].consent is None
    assert state.participants["p2"].present is False
    assert state.evaluation is not None and state.evaluation.scores == {"p1": 8}
    assert state.finished and state.finished_t == 100


def test_time_used_per_movement_is_banked_when_the_group_moves_on() -> None:
    state = meeting()
    used = {(s.step, s.movement): s.used for s in state.segments}
    assert used[(1, Movement.DIVERGE)] == 50
    assert used[(1, Movement.CONVERGE)] == 30
    assert used[(1, Movement.CONSOLIDATE)] == 10
    assert used[(0, Movement.DIVERGE)] == 0


def test_remove_and_restore_an_idea_keeps_its_cluster_if_that_still_exists() -> None:
    base = [
        (0, opened()),
        (1, RoundStarted(step=0, movement=Movement.DIVERGE)),
        (2, IdeaAdded(idea_id="i1", text="a")),
        (3, ClusterCreated(cluster_id="c1", name="A", idea_ids=["i1"])),
        (4, IdeaRemoved(idea_id="i1")),
    ]
    removed = fold(records(base))
    assert "i1" not in removed.ideas and "i1" in removed.removed_ideas
    restored = fold(records([*base, (5, IdeaRestored(idea_id="i1"))]))
    assert restored.ideas["i1"].cluster_id == "c1"


def test_merging_clusters_moves_ideas_and_adds_up_dots() -> None:
    state = fold(
        records(
            [
                (0, opened()),
                (1, RoundStarted(step=0, movement=Movement.CONVERGE)),
                (2, IdeaAdded(idea_id="i1", text="a")),
                (2, IdeaAdded(idea_id="i2", text="b")),
                (3, ClusterCreated(cluster_id="c1", name="A", idea_ids=["i1"])),
                (3, ClusterCreated(cluster_id="c2", name="B", idea_ids=["i2"])),
                (4, VoteCast(target_id="c1", voter_id="p1")),
                (4, VoteCast(target_id="c2", voter_id="p1")),
                (5, ClustersMerged(cluster_id="c1", merged_ids=["c2"])),
                (6, ClusterRenamed(cluster_id="c1", name="A en B")),
                (7, IdeaMoved(idea_id="i1", cluster_id=None)),
            ]
        )
    )
    assert list(state.clusters) == ["c1"] and state.clusters["c1"].name == "A en B"
    assert state.clusters["c1"].tally.dots == {"p1": 2}
    assert state.ideas["i2"].cluster_id == "c1" and state.ideas["i1"].cluster_id is None


def test_editing_and_removing_agreements() -> None:
    state = fold(
        records(
            [
                (0, opened()),
                (1, RoundStarted(step=0, movement=Movement.CONSOLIDATE)),
                (2, AgreementRecorded(agreement_id="a1", text="x")),
                (3, AgreementRecorded(agreement_id="a2", text="y")),
                (4, AgreementEdited(agreement_id="a1", kind=AgreementKind.DECISION, text="x!")),
                (5, AgreementRemoved(agreement_id="a2")),
                (6, ConsentNoted(agreement_id="a1", consent=False, objections="Te vaag")),
            ]
        )
    )
    assert list(state.agreements) == ["a1"]
    assert state.agreements["a1"].kind is AgreementKind.DECISION
    consent = state.agreements["a1"].consent
    assert consent is not None and not consent.given and consent.objections == "Te vaag"


# --- property tests -------------------------------------------------------------------------

IDS = st.sampled_from(["x1", "x2", "x3", "i1", "c1", "a1", "p1"])
MOVEMENTS = st.sampled_from(list(Movement))
TEXT = st.text(min_size=1, max_size=40).filter(lambda s: clean_text(s).strip() != "")
STEPS = st.integers(min_value=0, max_value=2)  # step 2 does not exist in the plan: ignored

EVENTS: st.SearchStrategy[Event] = st.one_of(
    st.builds(ParticipantAdded, participant_id=IDS, name=st.just("Anna")),
    st.builds(PresenceChanged, participant_id=IDS, present=st.booleans()),
    st.builds(RoundStarted, step=STEPS, movement=MOVEMENTS),
    st.builds(TimerPaused),
    st.builds(TimerResumed),
    st.builds(TimeboxExtended, step=STEPS, movement=MOVEMENTS, seconds=st.integers(-900, 900)),
    st.builds(
        Rebalanced,
        budgets=st.lists(
            st.builds(SegmentBudget, step=STEPS, movement=MOVEMENTS, seconds=st.floats(0, 3600)),
            max_size=3,
        ),
    ),
    st.builds(SessionResumed, away_seconds=st.floats(0, 10_000)),
    st.builds(IdeaAdded, idea_id=IDS, text=TEXT, author_id=st.none() | IDS),
    st.builds(IdeaEdited, idea_id=IDS, text=TEXT),
    st.builds(IdeaRemoved, idea_id=IDS),
    st.builds(IdeaRestored, idea_id=IDS),
    st.builds(
        ClusterCreated, cluster_id=IDS, name=st.just("C"), idea_ids=st.lists(IDS, max_size=3)
    ),
    st.builds(ClusterRenamed, cluster_id=IDS, name=st.just("D")),
    st.builds(ClustersMerged, cluster_id=IDS, merged_ids=st.lists(IDS, min_size=1, max_size=3)),
    st.builds(ClusterDissolved, cluster_id=IDS),
    st.builds(IdeaMoved, idea_id=IDS, cluster_id=st.none() | IDS),
    st.builds(VoteCast, target_id=IDS, voter_id=st.none() | IDS, delta=st.sampled_from([1, -1])),
    st.builds(ScoreGiven, target_id=IDS, score=st.integers(0, 10)),
    st.builds(SelectionMarked, target_id=IDS, selected=st.booleans()),
    st.builds(
        AgreementRecorded, agreement_id=IDS, text=TEXT, kind=st.sampled_from(list(AgreementKind))
    ),
    st.builds(AgreementEdited, agreement_id=IDS, text=TEXT),
    st.builds(AgreementRemoved, agreement_id=IDS),
    st.builds(ConsentNoted, agreement_id=IDS, consent=st.booleans()),
    st.builds(EvaluationRecorded, went_well=st.text(max_size=20)),
    st.builds(SessionFinished),
)
LOGS = st.lists(st.tuples(st.floats(0, 60), EVENTS), max_size=40).map(
    lambda steps: [
        (sum(gap for gap, _ in steps[: n + 1]), event) for n, (_, event) in enumerate(steps)
    ]
)


def snapshot(state: SessionState) -> object:
    """Everything in a state, as plain comparable data (dataclasses compare by value)."""
    return (
        state.participants,
        state.ideas,
        state.removed_ideas,
        state.clusters,
        state.agreements,
        state.evaluation,
        state.segments,
        state.current,
        state.running_since,
        state.started_t,
        state.finished_t,
        state.away,
        state.last_seq,
    )


@settings(max_examples=300, deadline=None)
@given(LOGS)
def test_any_sequence_of_valid_events_folds_without_error(log: list[tuple[float, Event]]) -> None:
    state = fold(records([(0, opened(two_step_plan())), *log]))
    assert state.last_seq == len(log) + 1
    for segment in state.segments:
        assert segment.used >= 0 and segment.budget >= 0
    for cluster_id in {i.cluster_id for i in state.ideas.values()} - {None}:
        assert cluster_id in state.clusters
    for tally in [
        *(i.tally for i in state.ideas.values()),
        *(c.tally for c in state.clusters.values()),
    ]:
        assert all(dots > 0 for dots in tally.dots.values())
    numbers = [a.number for a in state.agreements.values()]
    assert numbers == sorted(set(numbers))


@settings(max_examples=200, deadline=None)
@given(LOGS, st.data())
def test_folding_a_prefix_equals_the_state_at_that_moment(
    log: list[tuple[float, Event]], data: st.DataObject
) -> None:
    """Replaying to record n gives exactly the state the live session had after record n."""
    recs = records([(0, opened(two_step_plan())), *log])
    cut = data.draw(st.integers(1, len(recs)))
    live = fold(recs[:1])
    from tui.wyber.fold import apply

    for record in recs[1:cut]:
        apply(live, record)
    assert snapshot(fold(recs[:cut])) == snapshot(live)
    assert fold(recs[:cut]).last_seq == cut
