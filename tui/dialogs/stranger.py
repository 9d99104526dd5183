"""The question an idea that begins with a stranger's name asks: "Bram is not at the table: add
them as a participant?" Yes adds them and the idea is theirs; no keeps "Bram:" as part of the
text; Escape records nothing and leaves the typed line as it was.

The question opens on the Enter of a line typed at speed, and the keys after that Enter were
meant for the next idea, not as an answer (tried in tmux: the "n" of "Gedeelde agenda" said "keep
as text"). Keys that arrived before the question opened are kept aside, answer nothing, and go
back to the idea line once it is answered (`typed_ahead`)."""

import time
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from tui.dialogs.base import WyberModal
from tui.wyber.commands import StrangerNamed
from tui.wyber.i18n import Language


class StrangerDialog(WyberModal[bool | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "key.cancel", id="cancel"),
        Binding("y,j", "dismiss(True)", "table2.stranger.add_key", id="add", show=False),
        Binding("n", "dismiss(False)", "table2.stranger.keep_key", id="keep", show=False),
    ]

    def __init__(self, lang: Language, named: StrangerNamed) -> None:
        super().__init__(lang)
        self.named = named
        # Textual stamps each event with time.monotonic (textual/_time.py) when it is read.
        self.asked_at = time.monotonic()
        self.typed_ahead: list[str] = []  # what the keys typed before it opened typed, in order

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="stranger"):
            yield Static(Text(self.named.render(self.lang)), classes="dialog-title")
            yield Static(
                Text(self.t("table2.stranger.idea", text=self.named.text)), id="stranger-idea"
            )
            with Horizontal(classes="buttons"):
                yield Button(self.t("table2.stranger.keep", name=self.named.name), id="keep")
                yield Button(
                    self.t("table2.stranger.add", name=self.named.name),
                    id="add",
                    variant="primary",
                )

    def on_mount(self) -> None:
        self.query_one("#add", Button).focus()

    def on_key(self, event: events.Key) -> None:
        # Bubbled up from the focused button, before any binding (its Enter, our j and n) runs.
        if event.time < self.asked_at:
            event.stop()
            event.prevent_default()
            if event.key == "enter":
                self.typed_ahead.append("\n")
            elif event.character is not None and event.is_printable:
                self.typed_ahead.append(event.character)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "add")
