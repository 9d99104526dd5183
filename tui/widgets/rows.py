"""A table that lays out and draws only the rows on screen: a list of 1,000 sessions refilled
on every keystroke of a search, where a DataTable spends about 170 ms laying out all rows."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar, Literal

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.widgets.fitting import Fit, fit


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
        gaps = self.gap * max(0, len(self.columns) - 1) + 2  # and a space at either edge
        fits = [
            Fit(natural, column.flex, column.most, least=min(8, natural))
            for natural, column in zip(self._natural, self.columns, strict=True)
        ]
        self._widths = fit(fits, width - gaps)

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

    def on_focus(self, event: events.Focus) -> None:
        self._restyle()

    def on_blur(self, event: events.Blur) -> None:
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

    async def on_click(self, event: events.Click) -> None:
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
