"""Free text as a facilitator types or pastes it, made safe to store, to show and to write into
XML (Word) and into an e-mail header.

Text is kept exactly as typed (emoji, accents, right-to-left scripts, the zero-width joiners of
Persian "می‌خواهم" and of 👩🏽‍💻), except for:

- terminal escape sequences (a colour code ESC [ 31 m, a window title ESC ] 0 ; … BEL, as a
  paste from a terminal carries them): the whole sequence goes, so no "[31m" is left behind;
- control characters: C0 other than tab and newline, DEL and C1 (U+0080–U+009F: U+009B is an
  8-bit CSI to a terminal), and the XML non-characters U+FFFE, U+FFFF and lone surrogates.
  python-docx raises on the XML-illegal ones, and a terminal would garble on all of them. Only
  the character goes, never the text after it;
- unbalanced bidi controls: an embedding or override (U+202A, U+202B, U+202D, U+202E) or an
  isolate (U+2066–U+2068) still open at the end of a line is closed there, and a closer without
  an opener (U+202C, U+2069) is dropped. Left open, a right-to-left override turns around
  everything drawn after it: the next field, the rest of the minutes, an e-mail's header.
"""

import re

# CSI (ESC [ parameters, intermediates, final), OSC (ESC ] … ended by BEL or ESC \\), and the
# string sequences DCS, SOS, PM and APC (ESC P, X, ^ or _ … ESC \\), as ECMA-48 defines them. An
# ESC that starts none of them is a control character like any other: it goes, the text after
# it stays.
ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[PX^_][^\x1b]*\x1b\\"
)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_EMBEDDINGS = frozenset("\u202a\u202b\u202d\u202e")  # closed by PDF, U+202C
_ISOLATES = frozenset("\u2066\u2067\u2068")  # closed by PDI, U+2069
_PDF, _PDI = "\u202c", "\u2069"
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_LINE_BREAK = re.compile(r"\s*\n\s*")


def _balance_bidi(line: str) -> str:
    """The line with every bidi opener closed before its end and every stray closer dropped.

    UAX #9's pairing: PDF closes the innermost embedding only when no isolate is open inside
    it; PDI closes the innermost isolate and whatever embeddings were opened inside it.
    """
    if not _BIDI.search(line):  # nearly every line: no work
        return line
    out: list[str] = []
    open_: list[str] = []
    for char in line:
        if char in _EMBEDDINGS or char in _ISOLATES:
            open_.append(char)
        elif char == _PDF:
            if not open_ or open_[-1] not in _EMBEDDINGS:
                continue
            open_.pop()
        elif char == _PDI:
            if not any(c in _ISOLATES for c in open_):
                continue
            while open_.pop() not in _ISOLATES:
                out.append(_PDF)  # embeddings inside the isolate end with it: say so
        out.append(char)
    out.extend(_PDI if c in _ISOLATES else _PDF for c in reversed(open_))
    return "".join(out)


def clean_text(text: str) -> str:
    """Remove escape sequences and control characters and close open bidi controls per line;
    keep the rest as typed (carriage returns become newlines)."""
    if "\x1b" in text:
        text = ESCAPE_SEQUENCE.sub("", text)
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    if not _BIDI.search(text):
        return text
    return "\n".join(_balance_bidi(line) for line in text.split("\n"))


def clean_line(text: str) -> str:
    """A one-line value (a title, a name): cleaned, with line breaks folded to spaces, trimmed."""
    return " ".join(clean_text(text).split())


def fold_lines(text: str) -> str:
    """Pasted text for a one-line field: cleaned, each line break (and the spaces around it)
    one space. Not trimmed: it may land between two words already typed."""
    return _LINE_BREAK.sub(" ", clean_text(text).strip("\n"))


def pasted_lines(text: str) -> list[str]:
    """Pasted text as separate entries (ideas): cleaned, one per non-blank line, trimmed."""
    return [line.strip() for line in clean_text(text).split("\n") if line.strip()]


def full_stop(sentence: str) -> str:
    """The sentence with its closing full stop, unless what it ends with (a step's title that
    asks "Welke route eerst?") already closes it, so it never ends in "?." or ".."."""
    return sentence if sentence.rstrip().endswith((".", "?", "!", "…")) else sentence + "."
