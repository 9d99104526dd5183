"""The replay's scrub bar: where the moment is on the session's timeline, its rounds marked;
click or drag to seek."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget


class ScrubBar(Widget):
    """Where the replay is on the session's timeline, with a tick at the start of each round.
    Click (or drag) anywhere on it to go to that moment."""

    DEFAULT_CSS = """
    ScrubBar { height: 1; width: 1fr; }
    ScrubBar > .scrub--played { color: $primary; text-style: bold; }
    ScrubBar > .scrub--rest { color: $text-disabled; }
    ScrubBar > .scrub--mark { color: $secondary; text-style: bold; }
    ScrubBar > .scrub--head { color: $accent; text-style: bold; }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "scrub--played",
        "scrub--rest",
        "scrub--mark",
        "scrub--head",
    }

    fraction: reactive[float] = reactive(0.0)

    class Seek(Message):
        """Go to this fraction of the timeline (0 is the start, 1 the end)."""

        def __init__(self, fraction: float) -> None:
            super().__init__()
            self.fraction = fraction

    def __init__(self, marks: Iterable[float] = (), *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.marks = sorted({min(1.0, max(0.0, m)) for m in marks})
        self._dragging = False

    def _cell(self, fraction: float) -> int:
        return round(fraction * max(0, self.size.width - 1))

    def render(self) -> Text:
        width = self.size.width
        if width <= 0:
            return Text()
        head = self._cell(self.fraction)
        marks = {self._cell(m) for m in self.marks}
        styles = {
            name: self.get_component_rich_style(f"scrub--{name}")
            for name in ("played", "rest", "mark", "head")
        }
        text = Text(no_wrap=True, overflow="crop")
        start = 0
        for cell in [*sorted(marks | {head}), width]:  # the bar in runs between head and marks
            if cell > start:
                played = cell <= head
                line, style = ("━", styles["played"]) if played else ("─", styles["rest"])
                text.append(line * (cell - start), style)
            if cell == head:
                text.append("●", styles["head"])
            elif cell < width:
                text.append("╋" if cell < head else "┿", styles["mark"])
            start = cell + 1
        return text

    def _seek_to(self, x: int) -> None:
        span = max(1, self.size.width - 1)
        self.post_message(self.Seek(min(1.0, max(0.0, x / span))))

    def on_mouse_down(self, event: events.MouseDown) -> None:
        event.stop()
        self._dragging = True
        self.capture_mouse()
        self._seek_to(event.x)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._dragging:
            event.stop()
            self._seek_to(event.x)

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._dragging:
            event.stop()
            self._dragging = False
            self.release_mouse()
