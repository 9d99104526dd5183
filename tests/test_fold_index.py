"""The fold's indexes (each cluster's ideas, each step's dots per voter) always say what a scan of
the whole state would: they only make one record's fold cost flat (bench/fold.py)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.wyber.events import (
    ClusterCreated,
    ClusterDissolved,
    ClustersMerged,
    Event,
    IdeaAdded,
    IdeaMoved,
    IdeaRemoved,
    IdeaRestored,
    ParticipantAdded,
    RoundStarted,
    VoteCast,
)
from tui.wyber.fold import fold
from tui.wyber.plan import Movement
from tui.wyber.state import SessionState

from .factory import opened, records, two_step_plan

IDEAS = [f"i{n}" for n in range(1, 7)]
CLUSTERS = ["c1", "c2", "c3"]
TARGETS = IDEAS + CLUSTERS

events = st.one_of(
    st.builds(IdeaAdded, idea_id=st.sampled_from(IDEAS), text=st.just("idee")),
    st.builds(IdeaRemoved, idea_id=st.sampled_from(IDEAS)),
    st.builds(IdeaRestored, idea_id=st.sampled_from(IDEAS)),
    st.builds(
        ClusterCreated,
        cluster_id=st.sampled_from(CLUSTERS),
        name=st.just("cluster"),
        idea_ids=st.lists(st.sampled_from(IDEAS), max_size=3),
    ),
    st.builds(ClusterDissolved, cluster_id=st.sampled_from(CLUSTERS)),
    st.builds(
        ClustersMerged,
        cluster_id=st.sampled_from(CLUSTERS),
        merged_ids=st.lists(st.sampled_from(CLUSTERS), min_size=1, max_size=2),
    ),
    st.builds(
        IdeaMoved, idea_id=st.sampled_from(IDEAS), cluster_id=st.sampled_from([None, *CLUSTERS])
    ),
    st.builds(
        VoteCast,
        target_id=st.sampled_from(TARGETS),
        voter_id=st.sampled_from([None, "p1", "p2"]),
        delta=st.sampled_from([1, -1]),
    ),
    st.builds(
        RoundStarted,
        step=st.sampled_from([0, 1]),
        movement=st.just(Movement.DIVERGE),
    ),
)


def scanned_members(state: SessionState) -> dict[str, set[str]]:
    members: dict[str, set[str]] = {c: set() for c in state.clusters}
    for idea in state.ideas.values():
        if idea.cluster_id is not None:
            members[idea.cluster_id].add(idea.id)
    return members


def scanned_dots(state: SessionState) -> dict[int, dict[str, int]]:
    counts: dict[int, dict[str, int]] = {}
    tallies = [(i.step, i.tally) for i in state.ideas.values()]
    tallies += [(c.step, c.tally) for c in state.clusters.values()]
    for step, tally in tallies:
        for voter, dots in tally.dots.items():
            counts.setdefault(step, {})[voter] = counts.get(step, {}).get(voter, 0) + dots
    return counts


def nonzero(counts: dict[int, dict[str, int]]) -> dict[int, dict[str, int]]:
    kept = {step: {v: n for v, n in by.items() if n} for step, by in counts.items()}
    return {step: by for step, by in kept.items() if by}


@settings(max_examples=300, deadline=None)
@given(st.lists(events, max_size=40))
def test_the_indexes_say_what_a_scan_says(made: list[Event]) -> None:
    log: list[Event] = [
        opened(two_step_plan()),
        ParticipantAdded(participant_id="p1", name="Anna"),
        ParticipantAdded(participant_id="p2", name="Bram"),
        RoundStarted(step=0, movement=Movement.DIVERGE),
        *made,
    ]
    state = fold(records((float(n), e) for n, e in enumerate(log)))
    members = {c: set(state.members.get(c, {})) for c in state.clusters}
    assert members == scanned_members(state)
    assert set(state.members) <= set(state.clusters)
    assert nonzero(state.step_dots) == scanned_dots(state)
    assert all(n >= 0 for by in state.step_dots.values() for n in by.values())
    assert [i.id for c in state.clusters for i in state.cluster_ideas(c)] == [
        i for c in state.clusters for i in state.members.get(c, {})
    ]
