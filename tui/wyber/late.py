"""The late-command rule: what becomes of a command made in a movement the group has since left.

A command carries the step and movement it was made in (a phone sends what its screen showed; the
facilitator's keys send where the meeting is). When it arrives the group may have moved on: the
facilitator pressed F8 while a participant was still typing. The rule, by what the command does:

- **Filed where it was made.** An idea (and an agreement) typed in a movement the group has just
  left is kept, filed under the step and movement it was typed in: words people wrote are never
  lost, and never land in a movement they were not written for.
- **Counts only where it was made.** A dot, a score, a selection or a consent
  (an answer in a consent round, an objection resolved), and every change to
  a converge's board (a cluster made, renamed, dissolved or merged, an idea moved), is refused
  when its movement is closed, with a reason: the group has counted and moved on. The agenda and
  the clock (a round started, a pause, an extension, a rebalance) likewise move only from where
  the group is, so two people pressing "next" at once move the meeting one movement, not two.
- **Anywhere.** Editing or removing an idea or an agreement, undoing one's own command, reviewing
  an earlier agreement, people arriving or leaving, the evaluation and the end: these are about
  the thing itself, not about a movement, and hold wherever they were made.

A command made for a movement the group has not reached yet (a phone's clock, or a bug) is refused
whatever it does; in the fold, an idea or agreement that names such a movement is filed where the
group is. Nothing is accepted once the session is finished. A record without a place (every
record written before records carried one) was made where the session was when it is folded: the
old rule.

The commands (tui/wyber/live.py) refuse what the rule refuses; the fold (tui/wyber/fold.py) applies
the same rule to what is recorded, so the live state, the replay (a fold of a prefix) and the
minutes (a view of the folded state) can never disagree about a late record.
"""

from enum import Enum

from tui.wyber.events import (
    AgreementRecorded,
    ClusterCreated,
    ClusterDissolved,
    ClusterRenamed,
    ClustersMerged,
    ConsentAnswered,
    ConsentNoted,
    Event,
    IdeaAdded,
    IdeaMoved,
    ObjectionResolved,
    Rebalanced,
    Record,
    RoundStarted,
    ScoreGiven,
    SelectionMarked,
    TimeboxExtended,
    TimerPaused,
    TimerResumed,
    TurnPassed,
    VoteCast,
)
from tui.wyber.plan import Movement
from tui.wyber.state import SessionState


class Late(Enum):
    FILED_WHERE_MADE = "filed_where_made"
    ONLY_WHERE_MADE = "only_where_made"
    ANYWHERE = "anywhere"


_FILED = (IdeaAdded, AgreementRecorded, TurnPassed)
_ONLY = (
    VoteCast,
    ScoreGiven,
    SelectionMarked,
    ConsentNoted,
    ConsentAnswered,
    ObjectionResolved,
    ClusterCreated,
    ClusterRenamed,
    ClusterDissolved,
    ClustersMerged,
    IdeaMoved,
    RoundStarted,
    TimerPaused,
    TimerResumed,
    TimeboxExtended,
    Rebalanced,
)


def late_rule(event: Event) -> Late:
    if isinstance(event, _FILED):
        return Late.FILED_WHERE_MADE
    if isinstance(event, _ONLY):
        return Late.ONLY_WHERE_MADE
    return Late.ANYWHERE


Place = tuple[int, Movement]


def is_left(state: SessionState, place: Place | None) -> bool:
    """Whether `place` is a movement the group is no longer in (no place: made where it is)."""
    if place is None:
        return False
    segment = state.current_segment
    return segment is None or (segment.step, segment.movement) != place


def reached(state: SessionState, place: Place) -> bool:
    """Whether the group has been in (or is in) the movement at `place`."""
    index = state.segment_index(*place)
    return index is not None and state.segments[index].visited


def place_of(record: Record) -> Place | None:
    if record.step is None or record.movement is None:
        return None
    return record.step, record.movement


def ignored_when_late(state: SessionState, record: Record) -> bool:
    """The fold's half of the rule: a record that counts only where it was made, made in a
    movement the group had left, changes nothing."""
    return late_rule(record.event) is Late.ONLY_WHERE_MADE and is_left(state, place_of(record))
