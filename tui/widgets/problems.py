"""The lines under a list that name what could not be read: one line each, and a count of the rest.

Home and History show the archive's problems below their tables in a few lines. A problem's
message names a full path and can be longer than the screen is wide; wrapped, two problems would
fill the room and hide the others without a word. So each is one line (cut with an ellipsis, its
name at the start), and what does not fit is counted, with where to read it in full.
"""

from rich.text import Text
from textual.widgets import Static

from tui.wyber.i18n import Language, tr


class ProblemLines(Static):
    """At most `room` lines: the first problems, then "… and N more" when there are more."""

    DEFAULT_CSS = """
    ProblemLines {
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def __init__(self, room: int, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.room = room
        self.styles.max_height = room

    def show(self, messages: list[str], lang: Language) -> None:
        lines = [" ".join(message.split()) for message in messages]
        if len(lines) > self.room:
            hidden = len(lines) - (self.room - 1)
            lines = [*lines[: self.room - 1], tr(lang, "archive.more", count=hidden)]
        self.update(Text("\n".join(lines)))
        self.display = bool(lines)
