"""Who has voted in a step, and who votes next: the voter picker's questions.

A participant has voted in a dot vote once their dots are all on the board, and in a scoring
round once they scored everything on it; until then they are still to vote. The picker moves to
the next of those in the order people were added, so the facilitator never has to look for who
is left.
"""

from tui.wyber.observers import voters_present
from tui.wyber.plan import Movement, Technique
from tui.wyber.rules import dots_each
from tui.wyber.state import Participant, SessionState, Tally


def _tallies_of_step(state: SessionState, step: int) -> list[Tally]:
    """The tallies a voter can score in a step: its clusters and its ideas outside a cluster."""
    clusters = [c.tally for c in state.clusters.values() if c.step == step]
    loose = [i.tally for i in state.ideas.values() if i.step == step and i.cluster_id is None]
    return clusters + loose


def has_voted(state: SessionState, step: int, technique: Technique | None, voter: str) -> bool:
    if technique is Technique.SCORE:
        tallies = _tallies_of_step(state, step)
        return bool(tallies) and all(voter in tally.scores for tally in tallies)
    return state.dots_used(step, voter) >= dots_each(state)


def still_to_vote(state: SessionState, step: int, technique: Technique | None) -> list[Participant]:
    """The participants present with a vote who have not voted yet, in the order they were
    added (an observer is not waited for)."""
    return [p for p in voters_present(state) if not has_voted(state, step, technique, p.id)]


def next_voter(
    state: SessionState, step: int, technique: Technique | None, after: str | None
) -> str | None:
    """The next participant still to vote after `after` (None: from the first), wrapping round;
    None when everyone present has voted."""
    waiting = [p.id for p in still_to_vote(state, step, technique)]
    if not waiting:
        return None
    order = list(state.participants)
    if after not in order:
        return waiting[0]
    start = order.index(after)
    later = [pid for pid in waiting if order.index(pid) > start]
    return later[0] if later else waiting[0]


VOTING_TECHNIQUES = frozenset({Technique.DOT_VOTE, Technique.SCORE})


def left_without_voting(state: SessionState) -> list[Participant]:
    """Who present has not voted yet in the converge movement the group is in: the facilitator
    is asked before the group leaves it (F8). Nobody outside converge, and nobody in an open
    converge that nobody voted in (a group that only clustered is not asked about votes)."""
    segment = state.current_segment
    if segment is None or segment.movement is not Movement.CONVERGE:
        return []
    technique = state.plan.steps[segment.step].timebox(segment.movement).technique
    if technique not in VOTING_TECHNIQUES and not any(
        tally.total_dots or tally.scores for tally in _tallies_of_step(state, segment.step)
    ):
        return []
    return still_to_vote(state, segment.step, technique)
