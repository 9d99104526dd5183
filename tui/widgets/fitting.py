"""How a table fits the width it gets: one rule for every table of wyber.

Short columns (a date, a count, a status) are as wide as their widest cell; flexible ones (what
people typed: a title, a name, an agreement) share the width the others leave, never narrower
than can still be read, and end a long cell in "…" (or wrap, where the table wraps). So a long
title never pushes the columns beside it off a laptop's screen, and on a projector it gets all
the room there is. A table lays itself out again only when its width changes.
"""

from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import DataTable
from textual.widgets.data_table import RowDoesNotExist


@dataclass(frozen=True, slots=True)
class Fit:
    """How one column fits."""

    natural: int = 0  # its widest cell (and label)
    flex: bool = False  # shares the width the other columns leave
    most: int | None = None  # never wider
    least: int = 8  # a flexible column never narrower


def fit(columns: Sequence[Fit], room: int) -> list[int]:
    """Each column's width, for `room` cells of content (without the gaps between columns)."""
    widths = [min(c.natural, c.most) if c.most is not None else c.natural for c in columns]
    flexible = [i for i, c in enumerate(columns) if c.flex]
    left = room - sum(w for i, w in enumerate(widths) if i not in flexible)
    for i in flexible:
        widths[i] = max(left // len(flexible), columns[i].least)
    return widths


def natural(label: str, cells: Sequence[Text]) -> int:
    """A column's natural width: its widest cell, or its label if that is wider."""
    return max([cell_len(label), *(cell.cell_len for cell in cells)])


Row = tuple[str, list[Text]]  # a key, and a cell per column


class FittedTable(DataTable[Text]):
    """A DataTable of rows given whole (`show`), its columns fitted to its width (`fits` says how
    each fits); laid out again when the width changes, the cursor kept on its row."""

    def __init__(self, heads: list[tuple[str, str]], *, id: str) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.heads = heads  # (key, label) per column
        self.rows_shown: list[Row] = []
        self._laid_out_for = -1

    def fits(self) -> list[Fit]:
        """How each column fits, for the rows shown; by default each as wide as its cells."""
        return [
            Fit(natural(label, [row[i] for _, row in self.rows_shown]))
            for i, (_, label) in enumerate(self.heads)
        ]

    def show(self, rows: list[Row]) -> None:
        self.rows_shown = rows
        self._lay_out()

    @property
    def cursor_key(self) -> str | None:
        if self.row_count == 0:
            return None
        row_key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        return row_key.value

    @property
    def room(self) -> int:
        """The cells the columns' content gets: the width without the gaps between columns and
        without a vertical scrollbar's room, shown or not (rows come and go)."""
        room = self.size.width - self.styles.scrollbar_size_vertical
        return room - 2 * self.cell_padding * len(self.heads)

    def _lay_out(self) -> None:
        key, row = self.cursor_key, self.cursor_row
        self._laid_out_for = self.size.width
        self.clear(columns=True)
        for (column, label), width in zip(self.heads, fit(self.fits(), self.room), strict=True):
            self.add_column(label, key=column, width=width)
        for row_key, cells in self.rows_shown:
            self.add_row(*cells, key=row_key)
        if self.rows_shown:
            self.move_cursor(row=min(row, len(self.rows_shown) - 1))
        if key is not None:
            with suppress(RowDoesNotExist):  # the row is gone: the cursor stays where it is
                self.move_cursor(row=self.get_row_index(key))

    def on_resize(self) -> None:
        if self.size.width != self._laid_out_for:
            self._lay_out()
