"""Where a shipped plan's sample text still stands, before a meeting starts: go there, or start.

The places are a list of their own and "start anyway" is a button beside "go there": as a
choice at the head of the same list, the Enter that a facilitator pressed to start (the first
place was highlighted) took them to the meeting's title, and nothing said what Enter would do.
Enter on a listed place, or the primary button "go there", goes to the place highlighted.
"""

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from tui.dialogs.base import WyberModal
from tui.wyber.i18n import Language

START_ANYWAY = "start"


class SamplesDialog(WyberModal[str | None]):
    """The places (`(id, label)`): their id when one is chosen, START_ANYWAY, or None (Escape)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "key.cancel", id="cancel"),
    ]

    def __init__(self, lang: Language, title: str, places: list[tuple[str, str]]) -> None:
        super().__init__(lang)
        self.title_text = title
        self.places = places

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="samples"):
            yield Static(Text(self.title_text), classes="dialog-title")
            yield OptionList(
                *(Option(Text(label), id=place) for place, label in self.places), id="places"
            )
            yield Static(self.t("design.samples.hint"), classes="hint", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(self.t("design.samples.start"), id="start-anyway")
                yield Button(self.t("design.samples.go"), id="go-there", variant="primary")

    def on_mount(self) -> None:
        places = self.query_one("#places", OptionList)
        places.highlighted = 0
        places.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "start-anyway":
            self.dismiss(START_ANYWAY)
            return
        places = self.query_one("#places", OptionList)
        if places.highlighted is not None:
            self.dismiss(places.get_option_at_index(places.highlighted).id)
