"""Before the review: the conclusions of the previous session's evaluation, on screen first.

A session of a series starts where the last one ended: what went well, what could be better and
the next step the group named then. Shown when the session opens (before the review of earlier
agreements), once; any key goes on.
"""

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Static

from tui.dialogs.base import WyberModal
from tui.widgets.key_strip import KeyStrip
from tui.wyber.dates import spoken_date
from tui.wyber.figures import meeting_date
from tui.wyber.minutes.build import conclusions
from tui.wyber.state import SessionState

QUESTIONS = (
    ("went_well", "minutes.went_well"),
    ("could_be_better", "traject.could_be_better"),
    ("next_step", "minutes.next_step"),
)


def previous_with_conclusions(earlier: list[SessionState]) -> SessionState | None:
    """The series' previous session, when its evaluation says something in words."""
    if not earlier:
        return None
    previous = earlier[-1]
    if previous.evaluation is None or not conclusions(previous.evaluation):
        return None
    return previous


class PreviousEvaluationScreen(WyberModal[None]):
    HELP_KEY = "traject.previous.help"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,escape", "dismiss(None)", "traject.previous.key.go_on", id="go_on"),
    ]

    def __init__(self, previous: SessionState) -> None:
        super().__init__(previous.language)
        self.previous = previous

    def compose(self) -> ComposeResult:
        day = spoken_date(meeting_date(self.previous), self.lang)
        evaluation = self.previous.evaluation
        with Vertical(classes="dialog", id="previous-evaluation"):
            yield Static(self.t("traject.previous", date=day), classes="dialog-title", markup=False)
            for field, key in QUESTIONS:
                answer = getattr(evaluation, field, "")
                if answer:
                    line = Text(self.t(key), style="bold")
                    line.append(answer)
                    yield Static(line, classes="previous-answer")
            yield Static(self.t("traject.previous.go_on"), classes="hint", markup=False)
        yield KeyStrip()
