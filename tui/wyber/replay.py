"""Replay: a recorded session on its own timeline, read-only.

The state at any moment `t` (seconds on the session's clock) is the fold of the records stamped
at or before `t`; the clock of that moment is `timebox.current_clock(state_at(t), t)`. Nothing
here writes: a timeline is built from records already read (`Archive.read` takes no lock).

Seeking is fast on long sessions: the timeline keeps a checkpoint — a copy of the state — every
`every` records, so `state_at` costs one copy and fewer than `every` applies, whatever the moment.
A `Cursor` (what the replay screen holds) moves forward by applying records to its own state in
place, so playing costs only the records played; a jump back restores the nearest checkpoint.

A record's time is its `t`; a log whose times ever go back (a hand-edited or foreign file) is read
with each record at the latest time seen so far, so "the records up to `t`" is always a prefix.
"""

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import accumulate

from tui.wyber.events import Record, RoundStarted, SessionOpened
from tui.wyber.fold import NotASessionLog, apply, opened
from tui.wyber.plan import Movement
from tui.wyber.state import (
    Agreement,
    Cluster,
    Consent,
    ConsentRound,
    Evaluation,
    Idea,
    ReviewClock,
    Segment,
    SessionState,
    Tally,
)

# Records between checkpoints: a seek applies fewer than this many records after one copy.
CHECKPOINT_EVERY = 128

# The speeds a replay plays at, slowest first.
SPEEDS: tuple[int, ...] = (1, 4, 16, 60)


@dataclass(frozen=True, slots=True)
class Round:
    """The moment the group moved into a movement of a step (a round_started record)."""

    t: float
    step: int
    movement: Movement


class Timeline:
    """A session's records on its own clock: its span, its events, its rounds, its states."""

    def __init__(self, records: Sequence[Record], *, every: int = CHECKPOINT_EVERY) -> None:
        if not records or not isinstance(records[0].event, SessionOpened):
            raise NotASessionLog("a session log starts with a session_opened record")
        if every < 1:
            raise ValueError("checkpoints need at least one record between them")
        self.records: tuple[Record, ...] = tuple(records)
        self.every = every
        # Each record's time on the timeline: its t, or the latest t before it if that is later.
        self.times: list[float] = list(accumulate((r.t for r in self.records), max))
        self.start = self.times[0]
        self.end = self.times[-1]
        self.event_times: list[float] = sorted(set(self.times))
        self.rounds: list[Round] = [
            Round(time, r.event.step, r.event.movement)
            for time, r in zip(self.times, self.records, strict=True)
            if isinstance(r.event, RoundStarted)
        ]
        self._round_times = [r.t for r in self.rounds]
        self._checkpoints: list[SessionState] = []
        state = opened(self.records[0])
        self._checkpoints.append(copy_state(state))
        for index in range(1, len(self.records)):
            apply(state, self.records[index])
            if index % every == 0:
                self._checkpoints.append(copy_state(state))
        self._final = state

    @property
    def session_id(self) -> str:
        return self._final.session_id

    @property
    def final(self) -> SessionState:
        """The state after the last record (shared: do not change it)."""
        return self._final

    @property
    def duration(self) -> float:
        return self.end - self.start

    def clamp(self, t: float) -> float:
        """`t`, kept within the session's span."""
        return min(self.end, max(self.start, t))

    def count_at(self, t: float) -> int:
        """How many records are in effect at `t` (kept within the span): those stamped at or
        before it, so at least the opening and whatever shares its moment."""
        return bisect_right(self.times, self.clamp(t))

    def state_at(self, t: float) -> SessionState:
        """The session as it was at `t` (kept within its span): a new state, the caller's own."""
        count = self.count_at(t)
        state = self._restore(count)
        for record in self.records[self._restored_count(count) : count]:
            apply(state, record)
        return state

    def _restored_count(self, count: int) -> int:
        """The records the nearest checkpoint at or before `count` records holds."""
        return ((count - 1) // self.every) * self.every + 1

    def _restore(self, count: int) -> SessionState:
        return copy_state(self._checkpoints[(count - 1) // self.every])

    # ── moving along the timeline ───────────────────────────────────────────────────────────

    def next_event(self, t: float) -> float:
        """The time of the first event after `t`; the end if there is none."""
        index = bisect_right(self.event_times, t)
        return self.event_times[index] if index < len(self.event_times) else self.end

    def previous_event(self, t: float) -> float:
        """The time of the last event before `t`; the start if there is none."""
        index = bisect_left(self.event_times, t)
        return self.event_times[index - 1] if index > 0 else self.start

    def next_step(self, t: float) -> float:
        """The start of the first round after `t`; the end if there is none."""
        index = bisect_right(self._round_times, t)
        return self._round_times[index] if index < len(self._round_times) else self.end

    def previous_step(self, t: float) -> float:
        """The start of the last round before `t`; the start of the session if there is none."""
        index = bisect_left(self._round_times, t)
        return self._round_times[index - 1] if index > 0 else self.start

    def round_at(self, t: float) -> Round | None:
        """The round the group was in at `t`; None before the first."""
        index = bisect_right(self._round_times, t)
        return self.rounds[index - 1] if index > 0 else None

    def record_at(self, t: float) -> Record:
        """The last record in effect at `t`: what had just happened."""
        return self.records[self.count_at(t) - 1]


class Cursor:
    """A state that moves along a timeline: forward by applying records in place (playing costs
    only what is played), back or far ahead by restoring the nearest checkpoint.

    `state` belongs to the cursor and changes on the next `seek`: read it, do not keep it.
    """

    def __init__(self, timeline: Timeline, t: float | None = None) -> None:
        self.timeline = timeline
        self.t = timeline.clamp(timeline.start if t is None else t)
        self._count = timeline.count_at(self.t)
        self.state = timeline.state_at(self.t)

    @property
    def count(self) -> int:
        """How many records the state holds."""
        return self._count

    def seek(self, t: float) -> SessionState:
        timeline = self.timeline
        self.t = timeline.clamp(t)
        count = timeline.count_at(self.t)
        ahead = count - self._count
        # Going on from here costs the records ahead; a restore costs a copy of the state (about
        # as much as applying half the records it holds) and fewer than `every` records.
        if not 0 <= ahead < max(timeline.every, count // 2):
            self.state = timeline._restore(count)
            self._count = timeline._restored_count(count)
        for record in timeline.records[self._count : count]:
            apply(self.state, record)
        self._count = count
        return self.state


# ── copying a state ─────────────────────────────────────────────────────────────────────────────
# Spelled out rather than copy.deepcopy, which is ten times slower on a large session: this
# shares what never changes (strings, dates, the plan and the series, which are frozen) and
# copies every mutable part. tests/test_replay.py fails when a state class gains a field, so a
# new field cannot be forgotten here.


def _tally(tally: Tally) -> Tally:
    return Tally(dict(tally.dots), dict(tally.scores), tally.selected)


def _idea(i: Idea) -> Idea:
    return Idea(
        i.id,
        i.step,
        i.movement,
        i.text,
        i.author_id,
        i.author_name,
        i.added_t,
        i.number,
        i.cluster_id,
        _tally(i.tally),
    )


def _agreement(a: Agreement) -> Agreement:
    consent = None if a.consent is None else Consent(a.consent.given, a.consent.objections)
    return Agreement(
        a.id,
        a.number,
        a.step,
        a.movement,
        a.kind,
        a.text,
        a.owner_id,
        a.owner_name,
        a.deadline,
        a.field,
        a.recorded_t,
        consent,
        [ConsentRound({p: replace(answer) for p, answer in r.answers.items()}) for r in a.rounds],
        list(a.history),  # a Reopening is never changed once made
    )


def copy_state(s: SessionState) -> SessionState:
    """A copy of `s` that shares no mutable part with it."""
    evaluation = s.evaluation
    return SessionState(
        session_id=s.session_id,
        title=s.title,
        language=s.language,
        plan=s.plan,
        place=s.place,
        facilitator=s.facilitator,
        opened_at=s.opened_at,
        segments=[
            Segment(g.step, g.movement, g.planned, g.budget, g.used, g.visited) for g in s.segments
        ],
        held_on=s.held_on,
        series=s.series,
        # a participant holds only immutable values: a shallow copy shares nothing mutable
        participants={k: replace(p) for k, p in s.participants.items()},
        ideas={k: _idea(i) for k, i in s.ideas.items()},
        removed_ideas={k: _idea(i) for k, i in s.removed_ideas.items()},
        clusters={
            k: Cluster(c.id, c.step, c.name, c.created_t, _tally(c.tally))
            for k, c in s.clusters.items()
        },
        agreements={k: _agreement(a) for k, a in s.agreements.items()},
        passes=list(s.passes),  # a Pass is never changed once made
        reviews=[replace(r) for r in s.reviews],
        review_clock=ReviewClock(s.review_clock.planned, list(s.review_clock.spans)),
        evaluation=None
        if evaluation is None
        else Evaluation(
            evaluation.went_well,
            evaluation.next_step,
            dict(evaluation.scores),
            evaluation.could_be_better,
        ),
        current=s.current,
        running_since=s.running_since,
        started_t=s.started_t,
        finished_t=s.finished_t,
        away=list(s.away),
        agreements_recorded=s.agreements_recorded,
        ideas_numbered=dict(s.ideas_numbered),
        members={k: dict(m) for k, m in s.members.items()},
        step_dots={k: dict(d) for k, d in s.step_dots.items()},
        last_seq=s.last_seq,
        last_t=s.last_t,
        last_at=s.last_at,
    )


# ── moments as people type and read them ───────────────────────────────────────────────────────


def moment_text(seconds: float) -> str:
    """A moment on the timeline, in whole seconds: "07:05", or "1:02:03" past an hour."""
    whole = max(0, int(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes:02}:{secs:02}"


def parse_moment(text: str) -> float | None:
    """Seconds from "mm:ss", "h:mm:ss" or whole minutes ("12"); None if it is none of those."""
    parts = text.strip().replace(".", ":").split(":")
    if not 1 <= len(parts) <= 3 or not all(p.strip().isdigit() for p in parts):
        return None
    numbers = [int(p) for p in parts]
    if len(numbers) == 1:
        return numbers[0] * 60.0
    if any(n >= 60 for n in numbers[1:]):
        return None
    seconds = 0
    for number in numbers:
        seconds = seconds * 60 + number
    return float(seconds)


def faster(speed: int) -> int:
    """The next speed up (the fastest stays)."""
    index = SPEEDS.index(speed) if speed in SPEEDS else 0
    return SPEEDS[min(len(SPEEDS) - 1, index + 1)]


def slower(speed: int) -> int:
    """The next speed down (the slowest stays)."""
    index = SPEEDS.index(speed) if speed in SPEEDS else 0
    return SPEEDS[max(0, index - 1)]
