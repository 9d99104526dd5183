"""A line the run screen redraws on every clock tick: it repaints only when its text changed.

The agenda rail, the "saved" status and the go-around bar are asked four times a second; most
ticks change nothing, and an update would still cost a layout pass.
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
            self.update(text)
