"""The answer for one earlier agreement in the review: a note with any status, and for
"changed" the new deadline and owner(s), said back as understood before anything is recorded."""

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Static

from tui.dialogs.agreement import deadline_said, owner_and_deadline, owners_said, show_said
from tui.dialogs.base import WyberModal
from tui.widgets.fields import LineField
from tui.wyber.dates import DeadlineError, parse_deadline, typed_date
from tui.wyber.events import ReviewStatus
from tui.wyber.i18n import Language
from tui.wyber.series import EarlierAgreement
from tui.wyber.state import Participant


@dataclass(frozen=True, slots=True)
class ReviewAnswer:
    note: str
    deadline: date | None = None  # None: as it was
    owners: str | None = None  # as typed; None: as it was


class ReviewDialog(WyberModal[ReviewAnswer | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "key.cancel", id="cancel"),
        Binding("ctrl+s", "save", "key.save", id="save"),
    ]

    def __init__(
        self,
        lang: Language,
        item: EarlierAgreement,
        status: ReviewStatus,
        people: list[Participant],
        today: date,
    ) -> None:
        super().__init__(lang)
        self.item = item
        self.status = status
        self.people = people
        self.today = today
        self.changes = status is ReviewStatus.CHANGED

    def compose(self) -> ComposeResult:
        item = self.item
        with Vertical(classes="dialog", id="review-answer"):
            status = self.t(f"minutes.status.{self.status.value}")
            status = status[:1].upper() + status[1:]  # it opens the title
            title = self.t("table2.review.answer_title", status=status, number=item.number)
            yield Static(Text(title), classes="dialog-title")
            yield Static(Text(item.text), classes="hint")
            note_hint = "table2.review.what_changed" if self.changes else "table2.review.note"
            yield LineField(
                item.note if item.reviewed_here else "",
                placeholder=self.t(note_hint),
                id="review-note",
            )
            if self.changes:
                due = typed_date(item.deadline) if item.deadline else ""
                yield from owner_and_deadline(self.t, self.people, item.owner_name, due, "review-")
            yield Static(Text(self.t("table2.review.save_hint"), style="dim"))

    def on_mount(self) -> None:
        if self.changes:
            self._show()
        self.query_one("#review-note", Input).focus()

    def _show(self) -> None:
        owners = self.query_one("#review-owner", Input).value
        show_said(
            self.query_one("#review-owners-understood", Static),
            owners_said(self.people, owners, self.lang),
        )
        typed = self.query_one("#review-deadline", Input).value
        said = deadline_said(typed, self.today, self.lang)
        self.query_one("#review-understood", Static).update(said)

    def on_input_changed(self, event: Input.Changed) -> None:
        if self.changes and event.input.id in ("review-owner", "review-deadline"):
            self._show()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter goes to the next field; after the last it saves."""
        event.stop()
        fields = list(self.query(LineField).results(LineField))
        if event.input in fields[:-1]:
            fields[fields.index(event.input) + 1].focus()
            return
        self.action_save()

    def action_save(self) -> None:
        note = self.query_one("#review-note", Input).value.strip()
        if not self.changes:
            self.dismiss(ReviewAnswer(note))
            return
        typed = self.query_one("#review-deadline", Input).value.strip()
        try:
            deadline = parse_deadline(typed, self.today) if typed else None
        except DeadlineError as error:
            self.notify(error.render(self.lang), severity="warning", markup=False)
            self.query_one("#review-deadline", Input).focus()
            return
        owners = self.query_one("#review-owner", Input).value
        self.dismiss(
            ReviewAnswer(
                note,
                deadline if deadline != self.item.deadline else None,
                owners if owners.strip() != self.item.owner_name else None,
            )
        )
