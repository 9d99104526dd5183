"""Help: what the keys of the screen underneath do, in the facilitator's language."""

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Static

from tui.dialogs.base import WyberModal
from tui.keys import screen_commands


class HelpScreen(WyberModal[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,q", "dismiss", "key.close", id="close"),
    ]

    def __init__(self, underneath: Screen[object]) -> None:
        # Help speaks the language of the screen it explains.
        super().__init__(getattr(underneath, "lang", None))
        self.underneath = underneath

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box", classes="dialog"):
            yield Static(self.t("help.title"), classes="dialog-title")
            intro = getattr(self.underneath, "HELP_KEY", None)
            if intro:
                yield Static(self.t(intro), classes="help-intro", markup=False)
            yield DataTable(id="help-keys", cursor_type="row", show_header=True)
            yield Static(self.t("help.palette"), classes="hint")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(self.t("help.col.key"), self.t("help.col.does"))
        for command in screen_commands(self.underneath):
            table.add_row(command.key, command.title)
