"""Free text as a facilitator types it, made safe to store and to write into XML (Word).

Text is kept exactly as typed (emoji, accents, right-to-left scripts), except for the characters
XML 1.0 forbids: C0 control characters other than tab and newline, and the non-characters U+FFFE
and U+FFFF. python-docx raises on those, and a terminal would garble on them.
"""

import re

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean_text(text: str) -> str:
    """Remove XML-illegal characters; keep the rest as typed (carriage returns become newlines)."""
    return _XML_ILLEGAL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def clean_line(text: str) -> str:
    """A one-line value (a title, a name): cleaned, with line breaks folded to spaces, trimmed."""
    return " ".join(clean_text(text).split())
