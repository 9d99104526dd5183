"""The key strip: Textual's compact Footer, its keys wrapped onto as many lines as they need.

A Footer is one line that scrolls sideways: at 80×24 the run screen showed "…f8 Verder f▏" and
hid F9, Ctrl+B, Ctrl+G, Ctrl+Z and Ctrl+F; Home cut "f6 High con". The strip keeps the Footer's
keys, order and looks (the focused widget's keys first, then the screen's, then the app's), but
starts a new line where the next key would not fit whole. Where even the lines allowed are too
few, it leaves out the keys named as spare (the app's own: quit, then contrast), as few of them
as keep the strip on the fewest lines it can have; F1 and the command palette (Ctrl+P) still
list them with every other key.

The strip never gets shorter while the width stays: its keys change with the focus, and a strip
that shrank when the focus left the agenda editor moved Prepare's Start button up a line between
the mouse's press and release, so the click missed it.
"""

from collections.abc import Iterable, Sequence

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.compose import compose
from textual.containers import HorizontalGroup
from textual.events import Resize
from textual.widget import Widget
from textual.widgets import Footer

from tui.internals import FooterKey, FooterLabel, KeyGroup, pending_children

# The app's keys that any screen has and that a round does without on the strip, the first left
# out first: Ctrl+Q asks before it leaves anyway, F6 is what a facilitator reaches for when the
# projector washes the screen out.
SPARE_KEYS = ("ctrl+q", "f6")


class KeyRow(HorizontalGroup):
    """One line of the strip."""

    DEFAULT_CSS = """
    KeyRow {
        width: 1fr;
        height: 1;
    }
    """


def key_width(key: FooterKey) -> int:
    """The cells a compact key takes, its margin included (Footer's CSS: the key without padding,
    one space before the description, one cell of margin after; the palette key has a border on
    its left instead of the margin)."""
    width = cell_len(key.key_display)
    if key.description:
        width += 1 + cell_len(key.description)
    return width + 1


Unit = list[Widget]  # what stays on one line: a key, or a group of keys and its label


def units(items: Iterable[Widget]) -> list[Unit]:
    """The Footer's widgets, a group kept together with the label that follows it."""
    result: list[Unit] = []
    for item in items:
        if isinstance(item, FooterLabel) and result and isinstance(result[-1][-1], KeyGroup):
            result[-1].append(item)
        else:
            result.append([item])
    return result


def unit_width(unit: Unit) -> int:
    width = 0
    for item in unit:
        if isinstance(item, FooterKey):
            width += key_width(item)
        elif isinstance(item, KeyGroup):
            # A compact group: a cell of padding and one of margin around keys shown bare.
            keys = pending_children(item)
            width += 2 + sum(cell_len(k.key_display) for k in keys if isinstance(k, FooterKey))
        elif isinstance(item, FooterLabel):
            width += cell_len(str(item.content)) + 1
    return width


def wrap(widths: Sequence[int], room: int) -> list[list[int]]:
    """The indices of each line: as many whole items on a line as fit in `room` cells."""
    lines: list[list[int]] = []
    used = room
    for index, width in enumerate(widths):
        if used + width > room and (not lines or lines[-1]):
            lines.append([])
            used = 0
        lines[-1].append(index)
        used += width
    return lines


class KeyStrip(Footer):
    """A compact Footer on up to `lines` lines (more only if the keys cannot fit otherwise)."""

    DEFAULT_CSS = """
    KeyStrip {
        layout: vertical;
        height: auto;
    }
    """

    def __init__(self, *, lines: int = 2, spare: tuple[str, ...] = SPARE_KEYS) -> None:
        super().__init__(compact=True)
        self.lines = lines
        self.spare = spare
        self._composed_for = 0
        self._most_lines = 0  # the most lines the keys took at this width

    def compose(self) -> ComposeResult:
        room = self.size.width or self.app.size.width
        if room != self._composed_for:
            self._most_lines = 0
        self._composed_for = room
        found = units(compose(self, super().compose()))
        lines = wrap([unit_width(unit) for unit in found], room)
        if len(lines) > self.lines:
            found, lines = self._without_spare(found, room)
        self._most_lines = max(self._most_lines, len(lines))
        self.styles.min_height = self._most_lines
        for line in lines:
            with KeyRow():
                for index in line:
                    yield from found[index]

    def on_mount(self) -> None:
        # (Footer's own on_mount runs too: Textual calls each class's handler.) A Footer draws no
        # key until its screen first says its bindings changed, which a screen covered by a
        # dialog at once never says while covered (the review opens over the run screen on a
        # series' session): its keys showed below the dialog or not, by timing.
        self._bindings_ready = True
        self.call_after_refresh(self.recompose)

    def _without_spare(self, found: list[Unit], room: int) -> tuple[list[Unit], list[list[int]]]:
        """The keys with as few spare ones left out as keep them on the lines allowed, or on
        as few lines as they can take with every spare one out."""
        candidates = [
            [unit for unit in found if not self._is_spare(unit, self.spare[:count])]
            for count in range(1, len(self.spare) + 1)
        ]
        wrapped = [wrap([unit_width(unit) for unit in kept], room) for kept in candidates]
        most = max(self.lines, len(wrapped[-1]))
        first = next(n for n, lines in enumerate(wrapped) if len(lines) <= most)
        return candidates[first], wrapped[first]

    @staticmethod
    def _is_spare(unit: Unit, spare: tuple[str, ...]) -> bool:
        first = unit[0]
        return isinstance(first, FooterKey) and first.key in spare

    def on_resize(self, event: Resize) -> None:
        if event.size.width != self._composed_for and self._bindings_ready:
            self.call_after_refresh(self.recompose)
