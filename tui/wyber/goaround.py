"""A go-around (rondje): each participant present gets an equal, timed turn, one after another.

The turn's clock is derived like every time box: from the session time the turn started.
A go-around is a way of working the screen offers, not a fact of the meeting, so it is not
recorded; what people say in their turn is (as ideas with them as author), and so is a turn
passed (TurnPassed: the minutes say who had nothing to add).
"""

from dataclasses import dataclass

from tui.wyber.state import SessionState

# A turn shorter than this is not a turn: with many people and a short box, each still gets it.
MIN_TURN_SECONDS = 30.0


@dataclass(slots=True)
class GoAround:
    order: list[str]  # participant ids, in the order they get their turn
    turn_seconds: float
    turn_started: float
    index: int = 0

    @property
    def current(self) -> str | None:
        """The participant whose turn it is; None once everyone had a turn."""
        return self.order[self.index] if self.index < len(self.order) else None

    @property
    def done(self) -> bool:
        return self.index >= len(self.order)

    def remaining(self, now: float) -> float:
        """Seconds left in this turn; negative once it runs over."""
        return self.turn_seconds - (now - self.turn_started)

    def next_turn(self, now: float) -> str | None:
        self.index += 1
        self.turn_started = now
        return self.current


def start_go_around(
    state: SessionState, now: float, turn_seconds: int | None, box_left: float
) -> GoAround | None:
    """A go-around over everyone present, in the order they were added; None with nobody present.

    Each turn lasts the plan's `turn_seconds`, else an equal share of what is left of the box.
    """
    order = [p.id for p in state.participants.values() if p.present]
    if not order:
        return None
    seconds = float(turn_seconds) if turn_seconds else max(MIN_TURN_SECONDS, box_left / len(order))
    return GoAround(order=order, turn_seconds=seconds, turn_started=now)
