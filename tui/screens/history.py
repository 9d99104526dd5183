"""History: every recorded session, to find one again and do something with it.

Search as you type (title, participants, ideas, clusters, agreements, series), filter by series
and period, sort; from the highlighted session: its summary (read-only), export, replay, run it
again (a new session with the same plan and people, to prepare), or move it to the trash (after a
question; the trash view brings it back).

Fast with a large archive (bench/history.py): the screen opens with the listing home read moments
ago and reads it again in a thread worker behind it; the listing and every session's search words
come from the archive's index (no session file is read to list or to search). The list is a
`RowTable`, which makes and draws only the rows on screen: Textual's DataTable measures every cell
of every row it is given, some 170 ms for 1,000 rows of seven columns, too slow to refill on each
keystroke.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Footer, Header, Input, Select, Static
from textual.worker import Worker, WorkerState

from tui.dialogs.ask import ConfirmDialog, TextDialog
from tui.dialogs.base import WyberScreen
from tui.keys import localise
from tui.screens.summary import PastSummaryScreen
from tui.screens.trash import TrashScreen
from tui.widgets.fields import LineField
from tui.widgets.key_strip import KeyStrip
from tui.widgets.problems import ProblemLines
from tui.widgets.rows import Column, RowTable
from tui.wyber.counting import agreed
from tui.wyber.dates import compact_date, listed_at
from tui.wyber.errors import UserError
from tui.wyber.preparation import preparation_again
from tui.wyber.search import (
    NO_SERIES,
    ORDERS,
    Filter,
    Order,
    Period,
    in_order,
    parse_since,
    period_start,
    select,
    series_names,
)
from tui.wyber.state import SessionState

if TYPE_CHECKING:
    from tui.wyber.store import Listing
    from tui.wyber.summary import SessionSummary

LOAD_GROUP = "history-load"
ACT_GROUP = "history-act"
TRASH_GROUP = "history-trash"
# From this width on the series has a column of its own (and the date its time of day).
WIDE = 100
ALL_SERIES = "\x00all"  # the series filter's "all series" (a name never holds a NUL)
SINCE = "since"  # the period filter's "since a day…", which asks for the day
SINCE_DAY = "since-day"  # … and the day given, once there is one


class SessionRows(RowTable):
    """The sessions: Enter opens the summary; the keys act on the highlighted session."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "choose", "history.key.summary", id="summary"),
        Binding("x", "screen.export", "history.key.export", id="export"),
        Binding("p", "screen.replay", "history.key.replay", id="replay"),
        Binding("a", "screen.again", "history.key.again", id="again"),
        Binding("d,delete", "screen.trash", "history.key.trash", id="trash"),
        # In the line above the list, "(s)"; the Footer of a laptop has no room for it.
        Binding("s", "screen.sort", "history.key.sort", id="sort", show=False),
        Binding("t", "screen.show_trash", "history.key.show_trash", id="show_trash"),
        Binding("v", "screen.series", "nav.key.series", tooltip="nav.key.series_help", id="series"),
    ]


# ── the screen ──────────────────────────────────────────────────────────────────────────────


def label(text: str) -> Text:
    """A choice in a filter, on one line: a long series name ends in "…"."""
    return Text(text, no_wrap=True, overflow="ellipsis")


def count_cell(value: int | float) -> Text:
    return Text(f"{value:.0f}", justify="right")


class HistoryScreen(WyberScreen[None]):
    CSS_PATH = "history.tcss"
    HELP_KEY = "history.help"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "history.key.back", id="back"),
        Binding("ctrl+f", "search", "history.key.search", id="search"),
    ]

    def __init__(self, listing: Listing | None = None) -> None:
        super().__init__()
        self.known = listing  # as home read it moments ago: shown at once, then read again
        self.sessions: dict[str, SessionSummary] = {}
        self.haystacks: dict[str, str] = {}
        self.order: Order = "newest"
        self.since: date | None = None  # a day typed for "since…"
        self.period = "all"  # the period filter's value as applied (not "since" while asking)
        self.wide: bool | None = None
        self.loaded = False
        self._sorted: dict[Order, list[SessionSummary]] = {}
        self._busy: set[str] = set()  # sessions being moved to the trash

    # ── layout ──────────────────────────────────────────────────────────────────────────────

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="filters"):
            yield LineField(placeholder=self.t("history.search.placeholder"), id="search")
            yield Select(
                [(label(self.t("history.series.all")), ALL_SERIES)],
                allow_blank=False,
                value=ALL_SERIES,
                id="series",
            )
            yield Select(self._period_options(), allow_blank=False, value="all", id="period")
        with Horizontal(id="state"):
            yield Static(self.t("history.loading"), id="count", markup=False)
            yield Static(id="order", markup=False)
        yield SessionRows(empty=self.t("history.nothing"), id="sessions")
        yield ProblemLines(3, id="problems")
        yield KeyStrip()

    def _period_options(self) -> list[tuple[Text, str]]:
        options = [(label(self.t(f"history.period.{p}")), p) for p in ("all", "week", "month")]
        options.append((label(self.t("history.period.year")), "year"))
        if self.since is not None:
            day = self._day(self.since)
            options.append((label(self.t("history.period.since_day", date=day)), SINCE_DAY))
        options.append((label(self.t("history.period.since")), SINCE))
        return options

    def _day(self, day: date) -> str:
        return compact_date(day, self.lang, with_year=True)

    def on_mount(self) -> None:
        self.sub_title = self.t("history.subtitle")
        table = self.query_one(SessionRows)
        localise(table, self.lang)
        self.query_one("#problems").display = False
        self._show_order()
        self.query_one("#search", Input).focus()
        if self.known is not None:
            self._loaded(self.known)  # in the first frame; read again once it is out
            self.call_after_refresh(self.reload)
        else:
            table.loading = True
            self.reload()  # in a thread, while the first frame is drawn

    def on_resize(self, event: events.Resize) -> None:
        self.query_one(Footer).show_command_palette = event.size.width >= 100
        if self.loaded:
            self._fill()

    # ── loading ─────────────────────────────────────────────────────────────────────────────

    def reload(self) -> None:
        """Read the archive's listing again, off the event loop."""
        self._load(self.wyber.data)

    @work(thread=True, exit_on_error=False, exclusive=True, group=LOAD_GROUP)
    def _load(self, data: Path) -> Listing:
        from tui.wyber.store import Archive

        return Archive(data).listing()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        group = event.worker.group
        if event.state is WorkerState.ERROR and group in (LOAD_GROUP, ACT_GROUP, TRASH_GROUP):
            self.query_one(SessionRows).loading = False
            self._fail(event.worker.error)
            return
        if event.state is not WorkerState.SUCCESS:
            return
        result = event.worker.result
        if group == LOAD_GROUP and result is not None:
            self._loaded(result)
        elif group in (ACT_GROUP, TRASH_GROUP) and callable(result):
            result()

    def _fail(self, error: BaseException | None) -> None:
        if isinstance(error, UserError):
            self.notify(error.render(self.lang), severity="error", markup=False, timeout=10)
        else:
            self.wyber.show_error(error)

    def _loaded(self, listing: Listing) -> None:
        self.query_one(ProblemLines).show(
            [p.render(self.lang) for p in listing.problems], self.lang
        )
        table = self.query_one(SessionRows)
        table.loading = False
        if (
            self.loaded
            and listing.search == self.haystacks
            and listing.sessions == list(self.sessions.values())
        ):
            return  # read again, and nothing changed
        self.sessions = {s.id: s for s in listing.sessions}
        self.haystacks = listing.search
        self._sorted = {}
        self.loaded = True
        self._series_options()
        self.wide = None
        self._fill()

    def _series_options(self) -> None:
        select_series = self.query_one("#series", Select)
        names = series_names(self.sessions.values())
        options: list[tuple[Text, str]] = [(label(self.t("history.series.all")), ALL_SERIES)]
        options += [(label(name), name) for name in names]
        options.append((label(self.t("history.series.none")), NO_SERIES))
        current = select_series.value
        with select_series.prevent(Select.Changed):
            select_series.set_options(options)
            if current in {value for _, value in options}:
                select_series.value = current

    # ── rows ────────────────────────────────────────────────────────────────────────────────

    def _columns(self, wide: bool) -> list[Column]:
        def head(key: str) -> str:
            return self.t(f"history.col.{key}")

        columns = [Column("date", head("date")), Column("title", head("title"), flex=True)]
        if wide:
            columns.append(Column("series", head("series"), most=28))
        return [
            *columns,
            Column("status", head("status")),
            Column("minutes", head("minutes"), justify="right"),
            Column("ideas", head("ideas"), justify="right"),
            Column("agreements", head("agreements"), justify="right"),
        ]

    def _cells(self, summary: SessionSummary, today: date, wide: bool) -> list[Text]:
        counts = summary.counts
        title = Text(summary.title)
        status = Text(self.t(f"home.status.{summary.status}"))
        if summary.status == "unfinished":
            status.stylize("bold")
        cells = [Text(self._when(summary, today, wide)), title]
        if wide:
            cells.append(Text(summary.series or ""))
        return [
            *cells,
            status,
            count_cell(summary.minutes),
            count_cell(counts.ideas),
            count_cell(agreed(summary.counts.kinds)),
        ]

    def _when(self, summary: SessionSummary, today: date, wide: bool) -> str:
        """The day a session was opened, with the year if not this one; on a projector also
        the time: "23 nov 10:05". A laptop needs the room for the title."""
        if wide:
            return listed_at(summary.opened_at, today, self.lang)
        day = summary.opened_at.astimezone().date()
        return compact_date(day, self.lang, with_year=day.year != today.year)

    def _fill(self) -> None:
        """Load the table's rows, for the width it has now; then filter."""
        table = self.query_one(SessionRows)
        wide = self.app.size.width >= WIDE  # the screen's own size is not known before layout
        if wide == self.wide:
            return
        self.wide = wide
        table.gap = 2 if wide else 1
        today = self.wyber.clocks.today()
        sessions = self.sessions
        table.load_lazily(
            self._columns(wide),
            list(sessions),
            lambda key: self._cells(sessions[key], today, wide),
            self._widths(today, wide),
        )
        self.refilter()

    def _widths(self, today: date, wide: bool) -> list[int]:
        """The widest cell of each column, without making 1,000 rows of cells: the table makes
        only those it draws."""
        summaries = list(self.sessions.values())
        months = set()
        for s in summaries:
            local = s.opened_at.astimezone()
            months.add((local.year, local.month, local.year != today.year))
        # The widest day of a month has two digits; " 10:05" follows.
        day = max(
            (
                cell_len(compact_date(date(y, m, 28), self.lang, with_year=shown))
                for y, m, shown in months
            ),
            default=0,
        )
        series = [cell_len(s.series) for s in summaries if s.series]
        titles = [cell_len(s.title) for s in summaries]
        statuses = {s.status for s in summaries}
        widths = [day + (6 if wide else 0) if summaries else 0, max(titles, default=0)]
        if wide:
            widths.append(max(series, default=0))
        return [
            *widths,
            max((cell_len(self.t(f"home.status.{status}")) for status in statuses), default=0),
            max((len(f"{s.minutes:.0f}") for s in summaries), default=0),
            max((len(str(s.counts.ideas)) for s in summaries), default=0),
            max((len(str(agreed(s.counts.kinds))) for s in summaries), default=0),
        ]

    # ── filters and order ───────────────────────────────────────────────────────────────────

    def current_filter(self) -> Filter:
        series = self.query_one("#series", Select).value
        since: date | None = None
        if self.period == SINCE_DAY:
            since = self.since
        elif self.period in ("week", "month", "year"):
            chosen: Period = self.period  # type: ignore[assignment]
            since = period_start(chosen, self.wyber.clocks.today())
        return Filter(
            query=self.query_one("#search", Input).value,
            series=None if series == ALL_SERIES or not isinstance(series, str) else series,
            since=since,
        )

    def refilter(self) -> None:
        """Show the sessions the search and filters admit, in the chosen order."""
        if not self.loaded:
            return
        ordered = self._sorted.get(self.order)
        if ordered is None:
            ordered = self._sorted[self.order] = in_order(self.sessions.values(), self.order)
        shown = select(ordered, self.haystacks, self.current_filter())
        self.query_one(SessionRows).show([s.id for s in shown])
        self._show_count(len(shown))

    def _show_count(self, shown: int) -> None:
        total = len(self.sessions)
        count = self.query_one("#count", Static)
        if total == 0:
            count.update(Text(self.t("history.none_recorded")))
        elif shown == total == 1:
            count.update(Text(self.t("history.count_one")))
        elif shown == total:
            count.update(Text(self.t("history.count_all", total=total)))
        else:
            count.update(Text(self.t("history.count", shown=shown, total=total)))

    def _show_order(self) -> None:
        text = Text(self.t("history.sorted", order=self.t(f"history.order.{self.order}")))
        self.query_one("#order", Static).update(text)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "search":
            event.stop()
            self.refilter()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "search":
            event.stop()
            self.query_one(SessionRows).focus()

    def on_key(self, event: events.Key) -> None:
        # Down from the search field goes into the list.
        if event.key == "down" and self.focused is self.query_one("#search"):
            event.stop()
            self.query_one(SessionRows).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        if event.select.id == "period":
            if event.value == SINCE:
                self._ask_since()
                return
            self.period = str(event.value)
        self.refilter()

    def _ask_since(self) -> None:
        def answered(text: str | None) -> None:
            period = self.query_one("#period", Select)
            if text is not None and text.strip():
                try:
                    self.since = parse_since(text, self.wyber.clocks.today())
                    self.period = SINCE_DAY
                except UserError as error:
                    self.refuse(error)
            # Cancelled, or not understood: the filter stays as it was.
            with period.prevent(Select.Changed):
                period.set_options(self._period_options())
                period.value = self.period
            self.refilter()

        hint = self.t("history.since.hint")
        value = self.since.isoformat() if self.since else ""
        self.app.push_screen(
            TextDialog(self.lang, self.t("history.since.title"), value, hint), answered
        )

    def action_sort(self) -> None:
        self.order = ORDERS[(ORDERS.index(self.order) + 1) % len(ORDERS)]
        self._show_order()
        self.refilter()

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_back(self) -> None:
        self.wyber.go_home()

    # ── the highlighted session ─────────────────────────────────────────────────────────────

    def highlighted(self) -> SessionSummary | None:
        key = self.query_one(SessionRows).cursor_key
        return self.sessions.get(key) if key is not None else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("export", "replay", "again", "trash"):
            return self.highlighted() is not None
        if action == "series":
            return any(s.series for s in self.sessions.values())
        return True

    def on_row_table_chosen(self, event: RowTable.Chosen) -> None:
        event.stop()
        summary = self.sessions.get(event.key)
        if summary is not None:
            self._with_state(summary.id, self._show_summary)

    def action_export(self) -> None:
        summary = self.highlighted()
        if summary is not None:
            self.wyber.export_minutes(summary.id, self.lang)

    def action_replay(self) -> None:
        summary = self.highlighted()
        if summary is not None:
            self.wyber.open_replay(summary.id)

    def action_series(self) -> None:
        from tui.screens.series import choose_series

        summary = self.highlighted()
        current = summary.series if summary is not None else None
        choose_series(self.wyber, self.lang, current, series_names(self.sessions.values()))

    def action_again(self) -> None:
        summary = self.highlighted()
        if summary is not None:
            self._with_state(summary.id, self._run_again)

    def _show_summary(self, state: SessionState) -> None:
        self.app.push_screen(PastSummaryScreen(state))

    def _run_again(self, state: SessionState) -> None:
        self.wyber.prepare_again(preparation_again(state, self.wyber.clocks.today()))

    def _with_state(self, session_id: str, then: Callable[[SessionState], None]) -> None:
        """Read and fold the session in a thread (no lock: it may be open elsewhere), then act."""
        self._read(self.wyber.data, session_id, then)

    @work(thread=True, exit_on_error=False, group=ACT_GROUP)
    def _read(
        self, data: Path, session_id: str, then: Callable[[SessionState], None]
    ) -> Callable[[], None]:
        from tui.wyber.fold import fold
        from tui.wyber.store import Archive

        state = fold(Archive(data).read(session_id))
        return lambda: then(state)

    # ── the trash ───────────────────────────────────────────────────────────────────────────

    def action_trash(self) -> None:
        summary = self.highlighted()
        if summary is None or summary.id in self._busy:
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._busy.add(summary.id)
                self._move_to_trash(self.wyber.data, summary)

        question = self.t("history.trash.question", title=summary.title)
        dialog = ConfirmDialog(
            self.lang,
            self.t("history.trash.heading"),
            question,
            self.t("history.trash.yes"),
        )
        self.app.push_screen(dialog, confirmed)

    @work(thread=True, exit_on_error=False, group=TRASH_GROUP)
    def _move_to_trash(self, data: Path, summary: SessionSummary) -> Callable[[], None]:
        from tui.wyber.store import Archive
        from tui.wyber.trash import SessionInUse, move_to_trash

        try:
            move_to_trash(Archive(data), summary.id, self.wyber.clocks.wall(), summary)
        except SessionInUse:
            return lambda: self._trash_refused(summary)
        except BaseException:
            self.app.call_from_thread(self._busy.discard, summary.id)
            raise
        return lambda: self._trashed(summary)

    def _trash_refused(self, summary: SessionSummary) -> None:
        self._busy.discard(summary.id)
        message = self.t("history.trash.refused", title=summary.title)
        self.notify(message, severity="error", markup=False, timeout=10)

    def _trashed(self, summary: SessionSummary) -> None:
        self._busy.discard(summary.id)
        self.sessions.pop(summary.id, None)
        self._sorted = {}
        self.query_one(SessionRows).remove_row(summary.id)
        self.refilter()
        self.notify(self.t("history.trash.done", title=summary.title), markup=False)

    def action_show_trash(self) -> None:
        def back(restored: bool | None) -> None:
            if restored:
                self.wide = None  # the rows are loaded again, with what came back
                self.reload()

        self.app.push_screen(TrashScreen(self.lang), back)
