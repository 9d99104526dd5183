"""The minutes as a document, before any file format: headings, paragraphs, lists and tables.

The builder decides what the minutes say, once, in the session's language; the Word, Markdown and
e-mail writers only decide how each block looks. So the three formats cannot drift apart, and a
test of the content reads one structure instead of three files.
"""

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


@dataclass(frozen=True, slots=True)
class Bullets:
    items: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Table:
    """A table with a header row. `numeric` names the columns that hold figures (right-aligned).
    `widths` are column widths in millimetres where the format has pages; a 0 takes the room the
    others leave (the text column)."""

    columns: tuple[str, ...]
    rows: tuple[tuple[Inline, ...], ...]
    numeric: frozenset[int] = frozenset()
    widths: tuple[int, ...] = ()
    footer: tuple[Inline, ...] = ()  # a totals row, set in bold


@dataclass(frozen=True, slots=True)
class Facts:
    """Label–value lines (date, time, place …), shown as a borderless two-column block."""

    lines: tuple[tuple[str, Inline], ...]


Block = Heading | Paragraph | Bullets | Table | Facts


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
