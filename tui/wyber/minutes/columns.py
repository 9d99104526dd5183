"""Column widths sized to what a table's columns hold, measured in the font the page shows.

A column is never narrower than its longest word (a header never breaks inside a word: "Stipp
en", "Scor e"); a short column gets the width of its longest line; the text columns share the
room that is left. Words are measured with Pillow in DejaVu Sans, what LibreOffice sets a Calibri
table in where Calibri is not installed (fc-match Calibri → DejaVuSans.ttf): it is wider than
Calibri, so what fits in LibreOffice fits in Word too. Without the font file a conservative
average width per character is used.
"""

import unicodedata
from collections.abc import Collection, Sequence
from functools import cache

from PIL import ImageFont

FONT_FILES = {False: "DejaVuSans.ttf", True: "DejaVuSans-Bold.ttf"}
# A no-break space holds a date together ("23 nov 2026"): it is where a line may not break, as
# Word and LibreOffice set it, so it is part of the word it joins.
NO_BREAK = "\u00a0"
MEASURE_SIZE = 100  # pixels: a large size, so the rounding of each glyph's advance is negligible
# DejaVu Sans Bold's widest common letters run to 0.7 em; the average of Dutch text is ~0.6.
FALLBACK_EM = {False: 0.62, True: 0.70}
POINT_MM = 25.4 / 72
# Word's default cell margins (0.19 cm each side), for a table that does not set its own.
WORD_MARGINS_MM = 2 * 1.9
SLACK_MM = 1.0  # for the rounding of widths to twips and of glyphs to pixels
# A line up to this wide is kept on one line (a date, a status); a longer one may wrap between
# words. 32 mm holds "30 Nov 2026" or "Anna de Vries" at 11 pt (25 and 27 mm in DejaVu Sans),
# and one of several owners with its comma, "Chaïma El Idrissi," at 10 pt (30.4 mm).
KEEP_WHOLE_MM = 32.0
# A column that is not a text column takes at most this share of the page before it wraps,
# and gives of its room (down to its longest word) until the text columns have this share.
SHORT_SHARE = 0.25
GROW_SHARE = 0.4
# Below their short lines kept whole ("Anna de Vries", a date) the short columns give only until
# the text columns have this share: a review note on its own line made the text column want
# 40%, and the owner beside it broke ("Anna de / Vries") while the text had 32% already.
TEXT_FLOOR_SHARE = 0.28


@cache
def _font(bold: bool) -> ImageFont.FreeTypeFont | None:
    try:
        # The basic layout, not raqm: widths need no shaping, and raqm refuses some texts a
        # participant can type (a lone U+2029 paragraph separator: "raqm_layout() failed").
        return ImageFont.truetype(
            FONT_FILES[bold], MEASURE_SIZE, layout_engine=ImageFont.Layout.BASIC
        )
    except OSError:
        return None


@cache
def text_mm(text: str, size_pt: float, bold: bool = False) -> float:
    """The width of `text` on one line at `size_pt`, in millimetres."""
    font = _font(bold)
    # Control, format and separator characters take no room on the page; spaces do.
    text = "".join(
        c for c in text if unicodedata.category(c)[0] not in "CZ" or c in (" ", NO_BREAK)
    )
    ems = len(text) * FALLBACK_EM[bold] if font is None else font.getlength(text) / MEASURE_SIZE
    return ems * size_pt * POINT_MM


def _longest(
    texts: Sequence[tuple[str, bool]],
    size_pt: float,
    margins_mm: float,
    *,
    words: bool,
    keep_short: bool = False,
) -> float:
    """The widest line of `texts`; with `words`, the widest word; with `keep_short` too, a short
    line (a date, a name) counts whole: "30 nov 2026" over three lines is hard to read."""
    widest = 0.0
    for text, bold in texts:
        for line in text.split("\n"):
            whole = text_mm(line, size_pt, bold)
            if not words or (keep_short and whole <= KEEP_WHOLE_MM):
                widest = max(widest, whole)
                continue
            for part in line.split(" "):  # not at a no-break space: str.split() would
                widest = max(widest, text_mm(part, size_pt, bold))
    return widest + margins_mm + SLACK_MM


def _short_header(texts: Sequence[tuple[str, bool]], size_pt: float, margins_mm: float) -> float:
    """The width of a column's header (its first text) on one line, if that is short; else 0."""
    if not texts:
        return 0.0
    header, bold = texts[0]
    whole = text_mm(header, size_pt, bold)
    return whole + margins_mm + SLACK_MM if "\n" not in header and whole <= KEEP_WHOLE_MM else 0.0


def fit_widths(
    columns: Sequence[Sequence[tuple[str, bool]]],
    grow: Collection[int],
    total_mm: float,
    size_pt: float,
    margins_mm: float = WORD_MARGINS_MM,
    short_share: float = SHORT_SHARE,
) -> list[float]:
    """A width in mm per column. `columns` holds, per column, its texts (header first) with
    whether each is bold; the columns in `grow` are text columns that share what is left;
    `margins_mm` is a cell's left and right margin together; a column that is not a text
    column takes at most `short_share` of the width before its lines wrap."""
    # A column is never narrower than its longest word, nor than its header when that is short
    # ("Sessie van" over two lines above a date reads as two headers).
    least = [
        max(
            _longest(texts, size_pt, margins_mm, words=True),
            _short_header(texts, size_pt, margins_mm),
        )
        for texts in columns
    ]
    short_whole = [
        _longest(texts, size_pt, margins_mm, words=True, keep_short=True) for texts in columns
    ]
    natural = [
        max(_longest(texts, size_pt, margins_mm, words=False), low)
        for texts, low in zip(columns, least, strict=True)
    ]
    growing = [i for i in range(len(columns)) if i in grow] or [
        max(range(len(columns)), key=natural.__getitem__)
    ]
    widths = [0.0] * len(columns)
    for i in range(len(columns)):
        if i not in growing:
            widths[i] = max(short_whole[i], min(natural[i], total_mm * short_share))
    # Room for the text columns: first from what the short columns have beyond their short
    # lines kept whole, then (a table of many columns) down to their longest word.
    # Room for no more than the text columns hold: a short list of short agreements leaves the
    # dates and names beside it whole.
    want = min(total_mm * GROW_SHARE, sum(natural[i] for i in growing))
    _make_room(widths, short_whole, growing, want, total_mm)
    _make_room(widths, least, growing, min(want, total_mm * TEXT_FLOOR_SHARE), total_mm)
    rest = total_mm - sum(widths)
    # A text column's short lines ("✔ consent") are kept whole too, where there is room for it.
    floor = short_whole if sum(short_whole[i] for i in growing) <= rest else least
    # Share what is left by how much each text column holds, none below its longest word; the
    # first (what was agreed, the idea) counts double: it is what the reader reads the row for.
    # A column whose lines all fit in less than its share gets just that, and the others share
    # the rest: no room stands empty beside a column that wraps.
    weight = {i: natural[i] * (2 if i == growing[0] else 1) for i in growing}
    pending = list(growing)
    while pending:
        share = sum(weight[i] for i in pending)
        too_narrow = [i for i in pending if rest * weight[i] / share < floor[i]]
        fits = [i for i in pending if natural[i] <= rest * weight[i] / share]
        if not too_narrow and len(fits) < len(pending):
            for i in fits:
                widths[i] = natural[i]
                rest -= natural[i]
                pending.remove(i)
            if fits:
                continue
        if not too_narrow:
            for i in pending:
                widths[i] = rest * weight[i] / share
            break
        for i in too_narrow:
            widths[i] = floor[i]
            rest -= floor[i]
            pending.remove(i)
    return widths


def _make_room(
    widths: list[float], least: Sequence[float], growing: Sequence[int], want: float, total: float
) -> None:
    """Narrow the short columns (never below their longest word), each by the same share of
    what it has above that, until the text columns have `want` millimetres."""
    short = [i for i in range(len(widths)) if i not in growing]
    rest = total - sum(widths[i] for i in short)
    need = max(want, sum(least[i] for i in growing)) - rest
    spare = sum(widths[i] - least[i] for i in short)
    if need <= 0 or spare <= 0:
        return
    keep = max(0.0, 1 - need / spare)
    for i in short:
        widths[i] = least[i] + (widths[i] - least[i]) * keep
