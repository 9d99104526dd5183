"""Who has a vote at the table: everyone present but an observer (toehoorder).

An observer sits at the table to listen: they place no dots, give no scores and are not asked in
a consent round, so they are not waited for as still to vote, not counted in the room's dots,
and an answer one gave in a session recorded before this rule does not count towards consent.
"""

from tui.wyber.events import Mandate
from tui.wyber.state import Participant, SessionState


def has_a_vote(participant: Participant) -> bool:
    return participant.mandate is not Mandate.OBSERVER


def voters_present(state: SessionState) -> list[Participant]:
    """The participants present who have a vote, in the order they were added."""
    return [p for p in state.participants.values() if p.present and has_a_vote(p)]
