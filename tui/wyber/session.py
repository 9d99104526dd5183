"""A live session: the one place that stamps events into records and writes them.

It keeps the session's clock — seconds since the session was opened, from an injected monotonic
clock while running — and the folded state, updated record by record after each is on disk.
After a break-off (crash, closed terminal, power cut) the meeting went on without the laptop:
the clock resumes at the last record's time plus the wall-clock time that passed since, and a
session_resumed record says how long that was.
"""

import time
from collections.abc import Callable, Sequence
from datetime import datetime

from tui.wyber.events import (
    Event,
    ParticipantAdded,
    Record,
    SessionOpened,
    SessionResumed,
)
from tui.wyber.fold import apply, fold
from tui.wyber.items import changed_items
from tui.wyber.plan import Movement
from tui.wyber.state import SessionState
from tui.wyber.store import Archive, SessionWriter
from tui.wyber.wall import utc_now

Monotonic = Callable[[], float]
WallClock = Callable[[], datetime]
# Where stamped records go: the writer's durable append (the default), or a background writer's
# queue when the caller must not wait on the disk (the live screen).
Sink = Callable[[Record], None]


class SessionClock:
    """Seconds on the session's own clock: `base` at the moment it was made, then monotonic."""

    def __init__(self, base: float, monotonic: Monotonic = time.monotonic) -> None:
        self._monotonic = monotonic
        self._origin = monotonic() - base

    def now(self) -> float:
        return self._monotonic() - self._origin


class LiveSession:
    def __init__(
        self, writer: SessionWriter, state: SessionState, clock: SessionClock, wall: WallClock
    ) -> None:
        self.writer = writer
        self.state = state
        self.clock = clock
        self._wall = wall
        self.sink: Sink = writer.append
        # The durable watermark: the seq of the last record on disk. Writing in the caller's
        # thread (the default sink), everything recorded is; a background writer says otherwise.
        self.durable: Callable[[], int] = lambda: self.state.last_seq
        self._touched: dict[str, int] = {}  # board item id → the last record that changed it

    @property
    def session_id(self) -> str:
        return self.state.session_id

    def now(self) -> float:
        return self.clock.now()

    def record(
        self,
        event: Event,
        *,
        actor: str | None = None,
        step: int | None = None,
        movement: Movement | None = None,
    ) -> Record:
        """Stamp the event (who made it and where: see tui/wyber/events.py), hand it to the sink
        (by default: write it durably), then fold it into the state; return the record."""
        record = Record(
            seq=self.state.last_seq + 1,
            at=self._wall(),
            t=round(self.clock.now(), 6),
            actor=actor,
            step=step,
            movement=movement,
            event=event,
        )
        self.sink(record)
        apply(self.state, record)
        for item in changed_items(event):
            self._touched[item] = record.seq
        return record

    def is_pending(self, item_id: str) -> bool:
        """Whether the last change to an idea, cluster or agreement is not yet on disk."""
        return self._touched.get(item_id, 0) > self.durable()

    def add_back(self, records: Sequence[Record]) -> list[Record]:
        """Record the events of rescued records again, in order, as new records: who made each
        and where stays as it was."""
        return [
            self.record(r.event, actor=r.actor, step=r.step, movement=r.movement) for r in records
        ]

    def close(self) -> None:
        self.writer.close()

    def __enter__(self) -> "LiveSession":
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def start_session(
    archive: Archive,
    opened: SessionOpened,
    participants: Sequence[ParticipantAdded] = (),
    *,
    monotonic: Monotonic = time.monotonic,
    wall: WallClock = utc_now,
) -> LiveSession:
    """Create the session in the archive: its opening and its participants, on disk at once."""
    clock = SessionClock(0.0, monotonic)
    at = wall()
    events: list[Event] = [opened, *participants]
    records = [Record(seq=seq, at=at, t=0.0, event=e) for seq, e in enumerate(events, start=1)]
    writer = archive.create(records)
    return LiveSession(writer, fold(records), clock, wall)


def resume_session(
    archive: Archive,
    session_id: str,
    *,
    monotonic: Monotonic = time.monotonic,
    wall: WallClock = utc_now,
) -> LiveSession:
    """Open a recorded session to go on with it; time that passed while away counts."""
    writer = archive.open(session_id)
    try:
        state = fold(writer.records)
        away = 0.0
        if state.last_at is not None:
            away = max(0.0, (wall() - state.last_at).total_seconds())
        session = LiveSession(writer, state, SessionClock(state.last_t + away, monotonic), wall)
        if not state.finished:
            session.record(SessionResumed(away_seconds=round(away, 3)))
    except BaseException:
        writer.close()
        raise
    return session
