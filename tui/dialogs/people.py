"""Who is at the table: mark participants present or gone, and add someone who arrives late."""

from dataclasses import dataclass, field
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, SelectionList, Static

from tui.dialogs.base import WyberModal
from tui.widgets.fields import LineField
from tui.wyber.i18n import Language
from tui.wyber.state import Participant


@dataclass(slots=True)
class Attendance:
    present: set[str]
    arrived: list[str] = field(default_factory=list)  # names of people added now


class PeopleDialog(WyberModal[Attendance | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "key.cancel", id="cancel"),
        Binding("ctrl+s", "save", "key.save", id="save"),
    ]

    def __init__(self, lang: Language, participants: list[Participant]) -> None:
        super().__init__(lang)
        self.participants = participants
        self.arrived: list[str] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="people"):
            yield Static(self.t("run.people.title"), classes="dialog-title")
            yield SelectionList[str](
                *(
                    (
                        Text(p.name + (f" ({p.organisation})" if p.organisation else "")),
                        p.id,
                        p.present,
                    )
                    for p in self.participants
                ),
                id="present",
            )
            yield LineField(
                placeholder=self.t("run.people.add"), id="new-person", clear_on_submit=True
            )
            yield Static(self.t("run.people.hint"), classes="hint")
            with Horizontal(classes="buttons"):
                yield Button(self.t("key.save"), id="save", variant="primary")

    def on_mount(self) -> None:
        # Nobody yet: the facilitator is here to add people, so the cursor waits in the name field.
        if not self.participants:
            self.query_one("#new-person", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        name = event.value.strip()
        if name:
            self.arrived.append(name)
            selection = self.query_one(SelectionList)
            selection.add_option((Text(name), f"new-{len(self.arrived)}", True))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        chosen = set(self.query_one(SelectionList).selected)
        arrived = [n for i, n in enumerate(self.arrived, 1) if f"new-{i}" in chosen]
        self.dismiss(
            Attendance(present={c for c in chosen if not c.startswith("new-")}, arrived=arrived)
        )
