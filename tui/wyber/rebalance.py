"""Rebalancing the rest of the agenda to end on time: the arithmetic behind Ctrl+B.

The facilitator sees this plan before anything changes (tui/dialogs/rebalance.py), chooses which
boxes to protect, and confirms; the `Rebalance` command (tui/wyber/live.py) then records the same
plan as one undoable change. The rules:

- only whole minutes are taken from a box, so the agenda keeps the minutes it was planned in (the
  old proportional shrink left boxes of 553.8 s that no agenda can show);
- a protected box is never touched, no box is left with less than a minute to run, none grows;
- the minutes are shared out in proportion to what each box has left (largest remainders), so a
  long box gives more than a short one;
- exactly the whole minutes the meeting runs over are taken, rounded up (it ends on time, at
  most a minute early), or every minute there is to take when that is not enough: the plan then
  says how many minutes it still runs over.
"""

from dataclasses import dataclass
from math import ceil, floor

from tui.wyber.events import Rebalanced, SegmentBudget
from tui.wyber.late import Place
from tui.wyber.plan import Movement
from tui.wyber.state import SessionState
from tui.wyber.timebox import planned_end, still_to_run

MINUTE = 60.0
# Seconds-to-minutes conversions round away float noise (599.9999 s is ten minutes' worth).
_NOISE = 1e-6


@dataclass(frozen=True, slots=True)
class BoxChange:
    """One box still to run: its size now and after the rebalance, in seconds."""

    step: int
    movement: Movement
    before: float
    after: float
    protected: bool
    current: bool

    @property
    def place(self) -> Place:
        return self.step, self.movement

    @property
    def taken(self) -> int:
        """Whole minutes taken from this box."""
        return round((self.before - self.after) / MINUTE)


@dataclass(frozen=True, slots=True)
class RebalancePlan:
    boxes: tuple[BoxChange, ...]
    over: int  # whole minutes the meeting runs past its planned end as it stands
    still_over: int  # whole minutes it still runs over afterwards: nothing more to take
    # Whole minutes the protected boxes could give if released: when the meeting still runs
    # over, the facilitator is told that it is the protection that stops the rest.
    held: int = 0

    @property
    def taken(self) -> int:
        return sum(box.taken for box in self.boxes)

    @property
    def changes(self) -> bool:
        return self.taken > 0

    def event(self) -> Rebalanced | None:
        """The record of this plan; None when it changes nothing."""
        budgets = [_budget(box, box.after) for box in self.boxes if box.taken]
        return Rebalanced(budgets=budgets) if budgets else None

    def undo(self) -> Rebalanced:
        """The record that gives every box of this plan its size back."""
        return Rebalanced(budgets=[_budget(box, box.before) for box in self.boxes if box.taken])


def _budget(box: BoxChange, seconds: float) -> SegmentBudget:
    return SegmentBudget(step=box.step, movement=box.movement, seconds=round(seconds, 3))


def default_protected(state: SessionState) -> frozenset[Place]:
    """What a rebalance spares unless the facilitator says otherwise: the box the group is in
    (it may just have been extended) and, while the group has not reached it, the closing step
    (the agreements and the evaluation are what a meeting must not lose). In the closing step
    itself, sparing all of it would leave nothing to take."""
    segment = state.current_segment
    if segment is None:
        return frozenset()
    protected = {(segment.step, segment.movement)}
    last = len(state.plan.steps) - 1
    if segment.step < last:
        protected |= {(s.step, s.movement) for s in state.segments if s.step == last}
    return frozenset(protected)


def plan_rebalance(
    state: SessionState, now: float, protected: frozenset[Place] = frozenset()
) -> RebalancePlan:
    """What a rebalance at `now` would do, sparing the `protected` boxes."""
    end = planned_end(state)
    todo = still_to_run(state, now)
    if end is None or not todo:
        return RebalancePlan(boxes=(), over=0, still_over=0)
    late = sum(left for _, left in todo) - (end - now)
    over = max(0, ceil(late / MINUTE - _NOISE))
    places = [(state.segments[i].step, state.segments[i].movement) for i, _ in todo]
    spare = [max(0, floor((left - MINUTE) / MINUTE + _NOISE)) for _, left in todo]
    caps = [0 if place in protected else cap for place, cap in zip(places, spare, strict=True)]
    held = sum(spare) - sum(caps)
    shares = share_minutes(min(over, sum(caps)), [left for _, left in todo], caps)
    boxes = tuple(
        BoxChange(
            step=step,
            movement=movement,
            before=state.segments[index].budget,
            after=state.segments[index].budget - share * MINUTE,
            protected=(step, movement) in protected,
            current=index == state.current,
        )
        for (step, movement), (index, _), share in zip(places, todo, shares, strict=True)
    )
    return RebalancePlan(boxes=boxes, over=over, still_over=over - sum(shares), held=held)


def share_minutes(total: int, weights: list[float], caps: list[int]) -> list[int]:
    """`total` whole minutes shared in proportion to `weights`, none above its cap.

    First the exact shares, filled like water: a box that reaches its cap keeps it and the rest
    is shared among the others. Then each is rounded down and the minutes still to give go to the
    largest fractions (ties: the earlier box). `total` must not exceed the caps' sum."""
    exact = [0.0] * len(weights)
    free = {i for i, cap in enumerate(caps) if cap > 0 and weights[i] > 0}
    rest = float(total)
    while free and rest > _NOISE:
        weight = sum(weights[i] for i in free)
        full = {i for i in free if rest * weights[i] / weight >= caps[i] - exact[i]}
        if not full:
            for i in free:
                exact[i] += rest * weights[i] / weight
            break
        for i in full:
            rest -= caps[i] - exact[i]
            exact[i] = float(caps[i])
        free -= full
    whole = [floor(x + _NOISE) for x in exact]
    short = total - sum(whole)
    for i in sorted(range(len(exact)), key=lambda i: (whole[i] - exact[i], i)):
        if short <= 0:
            break
        if whole[i] < caps[i]:
            whole[i] += 1
            short -= 1
    return whole
