"""The minutes' pictures: the dot and score results as bars, planned against actual time per step.

Drawn with Pillow, not matplotlib. Measured here (2 cores shared, load average ~5), in a fresh
interpreter: `import matplotlib.pyplot` took 1.4–1.9 s before a single bar was drawn, more than
the export's whole budget at 1,000 contributions (0.5 s); Pillow imported in 0.03–0.11 s and
drew and encoded both charts in ~70 ms (the median of 10). bench/minutes.py measures the export
with them. The text is set in DejaVu Sans when the system has it, else in Pillow's own font.
Each chart is a PNG at 150 dpi, enough for print at 15 cm wide.
"""

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

from PIL import Image, ImageDraw, ImageFont

DPI = 150  # 200 dpi took ~1.8x the time to draw and encode, for no difference on paper
MM = DPI / 25.4  # pixels per millimetre
WIDTH_MM = 150
INK = (0x26, 0x26, 0x26)
GRID = (0xD9, 0xD9, 0xD9)
DOTS = (0x2F, 0x55, 0x97)  # Word's dark blue
SCORE = (0x9D, 0xC3, 0xE6)
PLANNED = (0xBF, 0xBF, 0xBF)
ACTUAL = (0x2F, 0x55, 0x97)
OVER = (0xC0, 0x00, 0x00)  # the red the tables use for an overrun
BAR_ROWS = 12  # a chart of more bars is too small to read: the table holds the rest


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    values: tuple[float | None, ...]  # one per series, on its own scale (0 … its top); None: none


Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


@cache
def _font(size_mm: float) -> Font:
    size = round(size_mm * MM)
    try:
        return ImageFont.truetype("DejaVuSans.ttf", size)
    except OSError:
        return ImageFont.load_default(size)


def fitted(label: str, width_px: float, font: Font) -> str:
    """The label as it fits in `width_px`: whole, else cut after a word with "…" (a cut by
    character count ran under the bars mid-word: "testprocedur"); a first word too long alone
    is cut inside it."""
    words = label.split()
    line = " ".join(words)
    if font.getlength(line) <= width_px:
        return line
    for count in range(len(words) - 1, 0, -1):
        cut = " ".join(words[:count]) + " …"
        if font.getlength(cut) <= width_px:
            return cut
    while line and font.getlength(line + "…") > width_px:
        line = line[:-1]
    return line + "…"


def label_lines(label: str, width_px: float, font: Font) -> list[str]:
    """The label on at most two lines of `width_px`: as many whole words on the first as fit,
    the rest on the second, cut after a word with "…" when it is still too long."""
    words = label.split()
    first: list[str] = []
    while words and font.getlength(" ".join([*first, words[0]])) <= width_px:
        first.append(words.pop(0))
    if not first:
        return [fitted(label, width_px, font)]
    return (
        [" ".join(first), fitted(" ".join(words), width_px, font)] if words else [" ".join(first)]
    )


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(DPI, DPI), optimize=False)
    return buffer.getvalue()


# One bar: its length as a share of the plot (0 … 1), the figure written after it, its colour.
Segment = tuple[float, str, tuple[int, int, int]]


def bars(
    rows: Sequence[Bar],
    tops: Sequence[float],
    colours: Sequence[tuple[int, int, int]],
    legend: Sequence[str],
    number: Callable[[float], str],
) -> bytes:
    """Horizontal bars, one group per row (at most BAR_ROWS), one bar per series on its top;
    `number` writes the figure after a bar in the minutes' language ("4,7" in Dutch)."""
    groups: list[tuple[str, list[Segment | None]]] = []
    for row in list(rows)[:BAR_ROWS]:
        segments: list[Segment | None] = []
        for value, top, colour in zip(row.values, tops, colours, strict=True):
            if value is None or not top:
                segments.append(None)
                continue
            segments.append((min(value, top) / top, number(value), colour))
        groups.append((row.label, segments))
    return _chart(groups, 7, 5 / max(1, len(tops)), legend, colours)


def timeline(steps: Sequence[tuple[str, int, int | None]], legend: Sequence[str]) -> bytes:
    """Per step its planned minutes (grey) above its actual ones (blue, red when over); a step
    not reached has no actual bar. All on one scale, so a long step looks long."""
    scale = max([1, *(max(planned, actual or 0) for _, planned, actual in steps)])
    groups: list[tuple[str, list[Segment | None]]] = []
    for label, planned, actual in steps:
        over = OVER if actual is not None and actual > planned else ACTUAL
        done = (actual / scale, str(actual), over) if actual is not None else None
        groups.append((label, [(planned / scale, str(planned), PLANNED), done]))
    return _chart(groups, 8, 2.8, legend, (PLANNED, ACTUAL))


def _chart(
    groups: Sequence[tuple[str, Sequence[Segment | None]]],
    row_mm: float,
    bar_mm: float,
    legend: Sequence[str],
    legend_colours: Sequence[tuple[int, int, int]],
) -> bytes:
    """A label per group on the left, its bars beside it, the legend under them all."""
    font = _font(3.0)
    row_px, bar_px = round(row_mm * MM), round(bar_mm * MM)
    label_px, margin = round(62 * MM), round(2 * MM)
    width = round(WIDTH_MM * MM)
    height = row_px * len(groups) + round(9 * MM)
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    plot = width - label_px - margin - round(12 * MM)
    for index, (label, segments) in enumerate(groups):
        top = margin + index * row_px
        lines = label_lines(label, label_px - 2 * margin, font)
        line_px = round(3.4 * MM)  # two lines of the 3 mm font in a row of 7 mm
        for n, line in enumerate(lines):
            y = top + row_px // 2 + round((n - (len(lines) - 1) / 2) * line_px)
            draw.text((margin, y), line, fill=INK, font=font, anchor="lm")
        for number, segment in enumerate(segments):
            if segment is None:
                continue
            share, shown, colour = segment
            y = top + round(MM) + number * (bar_px + 2)
            length = round(plot * share)
            draw.rectangle((label_px, y, label_px + max(length, 1), y + bar_px), fill=colour)
            where = (label_px + length + margin, y + bar_px // 2)
            draw.text(where, shown, fill=INK, font=font, anchor="lm")
    _legend(draw, legend, legend_colours, height - round(5 * MM), label_px, font)
    return _png(image)


def _legend(
    draw: ImageDraw.ImageDraw,
    names: Sequence[str],
    colours: Sequence[tuple[int, int, int]],
    y: int,
    x: int,
    font: ImageFont.FreeTypeFont | ImageFont.ImageFont,
) -> None:
    draw.line((x, y - round(1.5 * MM), x + round(70 * MM), y - round(1.5 * MM)), fill=GRID)
    for name, colour in zip(names, colours, strict=False):
        box = round(3 * MM)
        draw.rectangle((x, y, x + box, y + box), fill=colour)
        draw.text((x + box + round(MM), y + box // 2), name, fill=INK, font=font, anchor="lm")
        x += box + round(MM) + round(draw.textlength(name, font=font)) + round(5 * MM)
