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

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Literal

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Button, Footer, Header, Input, Select, Static
from textual.worker import Worker, WorkerState

from tui.keys import localise
from tui.screens.base import WyberModal, WyberScreen
from tui.screens.dialogs import TextDialog
from tui.screens.home import listed_at
from tui.screens.summary import SummaryScreen
from tui.wyber.errors import UserError
from tui.wyber.i18n import Language
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
    from tui.wyber.trash import Trashed

LOAD_GROUP = "history-load"
ACT_GROUP = "history-act"
TRASH_GROUP = "history-trash"
# From this width on the series has a column of its own (and the date its time of day).
WIDE = 100
ALL_SERIES = "\x00all"  # the series filter's "all series" (a name never holds a NUL)
SINCE = "since"  # the period filter's "since a day…", which asks for the day
SINCE_DAY = "since-day"  # … and the day given, once there is one


# ── a table that draws only what is on screen ───────────────────────────────────────────────


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    label: str
    justify: Literal["left", "right"] = "left"
    most: int | None = None  # its widest; a longer cell ends in "…"
    flex: bool = False  # takes the width the other columns leave (a title people typed)


Row = tuple[str, list[Text]]  # a key, and a cell per column


class RowTable(ScrollView, can_focus=True):
    """A header and rows, drawn line by line: only the lines on screen are ever rendered.

    Columns are as wide as their widest cell among all rows loaded (not only those shown, so
    they stay put while a search narrows the list); the flexible column takes what is left and
    ends a long cell in "…". `action_choose` (Enter, where a subclass binds it) or a click on
    the highlighted row posts `Chosen`.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "row-table--header",
        "row-table--cursor",
        "row-table--empty",
    }
    DEFAULT_CSS = """
    RowTable {
        background: $surface;
        color: $foreground;
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-gutter: stable;
        &:focus {
            background-tint: $foreground 5%;
            & > .row-table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
        }
        & > .row-table--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        & > .row-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        & > .row-table--empty {
            color: $text-muted;
        }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor(-1)", show=False),
        Binding("down", "cursor(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home", "edge(0)", show=False),
        Binding("end", "edge(1)", show=False),
    ]
    gap = 2  # spaces between columns

    cursor: reactive[int] = reactive(0, always_update=True, repaint=False)

    @dataclass
    class Chosen(Message):
        table: RowTable
        key: str

    def __init__(self, *, empty: str = "", id: str | None = None) -> None:
        super().__init__(id=id)
        self.columns: list[Column] = []
        self.known: set[str] = set()  # the keys of every row loaded
        self.keys: list[str] = []  # the rows shown, in order
        self._cells_of: Callable[[str], list[Text]] = lambda key: []
        self._cells: dict[str, list[Text]] = {}
        self.empty = empty
        self._natural: list[int] = []
        self._widths: list[int] = []
        self._laid_out_for = -1
        self._lines: dict[tuple[str, bool], Strip] = {}  # (key, highlighted); ("", _) the header
        self._styles: dict[str, Style] = {}

    # ── what to show ────────────────────────────────────────────────────────────────────────

    def load(self, columns: Sequence[Column], rows: Sequence[Row]) -> None:
        """The columns, and every row that may be shown; shows them all."""
        cells = dict(rows)
        widths = [
            max((row[i].cell_len for row in cells.values()), default=0) for i in range(len(columns))
        ]
        self.load_lazily(columns, list(cells), cells.__getitem__, widths)

    def load_lazily(
        self,
        columns: Sequence[Column],
        keys: Sequence[str],
        cells_of: Callable[[str], list[Text]],
        widths: Sequence[int],
    ) -> None:
        """The columns, the keys of every row that may be shown, and how to make a row's cells
        when it comes into view; `widths` are the widest cell of each column among all rows.
        Shows them all."""
        self.columns = list(columns)
        self.known = set(keys)
        self._cells_of = cells_of
        self._cells = {}
        self._natural = [
            max(cell_len(column.label), width)
            for column, width in zip(self.columns, widths, strict=True)
        ]
        self._laid_out_for = -1
        self.show(keys)

    def cells(self, key: str) -> list[Text]:
        cells = self._cells.get(key)
        if cells is None:
            cells = self._cells[key] = self._cells_of(key)
        return cells

    def show(self, keys: Sequence[str]) -> None:
        """Show these of the loaded rows, in this order; the highlighted one stays highlighted."""
        current = self.cursor_key
        self.keys = [key for key in keys if key in self.known]
        self.virtual_size = Size(self.virtual_size.width, len(self.keys) + 1)
        index = self.keys.index(current) if current in self.keys else 0
        self.cursor = min(index, max(0, len(self.keys) - 1))
        self.refresh()

    def remove_row(self, key: str) -> None:
        """Take a row out (a session moved to the trash); the cursor goes to the next one."""
        if key not in self.keys:
            return
        index = self.keys.index(key)
        self.keys.remove(key)
        self.known.discard(key)
        self.virtual_size = Size(self.virtual_size.width, len(self.keys) + 1)
        self.cursor = min(index, max(0, len(self.keys) - 1))
        self.refresh()

    @property
    def cursor_key(self) -> str | None:
        if not self.keys:
            return None
        return self.keys[min(self.cursor, len(self.keys) - 1)]

    @property
    def row_count(self) -> int:
        return len(self.keys)

    def plain_rows(self) -> list[list[str]]:
        """The rows shown, as text: what a test reads."""
        return [[cell.plain for cell in self.cells(key)] for key in self.keys]

    # ── layout ──────────────────────────────────────────────────────────────────────────────

    def _lay_out(self, width: int) -> None:
        self._laid_out_for = width
        self._lines.clear()
        fixed = [
            min(natural, column.most) if column.most else natural
            for natural, column in zip(self._natural, self.columns, strict=True)
        ]
        gaps = self.gap * max(0, len(self.columns) - 1) + 2  # and a space at either edge
        flexible = [i for i, c in enumerate(self.columns) if c.flex]
        room = width - gaps - sum(w for i, w in enumerate(fixed) if i not in flexible)
        for i in flexible:
            fixed[i] = max(room // len(flexible), min(8, self._natural[i]))
        self._widths = fixed

    def _line(self, cells: Sequence[Text], width: int, style: Style) -> Strip:
        line = Text(" ", end="", no_wrap=True)
        for n, (cell, column, size) in enumerate(
            zip(cells, self.columns, self._widths, strict=True)
        ):
            piece = cell.copy()
            piece.truncate(size, overflow="ellipsis")
            pad = " " * (size - piece.cell_len)
            if column.justify == "right":
                line.append(pad)
                line.append_text(piece)
            else:
                line.append_text(piece)
                line.append(pad)
            if n < len(self.columns) - 1:
                line.append(" " * self.gap)
        segments = list(line.render(self.app.console))
        return Strip(Segment.apply_style(segments, style), line.cell_len).crop_extend(
            0, width, style
        )

    def _style(self, part: str) -> Style:
        """The style of a part of the table ("" for a row), kept until the styles change."""
        style = self._styles.get(part)
        if style is None:
            style = self.rich_style
            if part:
                style += self.get_component_rich_style(f"row-table--{part}")
            self._styles[part] = style
        return style

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if width != self._laid_out_for:
            self._lay_out(width)
        if y == 0:
            header = self._lines.get(("", False))
            if header is None:
                labels = [Text(c.label) for c in self.columns]
                header = self._lines[("", False)] = self._line(labels, width, self._style("header"))
            return header
        index = self.scroll_offset.y + y - 1
        if not self.keys:
            if y == 1 and self.empty:
                text = Text(" " + self.empty, end="", no_wrap=True)
                segments = list(text.render(self.app.console))
                return Strip(segments).crop_extend(0, width, self._style("empty"))
            return Strip.blank(width, self._style(""))
        if index >= len(self.keys):
            return Strip.blank(width, self._style(""))
        key = self.keys[index]
        highlighted = index == self.cursor
        cached = self._lines.get((key, highlighted))
        if cached is None:
            style = self._style("cursor" if highlighted else "")
            cached = self._lines[(key, highlighted)] = self._line(self.cells(key), width, style)
        return cached

    def _restyle(self) -> None:
        self._styles.clear()
        self._lines.clear()
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._lines.clear()

    def _on_focus(self, event: events.Focus) -> None:
        self._restyle()

    def _on_blur(self, event: events.Blur) -> None:
        self._restyle()

    # ── the cursor ──────────────────────────────────────────────────────────────────────────

    def watch_cursor(self) -> None:
        self._scroll_to_cursor()
        self.refresh()

    def _scroll_to_cursor(self) -> None:
        rows = max(1, self.scrollable_content_region.height - 1)
        top = self.scroll_offset.y
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor > top + rows - 1:
            self.scroll_to(y=self.cursor - rows + 1, animate=False, immediate=True)

    def _move(self, to: int) -> None:
        if self.keys:
            self.cursor = max(0, min(to, len(self.keys) - 1))

    def action_cursor(self, by: int) -> None:
        self._move(self.cursor + by)

    def action_page(self, by: int) -> None:
        self._move(self.cursor + by * max(1, self.scrollable_content_region.height - 1))

    def action_edge(self, end: int) -> None:
        self._move(len(self.keys) - 1 if end else 0)

    def action_choose(self) -> None:
        key = self.cursor_key
        if key is not None:
            self.post_message(self.Chosen(self, key))

    async def _on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < 1:
            return
        index = self.scroll_offset.y + offset.y - 1
        if index >= len(self.keys):
            return
        if index == self.cursor:
            self.action_choose()
        else:
            self.cursor = index

    def on_resize(self) -> None:
        self._lines.clear()
        self._scroll_to_cursor()


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
    ]


class TrashRows(RowTable):
    """The sessions in the trash: r restores the highlighted one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r,enter", "screen.restore", "history.key.restore", id="restore"),
    ]


# ── the screen ──────────────────────────────────────────────────────────────────────────────


def label(text: str) -> Text:
    """A choice in a filter, on one line: a long series name ends in "…"."""
    return Text(text, no_wrap=True, overflow="ellipsis")


def agreed(summary: SessionSummary) -> int:
    """Agreements, decisions and actions: what the group holds (parked items are not)."""
    counts = summary.counts
    return counts.agreements + counts.decisions + counts.actions


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
            yield Input(placeholder=self.t("history.search.placeholder"), id="search")
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
        yield Static(id="problems", markup=False)
        yield Footer(compact=True)

    def _period_options(self) -> list[tuple[Text, str]]:
        options = [(label(self.t(f"history.period.{p}")), p) for p in ("all", "week", "month")]
        options.append((label(self.t("history.period.year")), "year"))
        if self.since is not None:
            day = self._day(self.since)
            options.append((label(self.t("history.period.since_day", date=day)), SINCE_DAY))
        options.append((label(self.t("history.period.since")), SINCE))
        return options

    def _day(self, day: date) -> str:
        from tui.wyber.dates import compact_date

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
        problems = self.query_one("#problems", Static)
        problems.update(Text("\n".join(p.render(self.lang) for p in listing.problems)))
        problems.display = bool(listing.problems)
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
            count_cell(agreed(summary)),
        ]

    def _when(self, summary: SessionSummary, today: date, wide: bool) -> str:
        """The day a session was opened, with the year if not this one; on a projector also
        the time: "23 nov 10:05". A laptop needs the room for the title."""
        if wide:
            return listed_at(summary.opened_at, today, self.lang)
        from tui.wyber.dates import compact_date

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
        from tui.wyber.dates import compact_date

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
            max((len(str(agreed(s))) for s in summaries), default=0),
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


class PastSummaryScreen(SummaryScreen):
    """The summary of a session read from the archive: read-only, nothing is recorded or locked.
    Escape goes back to the history."""

    HELP_KEY = "history.summary.help"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("h,escape", "home", "history.key.back", id="home"),
    ]

    def __init__(self, state: SessionState) -> None:
        WyberScreen.__init__(self, state.language)
        self.past = state

    @property
    def state(self) -> SessionState:
        return self.past

    def now(self) -> float:
        return self.past.last_t

    def action_home(self) -> None:
        self.dismiss()


class ConfirmDialog(WyberModal[bool]):
    """A yes-or-no question; Escape (or Cancel) is no."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(False)", "key.cancel", id="cancel"),
    ]

    def __init__(self, lang: Language, heading: str, question: str, yes: str) -> None:
        super().__init__(lang)
        self.heading = heading
        self.question = question
        self.yes = yes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="confirm"):
            yield Static(Text(self.heading), classes="dialog-title")
            yield Static(Text(self.question), id="question")
            with Horizontal(classes="buttons"):
                yield Button(self.t("key.cancel"), id="no")
                yield Button(self.yes, id="yes", variant="error")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")


class TrashScreen(WyberScreen[bool]):
    """The sessions in the trash; r brings the highlighted one back. Dismissed with whether any
    came back."""

    CSS_PATH = "history.tcss"
    HELP_KEY = "history.trash.help"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "history.key.back", id="back"),
    ]

    def __init__(self, lang: Language) -> None:
        super().__init__(lang)
        self.entries: dict[str, Trashed] = {}
        self.restored = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(self.t("history.trash.intro"), id="trash-intro", markup=False)
        yield TrashRows(empty=self.t("history.trash.empty"), id="trash")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = self.t("history.trash.subtitle")
        table = self.query_one(TrashRows)
        localise(table, self.lang)
        table.loading = True
        table.focus()
        self._load(self.wyber.data)

    @work(thread=True, exit_on_error=False, exclusive=True, group=LOAD_GROUP)
    def _load(self, data: Path) -> list[Trashed]:
        from tui.wyber.store import Archive
        from tui.wyber.trash import trashed

        return trashed(Archive(data))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR:
            self.query_one(TrashRows).loading = False
            error = event.worker.error
            if isinstance(error, UserError):
                self.notify(error.render(self.lang), severity="error", markup=False, timeout=10)
            else:
                self.wyber.show_error(error)
        elif event.state is WorkerState.SUCCESS:
            result = event.worker.result
            if event.worker.group == LOAD_GROUP and isinstance(result, list):
                self._show(result)
            elif callable(result):
                result()

    def _show(self, entries: list[Trashed]) -> None:
        today = self.wyber.clocks.today()
        self.entries = {entry.name: entry for entry in entries}
        rows: list[Row] = []
        for entry in entries:
            summary = entry.summary
            title = Text(summary.title if summary else entry.session_id)
            opened = Text(listed_at(summary.opened_at, today, self.lang) if summary else "")
            rows.append(
                (entry.name, [Text(listed_at(entry.trashed_at, today, self.lang)), opened, title])
            )
        columns = [
            Column("trashed", self.t("history.col.trashed")),
            Column("date", self.t("history.col.date")),
            Column("title", self.t("history.col.title"), flex=True),
        ]
        table = self.query_one(TrashRows)
        table.load(columns, rows)
        table.loading = False

    def title_of(self, name: str) -> str:
        entry = self.entries[name]
        return entry.summary.title if entry.summary else entry.session_id

    def action_restore(self) -> None:
        name = self.query_one(TrashRows).cursor_key
        if name is not None:
            self._restore(self.wyber.data, name)

    @work(thread=True, exit_on_error=False, group=ACT_GROUP)
    def _restore(self, data: Path, name: str) -> Callable[[], None]:
        from tui.wyber.store import Archive
        from tui.wyber.trash import restore

        restore(Archive(data), name)
        return lambda: self._restored(name)

    def _restored(self, name: str) -> None:
        self.restored = True
        self.notify(self.t("history.trash.restored", title=self.title_of(name)), markup=False)
        self.query_one(TrashRows).remove_row(name)

    def action_back(self) -> None:
        self.dismiss(self.restored)
