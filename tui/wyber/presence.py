"""Who came late and who left early: the rule the fold applies to arrivals and departures.

Before the first round nobody is late: marking someone present or absent then only says whether
they are at the table. Nor in the first minutes after it (`GRACE_SECONDS`): the facilitator who
starts the clock at once types the names in then, and participants join from their phones as the
first round runs; none of them missed anything a secretary would note. After that:

- A participant added, or marked present, comes late, at that moment. Marking someone present who
  is already marked present (the plan listed them, and nobody unticked them before the start)
  says the same: they came in just now.
- A participant marked gone leaves early, at that moment; marked present again, they are back
  and did not leave (the time they first came in late is kept).

The times are session times (`Record.t`), shown as the time of day like every other time in the
minutes. Someone who left early was there: the minutes list them as present, with the time.
"""

from collections.abc import Iterator

from tui.wyber.figures import clock_time
from tui.wyber.state import Participant, SessionState

GRACE_SECONDS = 5 * 60


def counts_as_late(state: SessionState, t: float) -> bool:
    """Whether coming in at session time `t` is coming late."""
    return state.started_t is not None and t > state.started_t + GRACE_SECONDS


def arrived(state: SessionState, person: Participant, t: float) -> None:
    """`person` is at the table from session time `t` on."""
    if person.left_t is not None:
        person.left_t = None  # back after leaving: they did not leave early
    elif person.arrived_t is None and counts_as_late(state, t):
        person.arrived_t = t
    person.present = True


def left(state: SessionState, person: Participant, t: float) -> None:
    """`person` left the table at session time `t`."""
    if state.started_t is not None and person.present:
        person.left_t = t
    person.present = False


def was_there(person: Participant) -> bool:
    """Present at the end, or present for part of the meeting and left early."""
    return person.present or person.left_t is not None


def came_late(state: SessionState) -> list[tuple[Participant, float]]:
    """Who came in after the start, with when, in the order they came."""
    late = [(p, p.arrived_t) for p in state.participants.values() if p.arrived_t is not None]
    return sorted(late, key=lambda pair: pair[1])


def left_early(state: SessionState) -> list[tuple[Participant, float]]:
    """Who left before the end and did not come back, with when, in the order they left."""
    gone = [(p, p.left_t) for p in state.participants.values() if p.left_t is not None]
    return sorted(gone, key=lambda pair: pair[1])


def presence_notes(state: SessionState) -> Iterator[tuple[str, str]]:
    """What the minutes and the summary say of it: a catalog key ("came late", "left early") and
    who, each with the time of day: "Bram Jansen (10:42), Dirk Boer (10:50)"."""
    for key, people in (
        ("presence.came_late", came_late(state)),
        ("presence.left_early", left_early(state)),
    ):
        if people:
            yield key, ", ".join(f"{p.name} ({clock_time(state, t)})" for p, t in people)
