"""Time boxes, derived and never counted.

Every figure here is computed from the folded state and `now` (seconds on the session's clock):
remaining = budget - running time, where the budget is the plan's time box with its extensions
and rebalances (the rebalance itself: tui/wyber/rebalance.py). Nothing counts ticks, so a
stalled screen or a skipped timer tick changes nothing.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from tui.wyber.state import SessionState


def whole_minutes(seconds: float) -> int:
    """Seconds as the minutes an agenda shows."""
    return round(seconds / 60)


def used(state: SessionState, index: int, now: float) -> float:
    """Seconds the segment's time box has run, up to `now`."""
    segment = state.segments[index]
    running = state.running_since if index == state.current else None
    return segment.used + (max(0.0, now - running) if running is not None else 0.0)


def remaining(state: SessionState, index: int, now: float) -> float:
    """Seconds left in the segment's time box at `now`; negative once it runs over."""
    return state.segments[index].budget - used(state, index, now)


@dataclass(frozen=True, slots=True)
class Clock:
    """What the big clock shows for the current movement."""

    budget: float
    used: float
    remaining: float  # negative when over time
    paused: bool

    @property
    def overrun(self) -> float:
        return max(0.0, -self.remaining)

    @property
    def fraction_left(self) -> float:
        return max(0.0, self.remaining) / self.budget if self.budget > 0 else 0.0


def current_clock(state: SessionState, now: float) -> Clock | None:
    if state.current is None:
        return None
    index = state.current
    return Clock(
        budget=state.segments[index].budget,
        used=used(state, index, now),
        remaining=remaining(state, index, now),
        paused=state.paused,
    )


def step_planned(state: SessionState, step: int) -> float:
    return sum(s.planned for s in state.segments if s.step == step)


def step_actual(state: SessionState, step: int, now: float) -> float:
    return sum(used(state, i, now) for i, s in enumerate(state.segments) if s.step == step)


def planned_total(state: SessionState) -> float:
    return sum(s.planned for s in state.segments)


def planned_end(state: SessionState) -> float | None:
    """Session time at which the meeting was planned to end: first round plus the plan's length."""
    return None if state.started_t is None else state.started_t + planned_total(state)


def still_to_run(state: SessionState, now: float) -> list[tuple[int, float]]:
    """(segment index, seconds left) for the current segment and every one after it."""
    if state.finished:
        return []
    start = state.current if state.current is not None else 0
    return [(i, max(0.0, remaining(state, i, now))) for i in range(start, len(state.segments))]


def projected_end(state: SessionState, now: float) -> float:
    """Session time at which the meeting ends if every remaining time box is used as it stands."""
    return now + sum(left for _, left in still_to_run(state, now))


def wall_time(state: SessionState, t: float) -> datetime:
    """The wall-clock moment of session time `t`, anchored at the last record."""
    anchor = state.last_at if state.last_at is not None else state.opened_at
    return anchor + timedelta(seconds=t - state.last_t)
