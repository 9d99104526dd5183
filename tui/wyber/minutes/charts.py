"""The minutes' pictures: the dot and score results as bars, planned against actual time per step.

Drawn with Pillow, not matplotlib: measured on this machine (2 cores), `import matplotlib.pyplot`
takes ~0.5 s before a single bar is drawn, which alone would spend the export's whole budget at
1,000 contributions (≤ 0.5 s); Pillow imports in ~20 ms and draws both charts in ~15 ms
(bench/minutes.py measures the export with them). The text is set in DejaVu Sans when the system
has it, else in Pillow's own font. Each chart is a PNG at 200 dpi for print.
"""

import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from PIL import Image, ImageDraw, ImageFont

DPI = 200
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
LABEL_CHARS = 38


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    values: tuple[float | None, ...]  # one per series, on its own scale (0 … its top); None: none


@cache
def _font(size_mm: float) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    size = round(size_mm * MM)
    try:
        return ImageFont.truetype("DejaVuSans.ttf", size)
    except OSError:
        return ImageFont.load_default(size)


def _short(label: str) -> str:
    line = " ".join(label.split())
    return line if len(line) <= LABEL_CHARS else line[: LABEL_CHARS - 1] + "…"


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(DPI, DPI), optimize=False)
    return buffer.getvalue()


def bars(
    rows: Sequence[Bar],
    tops: Sequence[float],
    colours: Sequence[tuple[int, int, int]],
    legend: Sequence[str],
) -> bytes:
    """Horizontal bars, one group per row (at most BAR_ROWS), one bar per series on its top."""
    rows = list(rows)[:BAR_ROWS]
    font = _font(3.0)
    row_px, bar_px = round(7 * MM), round(5 * MM / max(1, len(tops)))
    label_px, margin = round(62 * MM), round(2 * MM)
    width = round(WIDTH_MM * MM)
    height = row_px * len(rows) + round(9 * MM)
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    plot = width - label_px - margin - round(12 * MM)
    for index, row in enumerate(rows):
        top = margin + index * row_px
        draw.text((margin, top + row_px // 2), _short(row.label), fill=INK, font=font, anchor="lm")
        for series, (value, scale) in enumerate(zip(row.values, tops, strict=True)):
            if value is None:
                continue
            y = top + round(MM) + series * bar_px
            length = round(plot * min(value, scale) / scale) if scale else 0
            x = label_px
            draw.rectangle((x, y, x + max(length, 1), y + bar_px - 2), fill=colours[series])
            shown = f"{value:.1f}".rstrip("0").rstrip(".")
            draw.text(
                (x + length + margin, y + bar_px // 2), shown, fill=INK, font=font, anchor="lm"
            )
    _legend(draw, legend, colours, height - round(5 * MM), label_px, font)
    return _png(image)


def timeline(steps: Sequence[tuple[str, int, int | None]], legend: Sequence[str]) -> bytes:
    """Per step its planned minutes (grey) above its actual ones (blue, red when over); a step
    not reached has no actual bar. All on one scale, so a long step looks long."""
    font = _font(3.0)
    row_px, bar_px = round(8 * MM), round(2.8 * MM)
    label_px, margin = round(62 * MM), round(2 * MM)
    width = round(WIDTH_MM * MM)
    height = row_px * len(steps) + round(9 * MM)
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    plot = width - label_px - margin - round(12 * MM)
    scale = max([1, *(max(planned, actual or 0) for _, planned, actual in steps)])
    for index, (label, planned, actual) in enumerate(steps):
        top = margin + index * row_px
        draw.text((margin, top + row_px // 2), _short(label), fill=INK, font=font, anchor="lm")
        for offset, minutes, colour in (
            (0, planned, PLANNED),
            (bar_px + 2, actual, OVER if actual is not None and actual > planned else ACTUAL),
        ):
            if minutes is None:
                continue
            y = top + round(MM) + offset
            length = round(plot * minutes / scale)
            draw.rectangle((label_px, y, label_px + max(length, 1), y + bar_px), fill=colour)
            draw.text(
                (label_px + length + margin, y + bar_px // 2),
                str(minutes),
                fill=INK,
                font=font,
                anchor="lm",
            )
    _legend(draw, legend, (PLANNED, ACTUAL), height - round(5 * MM), label_px, font)
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
