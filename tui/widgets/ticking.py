"""A line the run screen redraws on every clock tick: it repaints only when its text changed.

The agenda rail, the "saved" status and the go-around bar are asked four times a second; most
ticks change nothing, and an update would still cost a layout pass. And a line whose size its
stylesheet fixes (no `auto` width or height, nothing to scroll) cannot move anything else when
its text changes: it repaints only itself, without the layout of the whole screen that Textual
does for any widget's layout (the run screen's "saved" line, redrawn every frame under a town
hall's load: bench/load.py).
"""

from rich.text import Text
from textual.widgets import Static


class TickingStatic(Static):
    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._shown: Text | None = None

    def show(self, text: Text) -> None:
        if text != self._shown:
            self._shown = text
            self.update(text, layout=self._sized_by_content())

    def _sized_by_content(self) -> bool:
        styles = self.styles
        scrolls = styles.overflow_x != "hidden" or styles.overflow_y != "hidden"
        return styles.auto_dimensions or scrolls
