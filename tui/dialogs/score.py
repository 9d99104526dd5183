"""The score dialog: which idea (or cluster) is scored, on which scale; a score off the scale is
refused in the dialog itself, which stays open with what was typed, so the facilitator mends it
instead of starting again (it used to close, and the refusal flashed by under it)."""

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Static

from tui.dialogs.base import WyberModal
from tui.widgets.fields import LineField
from tui.wyber.commands import Refused
from tui.wyber.i18n import Language
from tui.wyber.rules import parse_score


class ScoreDialog(WyberModal[int | None]):
    """Ask for a score from 0 to `top` for what `scored` names; the score, or None (Esc)."""

    DEFAULT_CSS = """
    ScoreDialog #scored {
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    ScoreDialog #refusal {
        color: $error;
        text-style: bold;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "key.cancel", id="cancel"),
    ]

    def __init__(self, lang: Language, top: int, scored: str) -> None:
        super().__init__(lang)
        self.top = top
        self.scored = scored

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="score"):
            yield Static(Text(self.t("run.score.title", top=self.top)), classes="dialog-title")
            yield Static(Text(self.scored), id="scored")  # one line, cut to fit
            yield LineField(id="answer")
            yield Static(id="refusal")
            yield Static(Text(self.t("run.score.hint")), classes="hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        typed = event.value.strip()
        try:
            score = parse_score(typed, self.top)
        except Refused:
            key = "conv2.score.bad" if typed else "conv2.score.empty"
            self.query_one("#refusal", Static).update(Text(self.t(key, typed=typed, top=self.top)))
            return
        self.dismiss(score)
