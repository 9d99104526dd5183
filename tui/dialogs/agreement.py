"""The agreement form: what the group now holds, its kind, owner, deadline and 7-veld field.

The deadline is typed as people say it ("vr 4 dec", "next friday"); the form says at once what
date it understood, or why it did not understand, before anything is recorded.
"""

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, Static

from tui.dialogs.base import WyberModal
from tui.widgets.fields import LineField
from tui.wyber.dates import DeadlineError, parse_deadline, understood
from tui.wyber.events import AgreementKind
from tui.wyber.i18n import Language
from tui.wyber.plan import VELD_FIELDS, VeldField
from tui.wyber.state import Agreement, Participant


@dataclass(frozen=True, slots=True)
class AgreementDraft:
    text: str
    kind: AgreementKind
    owner_id: str | None
    deadline: date | None
    field: VeldField | None


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
            with Horizontal(classes="form-row"):
                yield Label(self.t("run.agreement.owner"))
                yield Select[str](
                    [(p.name, p.id) for p in self.participants],
                    value=a.owner_id if a is not None and a.owner_id else Select.NULL,
                    prompt=self.t("run.agreement.no_owner"),
                    id="owner",
                    compact=True,
                )
            with Horizontal(classes="form-row"):
                yield Label(self.t("run.agreement.deadline"))
                yield LineField(
                    a.deadline.isoformat() if a and a.deadline else "",
                    placeholder=self.t("run.agreement.deadline_hint"),
                    id="deadline",
                )
            yield Static(id="understood", classes="hint")
            with Horizontal(classes="buttons"):
                yield Button(self.t("key.cancel"), id="cancel")
                yield Button(self.t("key.save"), id="save", variant="primary")

    def on_mount(self) -> None:
        self._show_deadline()

    def _deadline(self) -> date | None:
        """The deadline as understood; None when empty; raises DeadlineError when not understood."""
        typed = self.query_one("#deadline", Input).value.strip()
        return parse_deadline(typed, self.today) if typed else None

    def _show_deadline(self) -> None:
        shown = self.query_one("#understood", Static)
        try:
            deadline = self._deadline()
        except DeadlineError as error:
            shown.update(Text(error.render(self.lang), style="bold red"))
            return
        if deadline is None:
            shown.update(Text(self.t("run.agreement.no_deadline")))
        else:
            shown.update(Text("→ " + understood(deadline, self.today, self.lang), style="bold"))

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "deadline":
            self._show_deadline()

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
        owner = self.query_one("#owner", Select).value
        field = self.query_one("#field", Select).value
        self.dismiss(
            AgreementDraft(
                text=text,
                kind=kind if isinstance(kind, AgreementKind) else AgreementKind.AGREEMENT,
                owner_id=owner if isinstance(owner, str) else None,
                deadline=deadline,
                field=field if isinstance(field, VeldField) else None,
            )
        )
