"""The agreement form: what the group now holds, its kind, owner, deadline and 7-veld field.

The deadline is typed as people say it ("vr 4 dec", "volgende week"); the form says at once what
date it understood, or why it did not understand, before anything is recorded. The owner is
typed too, with the participants' names suggested: one name, several with commas, or someone
from outside the table; the form says whom it understood (owners.py).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Select, Static

from tui.dialogs.base import WyberModal
from tui.widgets.fields import LineField
from tui.wyber.dates import DeadlineError, parse_deadline, understood
from tui.wyber.events import AgreementKind
from tui.wyber.i18n import Language, tr
from tui.wyber.owners import read_owners
from tui.wyber.plan import VELD_FIELDS, VeldField
from tui.wyber.state import Agreement, Participant


def deadline_said(typed: str, today: date, lang: Language) -> Text:
    """What the form says of a typed deadline: the date understood, or why not, or none."""
    try:
        deadline = parse_deadline(typed, today) if typed.strip() else None
    except DeadlineError as error:
        return Text(error.render(lang), style="bold red")
    if deadline is None:
        return Text(tr(lang, "run.agreement.no_deadline"))
    return Text("→ " + understood(deadline, today, lang), style="bold")


def owners_said(people: list[Participant], typed: str, lang: Language) -> Text | None:
    """Whom typed owners name, those from outside the table marked so; None when none."""
    owners = read_owners(people, typed).owners
    if not owners:
        return None
    names = [
        o.name if o.participant else tr(lang, "table2.owners.outsider", name=o.name) for o in owners
    ]
    return Text("→ " + ", ".join(names))


def owner_and_deadline(
    t: Callable[..., str], people: list[Participant], owner: str, deadline: str, prefix: str = ""
) -> ComposeResult:
    """The owner and deadline fields, each with the line that says what it understood; their
    ids `{prefix}owner`, `{prefix}owners-understood`, `{prefix}deadline`, `{prefix}understood`."""
    with Horizontal(classes="form-row"):
        yield Label(t("run.agreement.owner"))
        yield LineField(
            owner,
            placeholder=t("table2.owners.hint"),
            suggester=SuggestFromList([p.name for p in people], case_sensitive=False),
            id=f"{prefix}owner",
        )
    yield Static(id=f"{prefix}owners-understood", classes="hint")
    with Horizontal(classes="form-row"):
        yield Label(t("run.agreement.deadline"))
        yield LineField(deadline, placeholder=t("table2.deadline_hint"), id=f"{prefix}deadline")
    yield Static(id=f"{prefix}understood", classes="hint")


def show_said(widget: Static, said: Text | None) -> None:
    widget.display = said is not None
    widget.update(said or "")


@dataclass(frozen=True, slots=True)
class AgreementDraft:
    text: str
    kind: AgreementKind
    owners: str  # as typed; owners.read_owners tells whom it names
    deadline: date | None
    field: VeldField | None

    def content(self) -> dict[str, Any]:
        """What Meeting.record_agreement and edit_agreement take of it."""
        return {
            "text": self.text,
            "kind": self.kind,
            "deadline": self.deadline,
            "field": self.field,
            "owners": self.owners,
        }


class AgreementDialog(WyberModal[AgreementDraft | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "key.cancel", id="cancel"),
        Binding("ctrl+s", "save", "key.save", id="save"),
    ]

    def __init__(
        self,
        lang: Language,
        participants: list[Participant],
        today: date,
        agreement: Agreement | None = None,
        text: str = "",
    ) -> None:
        super().__init__(lang)
        self.participants = participants
        self.today = today
        self.agreement = agreement
        self.initial_text = agreement.text if agreement else text

    def compose(self) -> ComposeResult:
        a = self.agreement
        with Vertical(classes="dialog", id="agreement-form"):
            title = "run.agreement.edit_title" if a else "run.agreement.new_title"
            yield Static(self.t(title), classes="dialog-title")
            yield LineField(self.initial_text, id="text", placeholder=self.t("run.agreement.text"))
            with Horizontal(classes="form-row"):
                yield Label(self.t("run.agreement.kind"))
                yield Select[AgreementKind](
                    [(self.t(f"run.kind.{k.value}"), k) for k in AgreementKind],
                    value=a.kind if a else AgreementKind.AGREEMENT,
                    allow_blank=False,
                    id="kind",
                    compact=True,
                )
            # The field's list of eight opens downward: placed high in the form, it stays
            # inside the dialog at 80×24 (last, it spilled over the screen's Footer).
            with Horizontal(classes="form-row"):
                yield Label(self.t("run.agreement.field"))
                yield Select[VeldField](
                    [(self.t(f"run.field.{f.value}"), f) for f in VELD_FIELDS],
                    value=a.field if a is not None and a.field else Select.NULL,
                    prompt=self.t("run.agreement.no_field"),
                    id="field",
                    compact=True,
                )
            yield from owner_and_deadline(
                self.t,
                self.participants,
                a.owner_name if a else "",
                a.deadline.isoformat() if a and a.deadline else "",
            )
            with Horizontal(classes="buttons"):
                yield Button(self.t("key.cancel"), id="cancel")
                yield Button(self.t("key.save"), id="save", variant="primary")

    def on_mount(self) -> None:
        self._show_deadline()
        self._show_owners()

    def _show_owners(self) -> None:
        typed = self.query_one("#owner", Input).value
        show_said(
            self.query_one("#owners-understood", Static),
            owners_said(self.participants, typed, self.lang),
        )

    def _deadline(self) -> date | None:
        """The deadline as understood; None when empty; raises DeadlineError when not understood."""
        typed = self.query_one("#deadline", Input).value.strip()
        return parse_deadline(typed, self.today) if typed else None

    def _show_deadline(self) -> None:
        typed = self.query_one("#deadline", Input).value
        self.query_one("#understood", Static).update(deadline_said(typed, self.today, self.lang))

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "deadline":
            self._show_deadline()
        elif event.input.id == "owner":
            self._show_owners()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_save()
        else:
            self.dismiss(None)

    def action_save(self) -> None:
        text = self.query_one("#text", Input).value.strip()
        if not text:
            self.notify(self.t("run.refused.empty_agreement"), severity="warning")
            self.query_one("#text", Input).focus()
            return
        try:
            deadline = self._deadline()
        except DeadlineError as error:
            self.notify(error.render(self.lang), severity="warning", markup=False)
            self.query_one("#deadline", Input).focus()
            return
        kind = self.query_one("#kind", Select).value
        owners = self.query_one("#owner", Input).value
        field = self.query_one("#field", Select).value
        self.dismiss(
            AgreementDraft(
                text=text,
                kind=kind if isinstance(kind, AgreementKind) else AgreementKind.AGREEMENT,
                owners=owners,
                deadline=deadline,
                field=field if isinstance(field, VeldField) else None,
            )
        )
