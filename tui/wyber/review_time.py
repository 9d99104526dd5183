"""The time the review of earlier agreements takes: a time box of its own, shown beside the
steps in the minutes' planned-against-actual times.

The review is held before the group starts (the run screen offers it when a session of a
series opens), so what counts is the time it was on screen before the first round; the clock
stops at the start. A review opened again during a round (Ctrl+T) is inside that round's time
box already, and is not counted twice.
"""

from dataclasses import dataclass

from tui.wyber.state import SessionState
from tui.wyber.timebox import whole_minutes

# A minute for each earlier agreement to review: long enough for "done, thanks", and a hint to
# move on when one needs a discussion of its own.
REVIEW_SECONDS_EACH = 60


@dataclass(frozen=True, slots=True)
class ReviewTime:
    planned: int  # whole minutes
    actual: int  # whole minutes
    seconds: float  # the actual time, unrounded, for a clock

    @property
    def difference(self) -> int:
        return self.actual - self.planned

    @property
    def reached(self) -> bool:
        return True  # a review that was never opened has no ReviewTime


def review_time(state: SessionState, now: float) -> ReviewTime | None:
    """The review's time box and the time it took up to `now`; None when it was never opened
    before the start."""
    clock = state.review_clock
    start = state.started_t
    spent = 0.0
    counted = False
    for opened, closed in clock.spans:
        if start is not None and opened >= start:
            continue
        end = now if closed is None else closed
        if start is not None:
            end = min(end, start)
        spent += max(0.0, end - opened)
        counted = True
    if not counted:
        return None
    return ReviewTime(whole_minutes(clock.planned), whole_minutes(spent), spent)
