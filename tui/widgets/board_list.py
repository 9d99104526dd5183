"""A board's list: options that start with their idea's number ("  12  …"), changed at the cost
of the change, and wrapped under their text: a long idea's last words and its author ("— Anna
de Vries") on a line of their own at 80 columns read as that idea's, not as the next one.

Textual's OptionList measures every option again after any prompt is replaced or any option
removed (tui/internals/option_lines.py). On a town-hall evening's board of thousands of ideas
taking dozens of changes a second, the event loop spent its time measuring. Here a changed
prompt measures that option only, and an option removed measures nothing: an idea keeps its
number for good (tui/wyber/fold.py gives it once), so the ones after it stay as they are drawn.
"""

import re
from collections.abc import Iterable, Sequence
from typing import Self

from rich.text import Text
from textual.content import Content
from textual.css.styles import RulesMap
from textual.geometry import Region
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual, VisualType
from textual.widgets.option_list import Option, OptionDoesNotExist

from tui.internals.option_lines import (
    MadeVisuals,
    forget_lines,
    remove_options,
    replace_prompts,
)

NUMBER_WIDTH = 3  # the numbers' column; 1,000 and more take a column more
NUMBER_STYLE = "dim"
GAP = "  "  # between the number and the option's text
_NUMBERED = re.compile(rf" *[0-9]+{GAP}")  # an option's start that `numbered` made
AUTHOR = "  — "  # before an idea's author, at its prompt's end: kept whole, on one line


def numbered(number: int) -> Text:
    """The start of an option's prompt: its idea's number."""
    return Text(f"{number:>{NUMBER_WIDTH}}{GAP}", style=NUMBER_STYLE)


class Hanging(Visual):
    """A numbered prompt whose lines after the first start under its text, not its number."""

    def __init__(self, prompt: Content, indent: int) -> None:
        self.head, self.body, self.indent = prompt[:indent], prompt[indent:], indent
        self._laid: tuple[int, Content] | None = None  # the width last laid out at, and how

    def _wrapped(self, width: int) -> list[Content]:
        """The body's lines: an author at its end ("— Bram Visser") whole, after the text's last
        word when there is room, else on a line of its own."""
        cut = self.body.plain.rfind(AUTHOR)
        tail = self.body[cut:] if cut > 0 else None
        if tail is None or tail.cell_length - len(AUTHOR) + 2 > width:
            return self.body.wrap(width)
        lines = self.body[:cut].wrap(width) or [Content("")]
        if lines[-1].cell_length + tail.cell_length <= width:
            return [*lines[:-1], lines[-1] + tail]
        return [*lines, tail[len(AUTHOR) - 2 :]]  # "— Bram Visser", without the gap before it

    def _lines(self, width: int) -> Content:
        if self._laid is None or self._laid[0] != width:
            lines = self._wrapped(max(1, width - self.indent)) or [Content("")]
            under = Content(" " * self.indent)
            joined = Content("\n").join([self.head + lines[0], *(under + ln for ln in lines[1:])])
            self._laid = (width, joined)
        return self._laid[1]

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        return self._lines(width).render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.head.cell_length + self.body.cell_length

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self._lines(width).plain.count("\n") + 1


class BoardList(MadeVisuals):
    def __init__(self, *, id: str | None = None) -> None:
        self._lines_width: int | None = None  # the width the options' lines were measured at
        super().__init__(id=id)

    def _fit_width(self) -> None:
        """Measure every option again when the list's width changed since they were measured.
        Textual does that when the widget is resized, but not when its scroll bar appears (the
        first options are measured without it, a column wider), and the list no longer measures
        everything after each change: the third line of an idea would stay cut off."""
        width = self.scrollable_content_region.width
        if width != self._lines_width:
            forget_lines(self)
            self._lines_width = width

    def on_resize(self) -> None:
        # (OptionList's own _on_resize runs too and forgets the lines.) The scroll position
        # stays where it was while the board's height changes under it, so the highlighted idea
        # could sit below the board's edge: the run screen's key strip taking a line more under a
        # dialog left the newest idea out of view, or not, depending on which came first.
        self.call_after_refresh(self.scroll_to_highlight)

    def render_lines(self, crop: Region) -> list[Strip]:
        self._fit_width()
        return super().render_lines(crop)

    def add_options(self, new_options: "Iterable[Option | VisualType | None]") -> Self:
        self._fit_width()
        return super().add_options(new_options)

    def make_visual(self, option: Option) -> Visual:
        # As OptionList's own, but a prompt that starts with its number hangs under its text.
        visual = super().make_visual(option)
        start = _NUMBERED.match(visual.plain) if isinstance(visual, Content) else None
        if isinstance(visual, Content) and start is not None:
            return Hanging(visual, start.end())
        return visual

    def index_of(self, option_id: str) -> int | None:
        """Where the option is on the list; None when it is not on it."""
        try:
            return self.get_option_index(option_id)
        except OptionDoesNotExist:
            return None

    def change_prompts(self, changes: Iterable[tuple[int, Text]]) -> None:
        """Draw these options (index, prompt) anew, each prompt starting with `numbered`; the
        other options keep their measured lines."""
        self._fit_width()
        replace_prompts(self, ((index, prompt, False) for index, prompt in changes))

    def remove_at(self, indices: Sequence[int]) -> None:
        """Take the options at `indices` off the list; the others keep their measured lines."""
        if not indices:
            return
        self._fit_width()
        remove_options(self, indices)
