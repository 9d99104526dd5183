"""Small, explicit building blocks for tests: a plan and records stamped on a fake clock."""

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from tui.wyber.events import (
    Event,
    IdeaAdded,
    ParticipantAdded,
    Record,
    RoundStarted,
    SessionOpened,
)
from tui.wyber.plan import Movement, Plan

START = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def plan_data(**overrides: Any) -> dict[str, Any]:
    """The 30-minute wyber as plain data: one step, three movements of ten minutes."""
    data: dict[str, Any] = {
        "title": "Wyberen in 30 minuten",
        "language": "nl",
        "goal": "Een keer de hele ruit doorlopen.",
        "steps": [
            {
                "title": "Samenwerken",
                "question": "Wat maakt onze samenwerking sterker?",
                "field": "verbindend",
                "diverge": {"minutes": 10, "technique": "silent_writing"},
                "converge": {"minutes": 10, "technique": "dot_vote", "dots": 3},
                "consolidate": {"minutes": 10, "technique": "consent_round"},
            }
        ],
    }
    data.update(overrides)
    return data


def two_step_plan() -> Plan:
    """Two steps: a check-in that only diverges (5 min), then a full wyber (10+10+10)."""
    data = plan_data()
    data["steps"] = [
        {
            "title": "Check-in",
            "diverge": {"minutes": 5, "technique": "go_around", "turn_seconds": 60},
        },
        *data["steps"],
    ]
    return Plan.model_validate(data)


def opened(plan: Plan | None = None, session_id: str = "s1") -> SessionOpened:
    plan = plan or Plan.model_validate(plan_data())
    return SessionOpened(session_id=session_id, plan=plan, title=plan.title, language=plan.language)


def records(timed: Iterable[tuple[float, Event]], start: datetime = START) -> list[Record]:
    """Records numbered 1, 2, 3 … at the given session times."""
    return [
        Record(seq=seq, at=start + timedelta(seconds=t), t=t, event=event)
        for seq, (t, event) in enumerate(timed, start=1)
    ]


class FakeClock:
    """A monotonic clock the test moves by hand: no sleeping, no patching of time."""

    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class FakeWall:
    """A wall clock that moves with a FakeClock, or jumps on its own (a laptop asleep)."""

    def __init__(self, clock: FakeClock, start: datetime = START) -> None:
        self._clock = clock
        self._origin = clock.now
        self._start = start
        self.jumped = 0.0

    def __call__(self) -> datetime:
        return self._start + timedelta(seconds=self._clock.now - self._origin + self.jumped)


def up_to_converge(people: Iterable[str], ideas: Mapping[str, str]) -> list[tuple[float, Event]]:
    """A session's records up to its converge movement: `people` (ids, named in capitals) and
    `ideas` (id: text) added while diverging in step 1."""
    timed: list[tuple[float, Event]] = [(0, opened())]
    timed += [(0, ParticipantAdded(participant_id=p, name=p.upper())) for p in people]
    timed += [(10, RoundStarted(step=0, movement=Movement.DIVERGE))]
    timed += [(20, IdeaAdded(idea_id=i, text=text)) for i, text in ideas.items()]
    return [*timed, (30, RoundStarted(step=0, movement=Movement.CONVERGE))]
