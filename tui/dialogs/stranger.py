"""The question an idea that begins with a stranger's name asks: "Bram is not at the table: add
them as a participant?" Yes adds them and the idea is theirs; no keeps "Bram:" as part of the
text; Escape records nothing and leaves the typed line as it was.

The question opens on the Enter of a line typed at speed, and a facilitator who types on without
looking up means the next idea, not an answer (tried in tmux: the "n" of "Ander idee" said "keep
as text" and its "A" was lost; the "j" of "Hallo jij" added Gerrit). So no key that typing makes
answers it: Ctrl+A adds, Ctrl+K keeps, Escape goes back, and every letter, space and Enter typed
meanwhile is kept aside, shown under the question, and goes to the idea line once it is answered
(`typed_ahead`)."""

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
        Binding("ctrl+a", "dismiss(True)", "table2.stranger.add_key", id="add", show=False),
        Binding("ctrl+k", "dismiss(False)", "table2.stranger.keep_key", id="keep", show=False),
    ]

    def __init__(self, lang: Language, named: StrangerNamed) -> None:
        super().__init__(lang)
        self.named = named
        self.typed_ahead: list[str] = []  # what the keys typed meanwhile typed, in order

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="stranger"):
            yield Static(Text(self.named.render(self.lang)), classes="dialog-title")
            yield Static(
                Text(self.t("table2.stranger.idea", text=self.named.text)), id="stranger-idea"
            )
            yield Static(id="typed-ahead", classes="hint")
            # The keys on a line of their own, which wraps: in the buttons' labels they were
            # cut at 80×24 ("(Ctrl+"), and a long name cut them sooner.
            yield Static(
                Text(self.t("table2.stranger.hint", name=self.named.name)),
                id="stranger-keys",
                classes="hint",
            )
            with Horizontal(classes="buttons"):
                yield Button(self.t("table2.stranger.keep"), id="keep")
                yield Button(self.t("table2.stranger.add"), id="add", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#add", Button).focus()

    def on_key(self, event: events.Key) -> None:
        # Bubbled up from the focused button, before any binding (its Enter) runs.
        if event.key == "enter":
            self.typed_ahead.append("\n")
        elif event.key == "backspace" and self.typed_ahead and self.typed_ahead[-1] != "\n":
            self.typed_ahead.pop()
        elif event.character is not None and event.is_printable:
            self.typed_ahead.append(event.character)
        else:
            return
        event.stop()
        event.prevent_default()
        typed = "".join(self.typed_ahead).replace("\n", " ⏎ ")
        self.query_one("#typed-ahead", Static).update(
            Text(self.t("table2.stranger.typed_on", text=typed)) if typed else ""
        )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "add")
