"""Who is at the table: mark participants present or gone, mark who came in late, and add
someone who arrives late, with their organisation and mandate (the fields of Prepare's
participant form): Enter in the name or the organisation, or Ctrl+S, adds who is typed.

Once the meeting has started each mark counts from the moment it is saved: ticking someone
means they came in now, unticking that they left now, and `l` says that someone already ticked
came in just now (tui/wyber/presence.py). Each name shows the time it was marked.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, SelectionList, Static

from tui.dialogs.base import WyberModal
from tui.widgets.fields import LineField
from tui.widgets.participant_fields import MandateSelect, participant_field
from tui.wyber.figures import clock_time
from tui.wyber.i18n import Language
from tui.wyber.plan import Mandate
from tui.wyber.presence import GRACE_SECONDS, counts_as_late
from tui.wyber.state import Participant, SessionState
from tui.wyber.text import clean_line


@dataclass(frozen=True, slots=True)
class Arrival:
    """Someone added in the dialog, as Prepare would have written them."""

    name: str
    organisation: str = ""
    mandate: Mandate | None = None


@dataclass(slots=True)
class Attendance:
    present: set[str]
    arrived: list[Arrival] = field(default_factory=list)  # people added now
    late: set[str] = field(default_factory=set)  # marked present already, and came in just now


class PeopleDialog(WyberModal[Attendance | None]):
    DEFAULT_CSS = """
    PeopleDialog #new-person-details {
        height: auto;
    }
    PeopleDialog #new-organisation {
        width: 1fr;
        margin: 0 1 0 1;
    }
    PeopleDialog #new-mandate {
        width: 1fr;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "key.cancel", id="cancel"),
        Binding("ctrl+s", "save", "key.save", id="save"),
        Binding("l", "late", "presence.key.late", id="late"),
    ]

    def __init__(
        self,
        lang: Language,
        participants: list[Participant],
        state: SessionState | None = None,
        now: Callable[[], float] | None = None,
    ) -> None:
        """`state` and `now` (the session's clock) give the times beside the names; without
        them the dialog only marks who is there."""
        super().__init__(lang)
        self.participants = participants
        self.arrived: list[Arrival] = []
        self.state = state
        self.now = now
        self.late: set[str] = set()

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="people"):
            yield Static(self.t("run.people.title"), classes="dialog-title")
            yield SelectionList[str](
                *((self._prompt(p, p.present), p.id, p.present) for p in self.participants),
                id="present",
            )
            yield LineField(
                placeholder=self.t("run.people.add"), id="new-person", clear_on_submit=True
            )
            # One line for both, without borders: at 80×24 the dialog has the rows under the
            # clock, and two more bordered fields scrolled its Save button away.
            with Horizontal(id="new-person-details"):
                organisation = participant_field(self.lang, "organisation", id="new-organisation")
                organisation.compact = True
                yield organisation
                mandate = MandateSelect(self.lang, id="new-mandate")
                mandate.compact = True
                yield mandate
            yield Static(self.t("presence.hint"), classes="hint")
            with Horizontal(classes="buttons"):
                yield Button(self.t("key.save"), id="save", variant="primary")

    def _prompt(self, person: Participant, ticked: bool) -> Text:
        """The name, and when they came late or left: as recorded, or now, if saving this would
        record it."""
        text = Text(person.name + (f" ({person.organisation})" if person.organisation else ""))
        mark = self._mark(person, ticked)
        if mark is not None:
            text.append(f"  {mark}", style="dim")
        return text

    def _mark(self, person: Participant, ticked: bool) -> str | None:
        state, clock = self.state, self.now
        if state is None or clock is None:
            return None
        now = clock()
        # Someone who left and is ticked again is back, not late (tui/wyber/presence.py).
        returning = person.left_t is not None
        coming_in = not returning and (person.id in self.late or (ticked and not person.present))
        if coming_in and counts_as_late(state, now):
            return self.t("presence.mark.late", time=clock_time(state, now))
        if not ticked and person.present and state.started_t is not None:
            return self.t("presence.mark.left", time=clock_time(state, now))
        if not ticked and person.left_t is not None:
            return self.t("presence.mark.left", time=clock_time(state, person.left_t))
        if ticked and person.arrived_t is not None:
            return self.t("presence.mark.late", time=clock_time(state, person.arrived_t))
        return None

    def _refresh_prompt(self, person_id: str) -> None:
        index = next((i for i, p in enumerate(self.participants) if p.id == person_id), None)
        if index is None:
            return  # added in this dialog: no mark
        selection = self.query_one(SelectionList)
        ticked = person_id in selection.selected
        prompt = self._prompt(self.participants[index], ticked)
        selection.replace_option_prompt_at_index(index, prompt)

    def on_mount(self) -> None:
        # Nobody yet: the facilitator is here to add people, so the cursor waits in the name field.
        if not self.participants:
            self.query_one("#new-person", Input).focus()

    def on_selection_list_selection_toggled(
        self, event: SelectionList.SelectionToggled[str]
    ) -> None:
        event.stop()
        value = event.selection.value
        if value not in event.selection_list.selected:
            self.late.discard(value)  # gone again: not "came in just now"
        self._refresh_prompt(value)

    def action_late(self) -> None:
        """The highlighted participant came in just now (already ticked or not)."""
        selection = self.query_one(SelectionList)
        if selection.highlighted is None:
            return
        value = selection.get_option_at_index(selection.highlighted).value
        if value.startswith("new-"):
            return  # added in this dialog: they come in now anyway
        if self.state is None or self.now is None or not counts_as_late(self.state, self.now()):
            self.notify(self.t("presence.not_late", minutes=GRACE_SECONDS // 60), timeout=4)
            return
        if value in self.late:
            self.late.discard(value)
        else:
            self.late.add(value)
            selection.select(value)
        self._refresh_prompt(value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the name (which empties itself) or in the organisation adds who is typed."""
        event.stop()
        name = self.query_one("#new-person", Input)
        if event.input is name:
            self._add(event.value)
        else:
            self._add(name.value)
            name.value = ""
            name.focus()

    def _add(self, typed: str) -> None:
        """The name typed, with the organisation and mandate beside it; those are emptied for
        the next one."""
        name = clean_line(typed)
        if not name:
            return
        organisation = self.query_one("#new-organisation", Input)
        mandate = self.query_one(MandateSelect)
        arrival = Arrival(name, clean_line(organisation.value), mandate.mandate)
        organisation.value, mandate.mandate = "", None
        self.arrived.append(arrival)
        prompt = Text(name + (f" ({arrival.organisation})" if arrival.organisation else ""))
        if arrival.mandate is not None:
            prompt.append("  " + self.t(f"consent.mandate.{arrival.mandate.value}"), "dim")
        selection = self.query_one(SelectionList)
        selection.add_option((prompt, f"new-{len(self.arrived)}", True))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        # A name typed and not yet entered (its organisation and mandate chosen after it) is
        # meant too: Ctrl+S does not drop it.
        name = self.query_one("#new-person", Input)
        self._add(name.value)
        name.value = ""
        chosen = set(self.query_one(SelectionList).selected)
        arrived = [n for i, n in enumerate(self.arrived, 1) if f"new-{i}" in chosen]
        present = {c for c in chosen if not c.startswith("new-")}
        self.dismiss(Attendance(present=present, arrived=arrived, late=self.late & present))
