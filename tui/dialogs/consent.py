"""The consent round: each person present in turn consents, objects in their own words, or stands
aside; an objection, once discussed, is amended away, withdrawn, or recorded as standing.

Every answer is recorded as it is given (one record per answer), so closing the dialog loses
nothing. There is no button that turns typed words into consent: the list of people has the
focus, a letter gives the answer of the person under the cursor, and Enter in the objection field
records an objection, never consent (the core refuses words given with consent, too).
"""

from collections.abc import Callable
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.geometry import Region
from textual.widgets import DataTable, Input, Static

from tui.dialogs.base import WyberModal
from tui.widgets.cursor import cursor_key
from tui.widgets.fields import LineField
from tui.wyber.consent import SETTLED, consent_lines, open_objections, person, resolution_words
from tui.wyber.events import ConsentAnswer, Resolution
from tui.wyber.i18n import Language
from tui.wyber.meeting import Meeting
from tui.wyber.observers import has_a_vote
from tui.wyber.state import Agreement, Answer, Participant, mandate_of

# Runs a meeting command the way the agreements board does: a refusal becomes a warning.
Act = Callable[[Callable[[], None]], object]

ANSWER_STYLE = {
    ConsentAnswer.CONSENT: "green",
    ConsentAnswer.ASIDE: "",
    ConsentAnswer.OBJECTION: "bold red",
}


class ConsentRoundDialog(WyberModal[None]):
    DEFAULT_CSS = """
    ConsentRoundDialog #round-people {
        height: auto;
        max-height: 12;
    }
    ConsentRoundDialog .consent-text {
        padding-bottom: 1;
    }
    ConsentRoundDialog LineField.hidden {
        display: none;
    }
    /* The keys stay in sight, however far the round scrolls: at 80×24, under the clock, they
       were below the dialog's edge and a new facilitator did not learn c, s, o, a, w or t. */
    ConsentRoundDialog #round-help {
        dock: bottom;
    }
    /* Which proposal is being tested stays in sight too, one line (its opening words), while a
       long table of people scrolls: at 80×24 it scrolled away with the dialog's first rows. */
    ConsentRoundDialog #round-title {
        dock: top;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    /* Textual scrolls a dialog no further than its flowing content reaches, so the last rows
       stayed behind the docked keys: the same text, unseen, at the end of the flow makes the
       room for them, as tall as the keys wrap at any width. */
    ConsentRoundDialog #round-help-room {
        visibility: hidden;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "consent.key.close", id="close"),
        Binding("c", "answer('consent')", "consent.key.consent", id="consent_yes"),
        Binding("s", "answer('aside')", "consent.key.aside", id="consent_aside"),
        Binding("o", "object", "consent.key.objection", id="consent_object"),
        Binding("a", "amend", "consent.key.amend", id="consent_amend"),
        Binding("w", "resolve('withdrawn')", "consent.key.withdrawn", id="consent_withdrawn"),
        Binding("t", "resolve('standing')", "consent.key.standing", id="consent_standing"),
    ]

    def __init__(self, lang: Language, meeting: Meeting, agreement_id: str, act: Act) -> None:
        super().__init__(lang)
        self.meeting = meeting
        self.agreement_id = agreement_id
        self.act = act
        self._scroll_pending = False
        self._amending: str | None = None  # whose objection the amendment field resolves

    @property
    def agreement(self) -> Agreement:
        return self.meeting.state.agreements[self.agreement_id]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="consent-round"):
            yield Static(id="round-title", classes="dialog-title")
            yield Static(id="round-before", classes="hint")
            yield Static(id="round-text", classes="consent-text")
            yield DataTable(id="round-people", cursor_type="row", show_header=False)
            yield LineField(id="objection", classes="hidden")
            yield LineField(id="amend", classes="hidden", placeholder=self.t("consent.amend_field"))
            yield Static(self.t("consent.help"), id="round-help-room", classes="hint", markup=False)
            yield Static(self.t("consent.help"), id="round-help", classes="hint", markup=False)

    def on_mount(self) -> None:
        self.show()
        self._to_next_waiting()
        self.query_one("#round-people", DataTable).focus()

    def on_resize(self) -> None:
        self.show()  # the answers wrap to the width the dialog now has

    # ── what the dialog shows ───────────────────────────────────────────────────────────────

    def people(self) -> list[Participant]:
        """Who is asked: everyone present, and anyone who answered this round and has left."""
        answers = self.agreement.round.answers
        return [p for p in self.meeting.state.participants.values() if p.present or p.id in answers]

    def show(self) -> None:
        # The round on screen is open to the participants' own answers (their phones): on the
        # proposal's text as it reads now, so also the next round an amendment starts here.
        self.meeting.open_round(self.agreement_id)
        a = self.agreement
        title = f"{self.t('consent.title')} · {self.t('consent.round', number=len(a.rounds))}"
        title += f" · {' '.join(a.text.split())}"  # the proposal's opening words, on one line
        heading = self.query_one("#round-title", Static)
        heading.update(Text(title))
        text = self.query_one("#round-text", Static)
        text.update(Text(a.text))
        # The whole proposal below the title, unless the title already holds all of it (a short
        # one): then it would stand twice. Before the first layout the width is not known yet.
        room = heading.content_size.width
        text.display = not (0 < cell_len(title) <= room and "\n" not in a.text.strip())
        # After an amendment, what the earlier rounds said stays in sight above the new text.
        before = consent_lines(a, self.lang, rounds=len(a.rounds) - 1)
        shown = self.query_one("#round-before", Static)
        shown.update(Text("\n".join(line.text for line in before)))
        shown.display = bool(before)
        table = self.query_one("#round-people", DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        people = self.people()
        names = [Text(person(p.name, mandate_of(p), self.lang)) for p in people]
        # An objection is shown whole, wrapped: the name takes what it needs (up to a third),
        # the answer the rest (a cell of padding either side of each column, one for a
        # scrollbar: at the full width a horizontal scrollbar took a line of the dialog).
        width = table.size.width or self.size.width - 8
        name_width = min(max((n.cell_len for n in names), default=10), max(10, width // 3))
        answer_width = max(10, width - name_width - 5)
        table.add_column("", key="name", width=name_width)
        table.add_column("", key="answer", width=answer_width)
        for p, who in zip(people, names, strict=True):
            answer = self._answer_cell(a.round.answers.get(p.id), has_a_vote(p))
            lines = max(len(who.wrap(self.app.console, name_width)), 1)
            lines = max(lines, len(answer.wrap(self.app.console, answer_width)))
            table.add_row(who, answer, key=p.id, height=lines)
        if not people:
            # Said across the whole table, wrapped: in the name column it was cut to "Nobody is".
            nobody = Text(self.t("consent.none_present"), "yellow")
            table.clear(columns=True)
            table.add_column("", key="name", width=max(10, width - 3))
            lines = len(nobody.wrap(self.app.console, max(10, width - 3)))
            table.add_row(nobody, key="", height=lines)
        table.move_cursor(row=min(row, max(0, table.row_count - 1)))

    def _answer_cell(self, answer: Answer | None, asked: bool) -> Text:
        if answer is None and not asked:
            return Text(self.t("tester.consent.not_asked"), "dim italic")
        if answer is None:
            return Text(self.t("consent.waiting"), "dim")
        cell = Text(self.t(f"consent.answer.{answer.answer.value}"), ANSWER_STYLE[answer.answer])
        if answer.answer is ConsentAnswer.OBJECTION:
            cell.append(f": {answer.objection} — ")
            style = "" if answer.resolution in SETTLED else "bold red"
            cell.append(resolution_words(answer, self.lang), style)
        return cell

    def _current(self) -> Participant | None:
        key = cursor_key(self.query_one("#round-people", DataTable))
        return self.meeting.state.participants.get(key or "")

    def _to_next_waiting(self) -> None:
        """The cursor goes to the first person after it (round the table) not yet answered."""
        table = self.query_one("#round-people", DataTable)
        people, answers = self.people(), self.agreement.round.answers
        if not people:
            return
        start = table.cursor_row
        for step in range(1, len(people) + 1):
            row = (start + step) % len(people) if answers else (step - 1)
            if people[row].id not in answers and has_a_vote(people[row]):
                table.move_cursor(row=row)
                return

    @on(DataTable.RowHighlighted, "#round-people")
    def _turn_changed(self) -> None:
        # Once, after the layout that the new answers (and an amendment's history) bring: a
        # rebuilt table highlights twice, and a second scroll measured from the layout before
        # the first would scroll twice as far.
        if not self._scroll_pending:
            self._scroll_pending = True
            self.call_after_refresh(self._turn_in_sight)

    def _turn_in_sight(self) -> None:
        """Scroll the dialog so that whoever's turn it is stays in view.

        The table scrolls its own rows to the cursor, but under the clock at 80×24 the dialog has
        some thirteen rows: after an amendment the earlier round's lines above the new text
        pushed the people below the dialog's edge, and the person whose turn it was out of view.
        """
        self._scroll_pending = False
        if isinstance(self.focused, Input):
            return  # the field being typed in is what has to stay in view (`_open_field`)
        table = self.query_one("#round-people", DataTable)
        box = self.query_one("#consent-round", Vertical)
        rows = table.ordered_rows
        if not rows or not 0 <= table.cursor_row < len(rows):
            return
        # The row's top on the screen, then in the dialog's scrolled (virtual) space.
        above = sum(row.height for row in rows[: table.cursor_row]) - round(table.scroll_y)
        on_screen = table.content_region.y + above
        top = on_screen - box.scrollable_content_region.y + round(box.scroll_y)
        turn = Region(0, top, 1, rows[table.cursor_row].height)
        box.scroll_to_region(turn, spacing=table.dock_gutter, animate=False, immediate=True)

    def _record(self, command: Callable[[], None]) -> None:
        self.act(command)
        self.show()

    # ── the keys ────────────────────────────────────────────────────────────────────────────

    def action_answer(self, answer: str) -> None:
        p = self._current()
        if p is None:
            return
        given = ConsentAnswer(answer)
        self._record(lambda: self.meeting.answer_consent(self.agreement_id, p.id, given))
        self._to_next_waiting()

    def action_object(self) -> None:
        p = self._current()
        if p is None:
            return
        field = self.query_one("#objection", LineField)
        field.placeholder = self.t("consent.objection_field", name=p.name)
        self._open_field(field)

    def _open_field(self, field: LineField) -> None:
        """Shown, focused at once (the keys typed after this one are its, key_order.py), and
        scrolled into the dialog's view once laid out: at 80×24 it opened below the edge, and
        the objection was typed blind."""
        field.remove_class("hidden")
        self.set_focus(field, scroll_visible=False)
        box = self.query_one("#consent-round", Vertical)
        self.call_after_refresh(box.scroll_to_widget, field, animate=False, immediate=True)

    def _objector(self) -> Participant | None:
        """Whose objection a, w or t resolves: the person under the cursor if they objected in
        this round, else the one objection still open (the cursor goes to them); otherwise it
        is said at once. The amendment opened on whoever the cursor was on (after a round of
        answers, the last to answer, or an observer), and only its Enter, after the whole
        amendment was typed, said there was no objection of theirs to resolve."""
        current = self._current()
        answers = self.agreement.round.answers
        mine = answers.get(current.id) if current is not None else None
        if current is not None and mine is not None and mine.answer is ConsentAnswer.OBJECTION:
            return current
        still_open = open_objections(self.agreement)
        only = still_open[0].participant_id if len(still_open) == 1 else ""
        objector = self.meeting.state.participants.get(only)
        if objector is not None:
            table = self.query_one("#round-people", DataTable)
            table.move_cursor(row=table.get_row_index(objector.id))
            return objector
        name = current.name if current is not None else ""
        self.notify(self.t("consent.no_objection_of", name=name), severity="warning")
        return None

    def action_amend(self) -> None:
        p = self._objector()
        if p is None:
            return
        self._amending = p.id
        field = self.query_one("#amend", LineField)
        if not field.value:
            field.value = self.agreement.text
        self._open_field(field)

    def action_resolve(self, resolution: str) -> None:
        p = self._objector()
        if p is None:
            return
        settled = Resolution(resolution)
        self._record(lambda: self.meeting.resolve_objection(self.agreement_id, p.id, settled))

    def action_back(self) -> None:
        """Out of a field (its words stay in it), or out of the round."""
        if isinstance(self.focused, Input):
            # Not Textual's centring, which knows nothing of the docked keys: the turn's own.
            self.set_focus(self.query_one("#round-people", DataTable), scroll_visible=False)
            self._turn_changed()
            return
        self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        amending = event.input.id == "amend"
        p = self.meeting.state.participants.get(self._amending or "") if amending else None
        p = p or self._current()
        if p is None:
            return
        words, meeting, agreement_id = event.value, self.meeting, self.agreement_id

        def objection() -> None:
            meeting.answer_consent(agreement_id, p.id, ConsentAnswer.OBJECTION, words)

        def amendment() -> None:
            meeting.resolve_objection(agreement_id, p.id, Resolution.AMENDED, words)

        before = meeting.state.last_seq
        self._record(amendment if amending else objection)
        if self.meeting.state.last_seq == before:
            return  # refused: the words stay in the field, the warning says why
        event.input.value = ""
        event.input.add_class("hidden")
        # At once: a letter typed after the Enter is the next person's answer, not more words.
        self.set_focus(self.query_one("#round-people", DataTable), scroll_visible=False)
        self._to_next_waiting()
