"""The minutes as Markdown: for a chat message or the body of an e-mail.

Text a person typed is escaped, so "*urgent*" or "#3" in an idea stays what was typed instead of
turning into emphasis or a heading; in tables a line break becomes <br> and a pipe is escaped.
"""

import re
from collections.abc import Iterable, Sequence

from tui.wyber.minutes.content import (
    Block,
    Bullets,
    Document,
    Facts,
    Heading,
    Inline,
    Paragraph,
    Picture,
    Table,
    spans,
)
from tui.wyber.text import clean_text

# Escaped anywhere: what makes emphasis, code, links, HTML or a table cell's end.
_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
# Escaped at the start of a line only: what would make a heading, a list or a quote there.
_LINE_START = re.compile(r"^(\s*)([#+\-=])", re.MULTILINE)
_NUMBERED = re.compile(r"^(\s*\d+)([.)])", re.MULTILINE)


def escape(text: str, *, line_start: bool = True) -> str:
    """Markdown-special characters backslash-escaped, so the text reads back as typed; the
    rest is left alone, so the Markdown stays readable in a chat as it is. In a table cell
    (`line_start=False`) a leading '+' or '1.' makes no list, so it is left alone too."""
    escaped = _INLINE.sub(r"\\\1", clean_text(text))
    if not line_start:
        return escaped
    escaped = _LINE_START.sub(r"\1\\\2", escaped)
    return _NUMBERED.sub(r"\1\\\2", escaped)


def inline(content: Inline, *, in_table: bool = False) -> str:
    parts = []
    for span in spans(content):
        text = escape(span.text, line_start=not in_table)
        if not text.strip():
            parts.append(text)
            continue
        if span.strong or span.alert:
            # Emphasis markers must hug the text: "** a **" is not bold in CommonMark.
            stripped = text.strip()
            text = text.replace(stripped, f"**{stripped}**", 1)
        parts.append(text)
    joined = "".join(parts)
    if in_table:
        return joined.replace("\n", "<br>")
    return joined.replace("\n", "  \n")  # a hard line break inside a paragraph


def _table(
    columns: Sequence[str], rows: Iterable[Sequence[Inline]], numeric: frozenset[int]
) -> str:
    header = "| " + " | ".join(escape(c) for c in columns) + " |"
    rule = "|" + "|".join("---:" if i in numeric else "---" for i in range(len(columns))) + "|"
    body = ["| " + " | ".join(inline(cell, in_table=True) for cell in row) + " |" for row in rows]
    return "\n".join([header, rule, *body])


def block_markdown(block: Block) -> str:
    match block:
        case Heading(text=text, level=level):
            return f"{'#' * (level + 1)} {escape(text)}"
        case Paragraph(content=content, quiet=quiet):
            text = inline(content)
            return f"_{text}_" if quiet and text.strip() else text
        case Bullets(items=items):
            return "\n".join(f"- {inline(item).replace(chr(10), chr(10) + '  ')}" for item in items)
        case Table(columns=columns, rows=rows, numeric=numeric, footer=footer):
            return _table(columns, [*rows, *([footer] if footer else [])], numeric)
        case Facts(lines=lines):
            return "\n".join(f"**{escape(label)}:** {inline(value)}  " for label, value in lines)
    raise AssertionError(f"unknown block {block!r}")


def blocks_markdown(blocks: Iterable[Block]) -> str:
    # A chart has no place in plain text: the table beside it holds its numbers.
    shown = (block for block in blocks if not isinstance(block, Picture))
    return "\n\n".join(block_markdown(block) for block in shown) + "\n"


def markdown(document: Document) -> str:
    head = f"# {escape(document.title)}\n\n_{escape(document.subtitle)}_\n\n"
    return head + blocks_markdown(document.blocks)
