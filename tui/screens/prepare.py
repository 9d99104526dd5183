"""Prepare: the meeting's title, date and place, who comes with which mandate, and the agenda
(its goal and steps, designed in tui/widgets/agenda_editor.py).

Nothing is recorded here: Start hands the edited Preparation back (the app then opens the
session), after saying where a shipped plan's sample text still stands; Escape goes back home,
asking first when something typed would be thrown away. F3 saves the agenda and who comes as the
user's plan. The language chosen here is the screen's at once, as it will be the session's.
Everything typed is shown as typed: names with brackets, emoji or right-to-left script are never
read as markup.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import ClassVar

from pydantic import ValidationError
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.suggester import SuggestFromList
from textual.widgets import (
    Button,
    DataTable,
    Footer,
    Header,
    Input,
    Label,
    Select,
    Static,
    TabbedContent,
    TabPane,
)

from tui.dialogs.base import WyberScreen
from tui.internals import reset_bindings
from tui.keys import localise
from tui.screens.design_questions import confirm, save_as_my_plan, warn_of_samples
from tui.screens.home import HomeScreen
from tui.widgets.agenda_editor import AgendaEditor
from tui.widgets.fields import LineField
from tui.widgets.fitting import Fit, FittedTable, Row, natural
from tui.widgets.key_strip import KeyStrip
from tui.widgets.participant_fields import MandateSelect, participant_field
from tui.wyber.dates import DeadlineError, parse_deadline, typed_date, understood
from tui.wyber.i18n import LANGUAGES, Language
from tui.wyber.invalid import explain
from tui.wyber.plan import EMAIL, Plan, parse_minutes
from tui.wyber.plans import plan_problems
from tui.wyber.preparation import Invitee, Preparation, with_invitees
from tui.wyber.samples import SamplePlace, SampleText
from tui.wyber.search import series_names
from tui.wyber.series import series_goal, series_sessions
from tui.wyber.series_name import same_series
from tui.wyber.text import clean_line

INVITEE_FIELDS = ("name", "organisation", "role", "email")


# The cells each typed column keeps at least beside the mandate in full; with less, the mandate
# is said short ("raadpleegt eerst"), as the consent round says it.
READABLE = 12


@dataclass(frozen=True, slots=True)
class InviteeRow:
    """A participant as the table shows them: what was typed, and the mandate in full and short."""

    typed: list[str]
    mandate: str
    short: str


class InviteeTable(FittedTable):
    """The participants; Enter edits the highlighted one, Delete removes it.

    The typed columns (any of them long) share the width equally and a long value ends in "…",
    so one long name never pushes the e-mail off the screen. The mandate is one of three, shown
    whole: in full where the typed columns keep room beside it (160 columns), else short (80);
    cut to "raadpleegt eerst de achterb…" it said less than its short form.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "prepare.key.edit", id="edit"),
        Binding("delete", "screen.remove_invitee", "prepare.key.remove", id="remove"),
    ]

    def __init__(self, heads: list[tuple[str, str]], *, id: str) -> None:
        super().__init__(heads, id=id)
        self.people: list[InviteeRow] = []

    def fits(self) -> list[Fit]:
        *typed, (_, label) = self.heads
        mandates = [cells[-1] for _, cells in self.rows_shown]
        return [Fit(flex=True, least=6) for _ in typed] + [Fit(natural(label, mandates))]

    def show_invitees(self, people: list[InviteeRow]) -> None:
        self.people = people
        self.show(self._rows())

    def _rows(self) -> list[Row]:
        label = self.heads[-1][1]
        full = natural(label, [Text(person.mandate) for person in self.people])
        short = self.room - full < READABLE * (len(self.heads) - 1)
        return [
            (
                str(n),
                [
                    Text(cell, no_wrap=True, overflow="ellipsis")
                    for cell in [*person.typed, person.short if short else person.mandate]
                ],
            )
            for n, person in enumerate(self.people)
        ]

    def on_resize(self) -> None:
        # Textual runs this before FittedTable's own on_resize, which lays the rows out anew.
        self.rows_shown = self._rows()


class PrepareScreen(WyberScreen[Preparation | None]):
    CSS_PATH = "prepare.tcss"
    HELP_KEY = "prepare.help"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "start", "prepare.key.start", id="start", priority=True),
        Binding("escape", "back", "prepare.key.back", id="back"),
        Binding("f2", "next_tab", "prepare.key.next_tab", id="next_tab"),
        Binding("f3", "save_plan", "design.key.save", id="save_plan"),
    ]

    def __init__(self, preparation: Preparation, *, show: SampleText | None = None) -> None:
        super().__init__(preparation.language)  # the session's language, as the meeting will
        self.preparation = preparation
        self.invitees: list[Invitee] = [
            Invitee(i.name, i.organisation, i.role, i.email, i.mandate)
            for i in preparation.invitees
        ]
        self.editing: int | None = None
        self.show_first = show  # a sample text to put the cursor in at once (home's `n`)
        self.plan_name = preparation.plan_name  # the user's plan being worked on, "" for none
        self.saved = False  # saved as plan_name while this screen was open
        # What a saved plan keeps (agenda, who comes, language), as opened or last saved; and
        # the rest (the meeting's title, date, place…), as opened: see leave_question.
        self.as_kept: object = None
        self.as_opened: object = None
        self._carried: AgendaEditor | None = None  # the agenda as typed, over a change of language
        self._spoken: Language | None = None  # the app's language before this screen spoke
        self._series_known: list[str] = []  # the series the archive holds, as _offer_series found
        self._goal_filled = ""  # the series goal this screen filled in from earlier sessions

    # ── layout ──────────────────────────────────────────────────────────────────────────────

    def compose(self) -> ComposeResult:
        prep = self.preparation
        yield Header()
        with TabbedContent(id="tabs", initial="meeting"):
            with (
                TabPane(self.t("prepare.tab.meeting"), id="meeting"),
                VerticalScroll(can_focus=False),
            ):
                yield from self._field("title", LineField(prep.title, id="title", max_length=200))
                yield from self._line("date", typed_date(prep.held_on), 60)
                yield Static(id="date-understood", classes="under-field", markup=False)
                yield from self._line("place", prep.place, 500)
                yield from self._line("facilitator", prep.facilitator, 200)
                languages = [(self.t(f"prepare.lang.{code}"), code) for code in LANGUAGES]
                yield from self._field(
                    "language",
                    # No type-to-search (nor in the agenda's and the mandate's): Down opened the
                    # list, and a name typed next and its Enter chose "Engels" unseen.
                    Select(
                        languages,
                        value=self.lang,
                        allow_blank=False,
                        type_to_search=False,
                        id="language",
                    ),
                )
                yield Static(
                    self.t("prepare.language_hint"), classes="under-field hint", markup=False
                )
                # A series is less common than the fields above: below them, scrolled to.
                yield from self._line("series", prep.series, 200)
                yield Static(id="series-known", classes="under-field hint", markup=False)
                yield from self._line("series_goal", prep.series_goal, 4000)
                yield Static(id="meeting-message", classes="message", markup=False)
            with TabPane(self._participants_label(), id="participants"):
                with Horizontal(classes="invitee-row"):
                    for name in ("name", "organisation", "role"):
                        yield self._invitee_input(name)
                with Horizontal(classes="invitee-row"):
                    yield self._invitee_input("email")
                    yield MandateSelect(self.lang, id="invitee-mandate")
                    yield Button(self.t("prepare.participant.add"), id="add", variant="primary")
                    yield Button(self.t("prepare.participant.remove"), id="remove")
                yield Static(id="invitee-message", classes="message", markup=False)
                heads = [(name, self.t(f"prepare.participant.{name}")) for name in INVITEE_FIELDS]
                heads.append(("mandate", self.t("design.mandate")))
                yield InviteeTable(heads, id="invitees")
                yield Static(self.t("prepare.participant.none"), id="no-invitees", classes="hint")
                yield Static(self.t("prepare.participant.hint"), classes="hint", markup=False)
            with TabPane(self._agenda_label(prep.plan.minutes), id="agenda"):
                editor = AgendaEditor(prep.plan, self.lang, id="agenda-scroll")
                if self._carried is not None:
                    editor.carry_on(self._carried)
                yield editor
                yield Static(id="total", markup=False)
                yield Static(id="agenda-message", classes="message", markup=False)
        with Horizontal(id="actions"):
            yield Button(self.t("prepare.back"), id="back")
            yield Button(self.t("prepare.start"), id="start", variant="success")
        yield KeyStrip()

    def on_resize(self, event: events.Resize) -> None:
        self._fit_footer(event.size.width)

    def _fit_footer(self, width: int) -> None:
        # On a laptop this screen's keys matter more than the palette's hint (Ctrl+P still works).
        self.query_one(Footer).show_command_palette = width >= 100

    def _field(self, name: str, widget: Input | Select[str]) -> ComposeResult:
        with Horizontal(classes="field"):
            yield Label(self.t(f"prepare.field.{name}"), classes="field-label", markup=False)
            yield widget

    def _line(self, name: str, value: str, max_length: int) -> ComposeResult:
        """A labelled one-line field with its placeholder; its id is the name, dashed."""
        placeholder = self.t(f"prepare.placeholder.{name}")
        field_id = name.replace("_", "-")
        yield from self._field(
            name, LineField(value, id=field_id, max_length=max_length, placeholder=placeholder)
        )

    def _invitee_input(self, name: str) -> Input:
        return participant_field(self.lang, name, id=f"invitee-{name}")

    def _participants_label(self) -> str:
        return self.t("prepare.tab.participants", count=len(self.invitees))

    def _agenda_label(self, minutes: int | None) -> str:
        return self.t("prepare.tab.agenda", minutes="?" if minutes is None else minutes)

    def on_mount(self) -> None:
        # The app's own keys (help, quit) speak the session's language here, as in the meeting.
        self._spoken = self.wyber.lang
        self.wyber.speak(self.lang)
        self._show_all()
        # The planned end moves with the clock while the facilitator prepares.
        self.set_interval(15, self._show_total)
        if self.show_first is not None:
            self.go_to(self.show_first)
        else:
            self.query_one("#title", Input).focus()
        self.call_after_refresh(self._remember_as_prepared)

    def on_unmount(self) -> None:
        # Back to the language spoken before, unless the meeting prepared here has started and
        # speaks its own: the screen may be taken down after the meeting's first words, and
        # the run screen's Quit, Help and palette then came in the app's language.
        if self._spoken is not None and self.wyber.meeting is None:
            self.wyber.speak(self._spoken)

    def _show_all(self) -> None:
        """What is drawn from the screen's state rather than composed: after mount, and after a
        change of language."""
        self.sub_title = self.t("prepare.subtitle")
        localise(self.query_one(InviteeTable), self.lang)
        localise(self.query_one(AgendaEditor), self.lang)
        self._fill_invitees()
        for message in self.query(".message"):
            message.display = False
        self._show_date()
        self._show_total()
        self._offer_series()

    def _offer_series(self) -> None:
        """The series the archive holds, completed as typed (→ takes it) and named under the
        field: a typo no longer starts a second series unseen."""
        home = self.app.screen_stack[0] if self.app.screen_stack else None
        listing = home.listing if isinstance(home, HomeScreen) else None
        names = series_names(listing.sessions) if listing is not None else []
        self._series_known = names
        self.query_one("#series", Input).suggester = SuggestFromList(names, case_sensitive=False)
        known = self.query_one("#series-known", Static)
        known.update(Text(self.t("prep3.series.known", names=", ".join(names))))
        known.display = bool(names)

    def _fill_series_goal(self, typed: str) -> None:
        """A series the archive holds, chosen: its goal as its earlier sessions wrote it, in the
        goal field, when that is empty (or still holds what this filled in for another)."""
        goal_field = self.query_one("#series-goal", Input)
        if clean_line(goal_field.value) not in ("", self._goal_filled):
            return
        known = next((name for name in self._series_known if same_series(name, typed)), None)
        goal = series_goal(series_sessions(self.wyber.archive, known)) if known else ""
        if goal or self._goal_filled:
            goal_field.value = self._goal_filled = goal

    # ── language ────────────────────────────────────────────────────────────────────────────

    async def on_select_changed(self, event: Select.Changed) -> None:
        chosen = next((c for c in LANGUAGES if c == event.value), None)
        if event.select.id == "language" and chosen is not None and chosen != self.lang:
            await self.speak(chosen)

    async def speak(self, lang: Language) -> None:
        """The whole screen in `lang` at once, everything typed, chosen and added kept."""
        tabs = self.query_one(TabbedContent)
        tab, focused = tabs.active, self.focused.id if self.focused else None
        typed = self._meeting_fields()
        self._carried = self.query_one(AgendaEditor)
        reset_bindings(self)  # the catalog keys back, to look up in the other language
        self._localise(lang)
        self.wyber.speak(lang)
        await self.recompose()
        self._carried = None
        for widget in self._meeting_widgets():
            if widget.id in typed:
                widget.value = typed[widget.id]
        if self.editing is not None:
            self.query_one("#add", Button).label = self.t("prepare.participant.update")
        self._show_all()
        self._fit_footer(self.size.width)
        self.query_one(TabbedContent).active = tab
        again = self.query(f"#{focused}") if focused else None
        (again.first() if again else self.query_one("#language")).focus()

    # ── meeting ─────────────────────────────────────────────────────────────────────────────

    def _say(self, where: str, message: str, *, error: bool = True) -> None:
        widget = self.query_one(f"#{where}-message", Static)
        widget.update(Text(message))
        widget.set_class(error, "-error")
        widget.display = bool(message)

    def _parse_date(self) -> date:
        return parse_deadline(self.query_one("#date", Input).value, self.wyber.clocks.today())

    def _show_date(self) -> None:
        shown = self.query_one("#date-understood", Static)
        try:
            held_on = self._parse_date()
        except DeadlineError as error:
            shown.update(Text(error.render(self.lang)))
            shown.add_class("-error")
            return
        shown.update(Text(understood(held_on, self.wyber.clocks.today(), self.lang)))
        shown.remove_class("-error")

    def on_input_changed(self, event: Input.Changed) -> None:
        name = event.input.id or ""
        if name == "date":
            self._show_date()
        elif name == "series":
            self._fill_series_goal(event.value)
        elif name == "title" and event.value.strip():
            self._say("meeting", "")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if (event.input.id or "").startswith("invitee-"):
            self._add_invitee()
        else:
            self.focus_next()

    # ── participants ────────────────────────────────────────────────────────────────────────

    def _invitee_field(self, name: str) -> Input:
        return self.query_one(f"#invitee-{name}", Input)

    def _form(self) -> Invitee:
        values = {name: clean_line(self._invitee_field(name).value) for name in INVITEE_FIELDS}
        return Invitee(**values, mandate=self.query_one(MandateSelect).mandate)

    def _form_is_empty(self) -> bool:
        return not any(self._invitee_field(name).value.strip() for name in INVITEE_FIELDS)

    def _clear_form(self) -> None:
        for name in INVITEE_FIELDS:
            self._invitee_field(name).value = ""
        self.query_one(MandateSelect).mandate = None
        self.editing = None
        self.query_one("#add", Button).label = self.t("prepare.participant.add")

    def _fill_invitees(self) -> None:
        self.query_one(InviteeTable).show_invitees(
            [
                InviteeRow(
                    [getattr(invitee, name) for name in INVITEE_FIELDS],
                    self._mandate(invitee),
                    self._mandate(invitee, short=True),
                )
                for invitee in self.invitees
            ]
        )
        self.query_one("#no-invitees").display = not self.invitees
        tabs = self.query_one(TabbedContent)
        tabs.get_tab("participants").label = self._participants_label()

    def _mandate(self, invitee: Invitee, *, short: bool = False) -> str:
        """The mandate in full, or `short` as the consent round says it."""
        if invitee.mandate is None:
            return ""
        return self.t(f"{'consent' if short else 'design'}.mandate.{invitee.mandate.value}")

    def _add_invitee(self) -> bool:
        """Add (or update) the participant in the form; False, with a message, if it cannot."""
        invitee = self._form()
        if not invitee.name:
            self._say("invitee", self.t("prepare.participant.name_required"))
            self._invitee_field("name").focus()
            return False
        if invitee.email and not EMAIL.match(invitee.email):
            self._say("invitee", self.t("prepare.participant.bad_email", email=invitee.email))
            self._invitee_field("email").focus()
            return False
        others = [i for n, i in enumerate(self.invitees) if n != self.editing]
        duplicate = any(i.name.casefold() == invitee.name.casefold() for i in others)
        if self.editing is not None and self.editing < len(self.invitees):
            self.invitees[self.editing] = invitee
            done = "prepare.participant.updated"
            row = self.editing
        else:
            self.invitees.append(invitee)
            done = "prepare.participant.added"
            row = len(self.invitees) - 1
        self._clear_form()
        self._fill_invitees()
        self.query_one(InviteeTable).move_cursor(row=row)
        if duplicate:
            self._say("invitee", self.t("prepare.participant.duplicate", name=invitee.name))
        else:
            self._say("invitee", self.t(done, name=invitee.name), error=False)
        self._invitee_field("name").focus()
        return True

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        match event.button.id:
            case "add":
                self._add_invitee()
            case "remove":
                self.action_remove_invitee()
            case "start":
                self.action_start()
            case "back":
                self.action_back()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a participant: into the form, to edit."""
        event.stop()
        index = event.cursor_row
        if not 0 <= index < len(self.invitees):
            return
        invitee = self.invitees[index]
        for name in INVITEE_FIELDS:
            self._invitee_field(name).value = getattr(invitee, name)
        self.query_one(MandateSelect).mandate = invitee.mandate
        self.editing = index
        self.query_one("#add", Button).label = self.t("prepare.participant.update")
        self._say("invitee", "")
        self._invitee_field("name").focus()

    def action_remove_invitee(self) -> None:
        table = self.query_one(InviteeTable)
        index = table.cursor_row
        if not self.invitees or not 0 <= index < len(self.invitees):
            return
        removed = self.invitees.pop(index)
        if self.editing is not None:
            self._clear_form()
        self._fill_invitees()
        self._say("invitee", self.t("prepare.participant.removed", name=removed.name), error=False)

    # ── agenda ──────────────────────────────────────────────────────────────────────────────

    def on_agenda_editor_changed(self, event: AgendaEditor.Changed) -> None:
        event.stop()
        self._show_total()

    def _show_total(self) -> None:
        total = self.query_one(AgendaEditor).total()
        total_widget = self.query_one("#total", Static)
        tabs = self.query_one(TabbedContent)
        tabs.get_tab("agenda").label = self._agenda_label(total)
        if total is None:
            total_widget.update(Text(self.t("prepare.total_unknown")))
            return
        ends = self.wyber.clocks.wall().astimezone() + timedelta(minutes=total)
        total_widget.update(Text(self.t("prepare.total", minutes=total, time=f"{ends:%H:%M}")))
        self._say("agenda", "")

    def agenda(self, title: str) -> Plan | None:
        """The agenda as a plan titled `title`; None, with a message at the field, if it is not
        one yet."""
        editor = self.query_one(AgendaEditor)
        for index, draft in enumerate(editor.steps):
            for movement, box in draft.boxes.items():
                if box is not None and parse_minutes(box.minutes) is None:
                    message = self.t(
                        "prepare.bad_minutes",
                        number=index + 1,
                        movement=self.t(f"run.movement.{movement.value}"),
                    )
                    self._refuse("agenda", "agenda", message, f"minutes-{index}-{movement.value}")
                    return None
        chosen = self.query_one("#language", Select).value
        language = next((c for c in LANGUAGES if c == chosen), self.lang)
        try:
            return editor.plan(title).model_copy(update={"language": language})
        except ValidationError as error:
            reason = explain(error, self.lang)
            self._refuse("agenda", "agenda", self.t("prepare.plan_invalid", reason=reason), "tabs")
            return None

    def meeting_title(self) -> str:
        return clean_line(self.query_one("#title", Input).value)

    def plan_to_save(self, title: str) -> Plan | None:
        """The agenda and who comes, as a plan titled `title`; None, with a message, if the
        agenda is not a plan yet."""
        plan = self.agenda(title)
        if plan is None:
            return None
        try:
            return with_invitees(plan, self.invitees)
        except ValidationError as error:
            # Someone a meeting added without the form's checks (invited again by "run again").
            problem = plan_problems(error)[0].render(self.lang)
            message = self.t("prep2.participant_invalid", problem=problem)
            self._refuse("participants", "invitee", message, "invitees")
            return None

    def go_to(self, sample: SampleText) -> None:
        """The field where `sample` stands, with the cursor in it: the meeting's title, the
        agenda's goal, or a step's title or question."""
        match sample.place:
            case SamplePlace.TITLE:
                tab, field_id = "meeting", "title"
            case SamplePlace.GOAL:
                tab, field_id = "agenda", "goal"
            case SamplePlace.STEP_TITLE:
                tab, field_id = "agenda", f"step-{sample.step}-title"
            case SamplePlace.QUESTION:
                tab, field_id = "agenda", f"step-{sample.step}-question"
        self.query_one(TabbedContent).active = tab
        field = self.query_one(f"#{field_id}", Input)
        field.focus()
        self.call_after_refresh(field.scroll_visible)

    # ── start, back ─────────────────────────────────────────────────────────────────────────

    def _refuse(self, tab: str, where: str, message: str, focus: str) -> None:
        self.query_one(TabbedContent).active = tab
        self._say(where, message)
        self.query_one(f"#{focus}").focus()

    def action_start(self) -> None:
        """Check everything, and hand back the prepared meeting; or say what to fix, where."""
        title = self.meeting_title()
        if not title:
            self._refuse("meeting", "meeting", self.t("prepare.title_required"), "title")
            return
        try:
            held_on = self._parse_date()
        except DeadlineError as error:
            self._refuse("meeting", "meeting", error.render(self.lang), "date")
            return
        if not self._form_is_empty():
            pending = self.t("prepare.participant.pending")
            self._refuse("participants", "invitee", pending, "invitee-name")
            return
        plan = self.agenda(self.preparation.plan.title)
        if plan is None:
            return
        chosen = self.query_one("#language", Select).value
        language = next((c for c in LANGUAGES if c == chosen), self.preparation.language)
        prepared = Preparation(
            plan=plan,
            title=title,
            language=language,
            held_on=held_on,
            place=clean_line(self.query_one("#place", Input).value),
            facilitator=clean_line(self.query_one("#facilitator", Input).value),
            invitees=list(self.invitees),
            series=clean_line(self.query_one("#series", Input).value),
            series_goal=clean_line(self.query_one("#series-goal", Input).value),
        )
        warn_of_samples(self, self.lang, plan, title, lambda: self.dismiss(prepared), self.go_to)

    def action_next_tab(self) -> None:
        """The next tab, with the cursor in its first field."""
        tabs = self.query_one(TabbedContent)
        order = ["meeting", "participants", "agenda"]
        tab = (
            order[(order.index(tabs.active) + 1) % len(order)]
            if tabs.active in order
            else "meeting"
        )
        tabs.active = tab
        first = {"meeting": "#title", "participants": "#invitee-name", "agenda": "#goal"}
        self.query(first[tab]).first().focus()

    def _meeting_widgets(self) -> list[Input | Select[str]]:
        """The fields of the meeting and participants tabs (the language's aside): not kept in a
        plan."""
        tabs = [self.query_one("#meeting"), self.query_one("#participants")]
        found: list[Input | Select[str]] = [w for tab in tabs for w in tab.query(Input)]
        found += [w for tab in tabs for w in tab.query(Select) if w.id != "language"]
        return found

    def _meeting_fields(self) -> dict[str, str]:
        return {w.id: str(w.value) for w in self._meeting_widgets() if w.id}

    def _kept(self) -> object:
        """What "save as my plan" keeps: the agenda, who comes, and the language."""
        editor = self.query_one(AgendaEditor)
        language = self.query_one("#language", Select).value
        return list(self.invitees), editor.goal, repr(editor.steps), language

    def _remember_as_prepared(self) -> None:
        self.as_kept, self.as_opened = self._kept(), self._meeting_fields()

    def saved_as(self, name: str) -> None:
        """Saved as the user's plan `name`: offered again by the next F3, and what it keeps is
        no longer something Escape would throw away."""
        self.plan_name, self.saved, self.as_kept = name, True, self._kept()

    def leave_question(self) -> str | None:
        """What to ask before leaving: nothing when nothing would be lost; after a save, that
        the plan is saved and only the meeting's own fields go; else that everything goes."""
        if self._kept() != self.as_kept:
            return "design.leave_prepare"
        if self._meeting_fields() != self.as_opened:
            return "prep2.leave_saved" if self.saved else "design.leave_prepare"
        return None

    def action_back(self) -> None:
        question = self.leave_question()
        if question is None:
            self.dismiss(None)
        else:
            confirm(self, self.lang, question, lambda: self.dismiss(None))

    def action_save_plan(self) -> None:
        save_as_my_plan(self)
