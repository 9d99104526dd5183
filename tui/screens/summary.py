"""Summary: a finished meeting at a glance, calm enough to leave on the projector.

Who was there, what was produced (ideas, clusters), what the group now holds (agreements,
decisions, actions and parked items, numbered as the minutes number them), planned against actual
time per step, and the evaluation. Everything a person typed is shown as typed: as Rich Text,
never as markup. Tables fit the width they get: at a laptop's 80 columns an agreement's owner,
deadline, field and consent go on a line under its text; on a projector they get columns.
"""

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, ClassVar

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, VerticalScroll
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Static

from tui.dialogs.base import WyberScreen
from tui.screens.reading import read_then
from tui.widgets.agreements import CONSENT_STYLE
from tui.widgets.key_strip import KeyStrip
from tui.wyber.consent import consent_label, consent_lines, consent_state, mandate_words
from tui.wyber.counting import agreed, how_many, of_which
from tui.wyber.dates import compact_date, spoken_date
from tui.wyber.events import AgreementKind
from tui.wyber.figures import (
    actual_minutes,
    agreement_facts,
    average_score,
    meeting_date,
    signed,
    step_times,
    time_notes,
)
from tui.wyber.i18n import Language, tr
from tui.wyber.presence import presence_notes, was_there
from tui.wyber.review_time import review_time
from tui.wyber.series import EarlierAgreement, before, earlier_agreements, series_sessions
from tui.wyber.state import Agreement, Participant, SessionState, mandate_of
from tui.wyber.summary import summarise

if TYPE_CHECKING:
    from tui.app import WyberApp

SEPARATOR = " · "
# From this many columns on, an agreement's details get columns of their own.
WIDE_TABLE = 110
# An agreement's details, in the order the tables show them; consent takes the width left.
DETAILS = ("owner", "deadline", "field", "consent")
DETAIL_WIDTH = {"owner": 24, "deadline": 11, "field": 15}


def joined(parts: Iterable[Text]) -> Text:
    """Non-empty parts on one line, separated by a middle dot."""
    return Text(SEPARATOR, style="dim").join(part for part in parts if part.plain)


def details(state: SessionState, a: Agreement, lang: Language) -> dict[str, Text]:
    """Owner, deadline, field and consent of one agreement, an empty Text where it has none."""
    cells = {name: Text(value) for name, value in agreement_facts(a, lang).items()}
    label = consent_label(a, state, lang)
    cells["consent"] = Text(label, style=CONSENT_STYLE[consent_state(a, state)])
    return cells


def with_round(a: Agreement, lang: Language, *above: Text) -> RenderableType:
    """The agreement's text (and what goes under it) with its consent round by name below."""
    lines = [
        Text(line.text, style="bold red" if line.alert else "dim")
        for line in consent_lines(a, lang)
    ]
    return Group(Text(a.text), *above, *lines) if above or lines else Text(a.text)


def used_details(state: SessionState, agreements: Iterable[Agreement], lang: Language) -> list[str]:
    """The details some agreement has: the columns worth showing."""
    rows = [details(state, a, lang) for a in agreements]
    return [d for d in DETAILS if any(row[d].plain for row in rows)]


class AgreementTable(Widget):
    """The agreements of one kind, numbered as the session numbers them.

    On a projector the details (owner, deadline, field, consent) get columns, the same ones in
    every section so the sections line up; at narrow widths they go on a dim line under the text,
    so the text keeps the width it needs, and a detail a row lacks is left out.
    """

    DEFAULT_CSS = """
    AgreementTable {
        height: auto;
    }
    """

    def __init__(
        self,
        kind: AgreementKind,
        state: SessionState,
        agreements: Sequence[Agreement],
        lang: Language,
        columns: Sequence[str] = DETAILS,
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.kind = kind
        self.state = state  # who was present: whether a round is through
        self.agreements = list(agreements)
        self.lang = lang
        self.columns = list(columns)

    def t(self, key: str, /, **params: object) -> str:
        return tr(self.lang, key, **params)

    def _heading(self, detail: str) -> str:
        if detail == "owner" and self.kind is AgreementKind.ACTION:
            return self.t("ending.col.action_owner")
        return self.t(f"ending.col.{detail}")

    def table(self, width: int) -> Table:
        wide = width >= WIDE_TABLE
        table = Table(
            box=box.SIMPLE_HEAD,
            expand=True,
            show_edge=False,
            pad_edge=False,
            header_style="bold",
        )
        table.add_column(self.t("ending.col.number"), justify="right", no_wrap=True, width=4)
        table.add_column(self.t("ending.col.text"), ratio=3, overflow="fold")
        if wide:
            for detail in self.columns:
                # Fixed widths line the details up from one section to the next.
                width_of = DETAIL_WIDTH.get(detail)
                table.add_column(
                    self._heading(detail),
                    width=width_of,
                    ratio=None if width_of else 1,
                    overflow="fold",
                )
        for a in self.agreements:
            cells = details(self.state, a, self.lang)
            if wide:
                table.add_row(
                    Text(str(a.number)), with_round(a, self.lang), *(cells[d] for d in self.columns)
                )
                continue
            labelled = []
            for detail in self.columns:
                if cells[detail].plain:
                    part = Text(self._heading(detail) + ": ", style="dim")
                    part.append_text(cells[detail])
                    labelled.append(part)
            above = [joined(labelled)] if labelled else []
            table.add_row(Text(str(a.number)), with_round(a, self.lang, *above))
        return table

    # ── rendering at the width the widget gets ──────────────────────────────────────────────

    def render(self) -> RenderableType:
        return self.table(self.size.width)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        console = self.app.console
        lines = console.render_lines(self.table(width), console.options.update_width(width))
        return len(lines)


class SummaryScreen(WyberScreen[None]):
    CSS_PATH = "summary.tcss"
    HELP_KEY = "ending.summary.help"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("x", "export", "minutes.export.key", id="export"),
        Binding("h,escape", "home", "ending.key.home", id="home"),
    ]

    def __init__(self, state: SessionState, now: Callable[[], float]) -> None:
        """The summary of `state`, its step times run up to the session time `now()`: the live
        meeting's clock after a meeting, the last record's time for a past session."""
        super().__init__(state.language)
        self.state = state
        self.now = now

    def compose(self) -> ComposeResult:
        state = self.state
        with VerticalScroll(id="summary"):
            yield Static(self.t("ending.summary.title"), classes="kicker", markup=False)
            yield Static(Text(state.title), id="summary-title")
            yield Static(self._meta(), id="meta")
            yield Static(self._presence(), id="presence")
            if not state.finished:
                yield Static(self.t("ending.summary.unfinished"), classes="hint", markup=False)
            with Grid(id="counts"):
                yield from self._counts()
            yield from self._reviewed()
            yield from self._agreements()
            yield Static(self.t("ending.time.heading"), classes="section", markup=False)
            yield Static(self._time_table(), id="time")
            yield Static(self._time_notes(), id="time-notes", classes="hint")
            yield Static(self.t("ending.summary.evaluation"), classes="section", markup=False)
            yield Static(self._evaluation(), id="evaluation")
        yield KeyStrip()

    def on_mount(self) -> None:
        self.query_one("#summary", VerticalScroll).focus()

    def action_export(self) -> None:
        self.wyber.export_minutes(self.state.session_id, self.lang)

    def action_home(self) -> None:
        self.wyber.leave_meeting_then(self.wyber.go_home)

    # ── who, when, where ────────────────────────────────────────────────────────────────────

    def _meta(self) -> Text:
        state = self.state
        parts = [Text(spoken_date(meeting_date(state), self.lang))]
        if state.place:
            parts.append(Text(self.t("ending.summary.place", place=state.place)))
        if state.facilitator:
            parts.append(Text(self.t("ending.summary.facilitator", name=state.facilitator)))
        return joined(parts)

    def _presence(self) -> Text:
        people = list(self.state.participants.values())
        if not people:
            return Text(self.t("ending.summary.no_participants"), style="dim")
        present = [p for p in people if was_there(p)]
        absent = [p for p in people if not was_there(p)]

        def described(p: Participant) -> str:
            # As the minutes' list of who was there: organisation and mandate, in those words.
            details = [d for d in (p.organisation, mandate_words(mandate_of(p), self.lang)) if d]
            return p.name + (f" ({', '.join(details)})" if details else "")

        def named(label: str, group: list[Participant]) -> Text:
            line = Text(self.t(label) + " ", style="dim")
            line.append(", ".join(described(p) for p in group))
            return line

        text = Text(
            self.t("ending.summary.present", present=len(present), total=len(people)),
            style="bold",
        )
        if present:
            text.append("\n").append_text(named("ending.summary.present_names", present))
        if absent:
            text.append("\n").append_text(named("ending.summary.absent_names", absent))
        for key, who in presence_notes(self.state):
            text.append("\n").append(f"{self.t(key)}: ", style="dim").append(who)
        return text

    # ── what the meeting produced ───────────────────────────────────────────────────────────

    def _reviewed(self) -> Iterable[Widget]:
        """What this session of a series reviewed of the earlier sessions' agreements, with the
        status, owner, deadline and note it gave them, as the minutes list it."""
        series = self.state.series
        if series is None:
            return
        sessions = series_sessions(self.wyber.archive, series.name)
        earlier = earlier_agreements(before(sessions, self.state), self.state)
        reviewed = [e for e in earlier if e.reviewed_here]
        if reviewed:
            yield Static(self.t("minutes.earlier"), classes="section", markup=False)
            yield Static(self._reviewed_text(reviewed), id="reviewed")

    def _reviewed_text(self, reviewed: Iterable[EarlierAgreement]) -> Text:
        text = Text(self.t("minutes.reviewed"), style="dim")
        for e in reviewed:
            text.append(f"\n{e.number:>4}  ").append(e.text)
            details = [e.owner_name]
            if e.deadline is not None:
                details.append(compact_date(e.deadline, self.lang, with_year=True))
            text.append("\n      ").append(self.t(f"minutes.status.{e.status.value}"), "bold")
            text.append("".join(f" · {d}" for d in details if d))
            if e.note:
                text.append("\n      ").append(self.t("tester.review_note", note=e.note), "dim")
        return text

    def _counts(self) -> Iterable[Static]:
        counts = summarise(self.state, self.state.last_seq).counts
        kinds, lang = counts.kinds, self.lang
        tiles: tuple[tuple[str, str, str], ...] = (
            ("ideas", how_many(lang, "idea", counts.ideas), ""),
            ("clusters", how_many(lang, "cluster", counts.clusters), ""),
            ("agreements", how_many(lang, "agreement", agreed(kinds)), of_which(kinds, lang)),
            ("parked", how_many(lang, "parked", counts.parked), ""),
        )
        for name, figure, among in tiles:
            tile = Text(figure, style="bold")
            if among:
                tile.append("\n" + among, style="not bold")
            yield Static(tile, id=f"count-{name}", classes="count")

    def _agreements(self) -> Iterable[Widget]:
        everything = sorted(self.state.agreements.values(), key=lambda a: a.number)
        if not everything:
            yield Static(
                self.t("ending.summary.nothing_agreed"), classes="section-empty", markup=False
            )
            return
        columns = used_details(self.state, everything, self.lang)
        for kind in AgreementKind:
            of_kind = [a for a in everything if a.kind is kind]
            if of_kind:
                yield Static(self.t(f"ending.kind.{kind.value}"), classes="section", markup=False)
                yield AgreementTable(
                    kind, self.state, of_kind, self.lang, columns, id=f"kind-{kind.value}"
                )

    # ── time ────────────────────────────────────────────────────────────────────────────────

    def _time_table(self) -> Table:
        state = self.state
        table = Table(
            box=box.SIMPLE,
            show_edge=False,
            pad_edge=False,
            header_style="bold",
            show_footer=True,
            footer_style="bold",
        )
        rows: list[tuple[Text, str, str, str]] = []
        times = step_times(state, self.now())
        review = review_time(state, self.now())
        if review is not None:  # before the first step, with a time box of its own
            rows.append(
                (
                    Text(self.t("table2.review.time_row")),
                    str(review.planned),
                    str(review.actual),
                    signed(review.difference),
                )
            )
        for step in times:
            title = Text(f"{step.index + 1}. ")
            title.append(step.title)
            if step.reached:
                rows.append((title, str(step.planned), str(step.actual), signed(step.difference)))
            else:
                rows.append((title, str(step.planned), self.t("ending.time.not_reached"), ""))
        total_planned = sum(step.planned for step in times) + (review.planned if review else 0)
        total_actual = actual_minutes(state, self.now())
        table.add_column(self.t("ending.time.col.step"), self.t("ending.time.total"), ratio=1)
        for key, total in (
            ("ending.time.col.planned", str(total_planned)),
            ("ending.time.col.actual", str(total_actual)),
            ("ending.time.col.difference", signed(total_actual - total_planned)),
        ):
            table.add_column(self.t(key), total, justify="right", no_wrap=True)
        for title, planned_cell, actual_cell, difference in rows:
            table.add_row(title, planned_cell, actual_cell, difference)
        return table

    def _time_notes(self) -> Text:
        return Text("\n".join(time_notes(self.state, self.lang)))

    # ── the evaluation ──────────────────────────────────────────────────────────────────────

    def _evaluation(self) -> Text:
        evaluation = self.state.evaluation
        if evaluation is None:
            return Text(self.t("ending.summary.no_evaluation"), style="dim")
        text = Text()
        for label, answer in (
            ("ending.summary.went_well", evaluation.went_well),
            ("ending.summary.could_be_better", evaluation.could_be_better),
            ("ending.summary.next_step", evaluation.next_step),
        ):
            if answer:
                text.append(self.t(label) + "\n", style="bold")
                text.append(answer + "\n\n")
        average = average_score(self.state, self.lang)
        if average is None:
            text.append(self.t("ending.summary.no_scores"), style="dim")
        else:
            text.append(average, style="bold")
        return text


class PastSummaryScreen(SummaryScreen):
    """The summary of a session read from the archive: read-only, nothing is recorded or locked.
    Escape goes back to where it was opened (home or the history)."""

    HELP_KEY = "history.summary.help"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("h,escape", "home", "history.key.back", id="home"),
    ]

    def __init__(self, state: SessionState) -> None:
        super().__init__(state, lambda: state.last_t)

    def action_home(self) -> None:
        self.dismiss()


def open_past_summary(app: "WyberApp", session_id: str) -> None:
    """Read and fold the session (without its lock) in a thread, then show its summary."""
    from tui.wyber.fold import fold

    read_then(
        app, session_id, fold, lambda state: app.push_screen(PastSummaryScreen(state)), "summary"
    )
