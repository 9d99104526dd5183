"""Consolidate: record what the group now holds — agreements, decisions, actions, parked items —
and note consent of all present, or the objections."""

from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Static

from tui.dialogs.agreement import AgreementDialog, AgreementDraft
from tui.dialogs.consent import ConsentRoundDialog
from tui.widgets.cursor import cursor_key
from tui.widgets.fitting import Fit, fit
from tui.widgets.panel import MovementPanel
from tui.wyber.consent import consent_label, consent_state
from tui.wyber.dates import short_date
from tui.wyber.events import AgreementRecorded, Record
from tui.wyber.i18n import Language
from tui.wyber.meeting import Meeting
from tui.wyber.state import Agreement, ConsentState

if TYPE_CHECKING:
    from tui.app import WyberApp


# An agreement's consent in colour: open (yellow), given (green), an objection stands (red).
CONSENT_STYLE = {
    ConsentState.OPEN: "yellow",
    ConsentState.GIVEN: "green",
    ConsentState.OBJECTED: "bold red",
}


class AgreementBoard(MovementPanel):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", "key.agreement_add", id="agreement_add"),
        Binding("e", "edit", "key.agreement_edit", id="agreement_edit"),
        Binding("i", "consent", "key.consent", id="consent"),
        Binding("delete", "remove", "key.agreement_remove", id="agreement_remove", show=False),
    ]

    def __init__(self, meeting: Meeting, lang: Language) -> None:
        super().__init__(meeting, lang, id="consolidate")
        self._laid_out_for = 0

    def compose(self) -> ComposeResult:
        yield Static(id="selected", classes="status")
        yield DataTable(id="agreements", cursor_type="row", zebra_stripes=True)

    def on_resize(self) -> None:
        # The text column takes the width left: lay the table out again when that changes.
        if self.size.width != self._laid_out_for:
            self._laid_out_for = self.size.width
            self.refresh_board()

    def focus_default(self) -> None:
        self.query_one("#agreements", DataTable).focus()

    def refresh_board(self) -> None:
        table = self.query_one("#agreements", DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        self.drawn_pending = False
        rows = [(a.id, self._cells(a)) for a in self.meeting.state.agreements.values()]
        # The agreement takes the width left by the short columns, and wraps: at 80 columns the
        # owner, deadline and field go on a line under the text instead of off the screen. On
        # a wide screen the consent column is as wide as its longest label, up to a third of
        # the room: at 160 columns "open — Carla has not answered" took three lines of twelve.
        room = self.size.width - 8
        said = max([12, *(cells[2].cell_len for _, cells in rows)])
        most = room // 3 if room >= 80 else 12
        number, width, consent = fit(
            [Fit(3), Fit(flex=True, least=20), Fit(said, most=max(12, most))], room
        )
        table.add_column(self.t("run.agreement.col.number"), width=number, key="number")
        table.add_column(self.t("run.agreement.col.text"), width=width, key="text")
        table.add_column(self.t("run.agreement.col.consent"), width=consent, key="consent")
        for agreement_id, cells in rows:
            lines = max(
                len(cell.wrap(self.app.console, w))
                for cell, w in zip(cells, (number, width, consent), strict=True)
            )
            table.add_row(*cells, key=agreement_id, height=lines)
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))
        selected = [t.label for t in self.meeting.ranking() if t.selected]
        line = Text(self.t("run.agreement.selected") + " ", "dim")
        line.append(" · ".join(selected) if selected else self.t("run.agreement.none_selected"))
        self.query_one("#selected", Static).update(line)

    def show_records(self, records: tuple[Record, ...]) -> None:
        """Any record draws the table anew; the cursor goes to an agreement the facilitator
        just recorded."""
        self.refresh_board()
        recorded = [
            record.event.agreement_id
            for record in records
            if record.actor is None and isinstance(record.event, AgreementRecorded)
        ]
        table = self.query_one("#agreements", DataTable)
        if recorded and recorded[-1] in table.rows:
            table.move_cursor(row=table.get_row_index(recorded[-1]))

    def _cells(self, a: Agreement) -> list[Text]:
        state = self.meeting.state
        consent = consent_label(a, state, self.lang)
        details = [
            a.owner_name,
            short_date(a.deadline, self.lang) if a.deadline else "",
            self.t(f"run.field.{a.field.value}") if a.field else "",
        ]
        text = Text(self.t(f"run.kind.{a.kind.value}") + ": ", "bold")
        text.append(a.text)
        self.mark_pending(text, a.id)
        if any(details):
            text.append("\n" + " · ".join(d for d in details if d), "dim")
        return [
            Text(str(a.number)),
            text,
            Text(consent, CONSENT_STYLE[consent_state(a, state)]),
        ]

    def _current(self) -> Agreement | None:
        key = cursor_key(self.query_one("#agreements", DataTable))
        return self.meeting.state.agreements.get(key or "")

    def _dialog(self, agreement: Agreement | None, text: str = "") -> AgreementDialog:
        people = list(self.meeting.state.participants.values())
        today = cast("WyberApp", self.app).clocks.today()
        return AgreementDialog(self.lang, people, today, agreement, text)

    def action_add(self) -> None:
        # The first thing the group selected, not yet an agreement, is the likely proposal.
        recorded = {a.text for a in self.meeting.state.agreements.values()}
        proposals = [
            t.label for t in self.meeting.ranking() if t.selected and t.label not in recorded
        ]

        def save(draft: AgreementDraft | None) -> None:
            if draft is not None:
                self.act(lambda: self.meeting.record_agreement(**draft.content()))

        self.app.push_screen(self._dialog(None, proposals[0] if proposals else ""), save)

    def action_edit(self) -> None:
        agreement = self._current()
        if agreement is None:
            return

        def save(draft: AgreementDraft | None) -> None:
            if draft is not None:
                self.act(
                    lambda: self.meeting.edit_agreement(
                        agreement.id, owner_id=None, **draft.content()
                    )
                )

        self.app.push_screen(self._dialog(agreement), save)

    def action_consent(self) -> None:
        agreement = self._current()
        if agreement is None:
            return

        self.app.push_screen(ConsentRoundDialog(self.lang, self.meeting, agreement.id, self.act))

    def action_remove(self) -> None:
        agreement = self._current()
        if agreement is not None:
            self.act(lambda: self.meeting.remove_agreement(agreement.id))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()
