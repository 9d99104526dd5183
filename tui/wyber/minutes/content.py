"""The minutes as a document, before any file format: headings, paragraphs, lists and tables.

The builder decides what the minutes say, once, in the session's language; the Word, Markdown and
e-mail writers only decide how each block looks. So the three formats cannot drift apart, and a
test of the content reads one structure instead of three files.
"""

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from tui.wyber.i18n import Language


@dataclass(frozen=True, slots=True)
class Span:
    """A run of text. `strong` is bold; `alert` marks what went wrong (an overrun, an objection)."""

    text: str
    strong: bool = False
    alert: bool = False


# A table cell or a list item: plain text, or spans for mixed emphasis.
Inline = str | Span | tuple[Span, ...]


def spans(inline: Inline) -> tuple[Span, ...]:
    """Any inline content as a tuple of spans."""
    if isinstance(inline, str):
        return (Span(inline),)
    if isinstance(inline, Span):
        return (inline,)
    return inline


def plain(inline: Inline) -> str:
    return "".join(span.text for span in spans(inline))


@dataclass(frozen=True, slots=True)
class Heading:
    text: str
    level: int  # 1 for a chapter, 2 for a step, 3 for a part of a step


@dataclass(frozen=True, slots=True)
class Paragraph:
    content: Inline
    quiet: bool = False  # a note beside the main text: "nothing recorded", times away
    whole: bool = False  # its lines kept on one page (a consent round: one record, read at once)


@dataclass(frozen=True, slots=True)
class Bullets:
    items: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Table:
    """A table with a header row. `numeric` names the columns that hold figures (right-aligned);
    `grow` the text columns, which share the room the others leave where the format has pages
    (each column is sized to what it holds: tui/wyber/minutes/columns.py)."""

    columns: tuple[str, ...]
    rows: tuple[tuple[Inline, ...], ...]
    numeric: frozenset[int] = frozenset()
    grow: frozenset[int] = frozenset()
    footer: tuple[Inline, ...] = ()  # a totals row, set in bold


def table(
    columns: Sequence[str],
    rows: Sequence[Sequence[Inline]],
    *,
    numeric: Collection[int] = (),
    grow: Collection[int] = (),
    keep: Collection[int] = (0,),
    footer: Sequence[Inline] = (),
) -> Table:
    """A Table without the columns no row has anything in (but those in `keep`): a column with
    nothing in it is not there."""
    kept = [
        i for i in range(len(columns)) if i in keep or any(plain(row[i]).strip() for row in rows)
    ]
    new = {old: new for new, old in enumerate(kept)}
    return Table(
        tuple(columns[i] for i in kept),
        tuple(tuple(row[i] for i in kept) for row in rows),
        numeric=frozenset(new[i] for i in numeric if i in new),
        grow=frozenset(new[i] for i in grow if i in new),
        footer=tuple(footer[i] for i in kept) if footer else (),
    )


@dataclass(frozen=True, slots=True)
class Facts:
    """Label–value lines (date, time, place …), shown as a borderless two-column block."""

    lines: tuple[tuple[str, Inline], ...]


@dataclass(frozen=True, slots=True)
class Picture:
    """A chart drawn as a PNG, `width_mm` wide on the page; `caption` says what it shows (and
    is the text a screen reader reads). The numbers it draws are in a table beside it."""

    png: bytes
    width_mm: float
    caption: str


Block = Heading | Paragraph | Bullets | Table | Facts | Picture


@dataclass(frozen=True, slots=True)
class Properties:
    """What the file says about itself: Word's document properties, an e-mail's subject."""

    title: str
    author: str
    subject: str
    language: str  # a language tag: nl-NL, en-GB
    created: datetime  # UTC
    keywords: str = ""


@dataclass(frozen=True, slots=True)
class Document:
    lang: Language
    title: str
    subtitle: str  # "Verslag · maandag 23 november 2026"
    header: str  # the running head on every page
    page_label: str  # "Pagina {page} van {pages}": the writer fills in the fields
    properties: Properties
    blocks: tuple[Block, ...] = field(default=())
    # The part people act on (decisions, agreements, actions, the series' open agreements), also
    # in `blocks`: the body of the e-mail that carries the minutes.
    actions: tuple[Block, ...] = field(default=())
