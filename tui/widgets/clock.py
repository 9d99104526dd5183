"""The big clock: the time left in the current movement's time box, readable across a room.

It only shows what `timebox.current_clock` derives from the session's clock, so a late redraw
never loses time. It turns amber with 20% left and red with 5% left; over time it counts the
overrun up with a plus sign, in white on a strong red (a theme's own error red, a muted crimson
in textual-dark, washes out on a projector in a lit room). Paused, the digits go grey and a bar
under them says so in words: italics alone were lost on a projector.

The digits are drawn from a 3×5 font in half-block characters, so a pixel is a square of one
column by half a row, and scaled to the space the clock gets: three rows at 80×24 (the size of
Textual's Digits, which does not scale), ten rows in a 160×48 terminal. The width is that of the
widest text it shows ("+00:00"), so the layout does not move when a box runs over.
"""

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from tui.wyber.i18n import Language, tr
from tui.wyber.timebox import Clock

WARN_FRACTION = 0.20
ALARM_FRACTION = 0.05
WIDEST = "+00:00"  # the widest text under an hour: its width is the clock's
# The most of its band the clock takes: the rest is for the diamond and the movement's name.
WIDTH_SHARE = 0.7

FONT: dict[str, tuple[str, ...]] = {
    "0": ("###", "# #", "# #", "# #", "###"),
    "1": (" # ", "## ", " # ", " # ", "###"),
    "2": ("###", "  #", "###", "#  ", "###"),
    "3": ("###", "  #", " ##", "  #", "###"),
    "4": ("# #", "# #", "###", "  #", "  #"),
    "5": ("###", "#  ", "###", "  #", "###"),
    "6": ("###", "#  ", "###", "# #", "###"),
    "7": ("###", "  #", "  #", "  #", "  #"),
    "8": ("###", "# #", "###", "# #", "###"),
    "9": ("###", "# #", "###", "  #", "###"),
    ":": (" ", "#", " ", "#", " "),
    "+": ("   ", " # ", "###", " # ", "   "),
    "-": ("   ", "   ", "###", "   ", "   "),
}
FONT_ROWS = 5
HALF_BLOCKS = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}


def clock_text(seconds: float) -> str:
    """mm:ss, or h:mm:ss past an hour; seconds are rounded up while counting down."""
    whole = int(seconds) if seconds == int(seconds) else int(seconds) + 1
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes:02}:{secs:02}"


def countdown_text(remaining: float) -> str:
    """The time left, or once over time the overrun counting up with a plus sign."""
    return clock_text(remaining) if remaining >= 0 else "+" + clock_text(int(-remaining))


def pixel_width(text: str) -> int:
    """Font pixels across `text`: its glyphs with one blank pixel between them."""
    return sum(len(FONT[c][0]) for c in text) + max(0, len(text) - 1)


def big_rows(scale: int) -> int:
    """Terminal rows that digits drawn at `scale` take: two pixel rows to a row."""
    return -(-FONT_ROWS * scale // 2)


def big_lines(text: str, scale: int) -> list[str]:
    """`text` in the clock's font, each pixel `scale` columns wide and `scale` half-rows high."""
    pixels = [
        "".join(" " * scale + "".join(ch * scale for ch in FONT[c][row]) for c in text)[scale:]
        for row in range(FONT_ROWS)
        for _ in range(scale)
    ]
    if len(pixels) % 2:
        pixels.append(" " * len(pixels[0]))
    return [
        "".join(HALF_BLOCKS[a == "#", b == "#"] for a, b in zip(top, bottom, strict=True))
        for top, bottom in zip(pixels[::2], pixels[1::2], strict=True)
    ]


def fitting_scale(text: str, rows: int, columns: int) -> int:
    """The largest scale at which `text` fits in rows × columns; never below 1."""
    by_rows = 2 * rows // FONT_ROWS
    by_columns = columns // pixel_width(text)
    return max(1, min(by_rows, by_columns))


class BigClock(Widget):
    """The countdown in big digits, with a line under it for the clock's state in words."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"bigclock--caption"}
    DEFAULT_CSS = """
    BigClock {
        width: auto;
        height: 1fr;
        padding: 0 1;
    }
    BigClock.-ok { color: $success; }
    BigClock.-warn { color: $warning; }
    BigClock.-alarm { color: $error; text-style: bold; }
    BigClock.-over {
        color: $clock-over-foreground;
        background: $clock-over-background;
        text-style: bold;
    }
    BigClock.-paused { color: $text-muted; }
    BigClock > .bigclock--caption {
        color: $warning;
        text-style: bold reverse;
    }
    BigClock.-over > .bigclock--caption {
        color: $clock-over-foreground;
        text-style: bold;
    }
    """

    def __init__(self, lang: Language, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lang = lang
        self.value = "--:--"
        self.caption = ""  # the clock's state in words: paused, over time, or nothing

    def show(self, clock: Clock | None) -> None:
        if clock is None:
            text, state, caption = "--:--", "-idle", ""
        else:
            text = countdown_text(clock.remaining)
            state = "-over" if clock.remaining < 0 else "-ok"
            if state == "-ok" and clock.fraction_left <= WARN_FRACTION:
                state = "-alarm" if clock.fraction_left <= ALARM_FRACTION else "-warn"
            caption = "clock.over" if state == "-over" else ""
            if clock.paused:
                state, caption = f"{state} -paused", "clock.paused"
        self.set_classes(state)
        words = tr(self.lang, caption) if caption else ""
        if (text, words) != (self.value, self.caption):
            widest = self.widest
            self.value, self.caption = text, words
            self.refresh(layout=self.widest != widest)

    @property
    def widest(self) -> str:
        return self.value if pixel_width(self.value) > pixel_width(WIDEST) else WIDEST

    def scale_for(self, rows: int, columns: int) -> int:
        """The scale in a space of rows × columns, one row kept for the caption."""
        return fitting_scale(self.widest, rows - 1, columns)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        scale = self.scale_for(container.height, int(container.width * WIDTH_SHARE))
        return max(pixel_width(self.widest) * scale, len(self.caption))

    def render(self) -> Text:
        width, rows = self.content_size
        scale = self.scale_for(rows, width)
        lines = [line.center(width) for line in big_lines(self.value, scale)]
        text = Text("\n".join(lines), no_wrap=True, overflow="crop")
        if self.caption and len(lines) < rows:
            caption: Style = self.get_component_rich_style("bigclock--caption")
            text.append("\n")
            text.append(f" {self.caption} ".center(width), caption)
        return text
