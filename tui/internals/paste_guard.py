"""A bracketed paste reaches the app whole and in order, whatever escape sequences it holds.

Textual's terminal parser (textual._xterm_parser, 8.x) stores a paste's characters as they come,
but an ESC inside the paste starts its search for an escape sequence, and the characters read
during that search are not stored: once the search gives up (after 32 characters, or at the
next ESC) they are sent on as key presses, before the paste itself. Measured in tmux with
`paste-buffer -p` of "voor ESC[31mrood ESC[0m na⏎": the idea line got the keys "^[31mrood^[0m na"
and their Enter (an idea of its own), then the paste "voor " into the next idea. So a paste from
a terminal, with its colour codes, was reordered, and an Enter in it was pressed.

Mended before the parser sees the paste: the text between the start and the end markers is
buffered here, its escape sequences and lone ESCs removed (the core's ESCAPE_SEQUENCE, so the
same as `clean_text` removes), and only then handed to the parser, which so sees no ESC but the
end marker's. Outside a paste the input passes through untouched, and at once.

The parser is created inside the driver's input thread from the name the driver module
imported; `install` points that name at this parser. The one place wyber reaches into a private
Textual module.
"""

from collections.abc import Iterable

from textual import _xterm_parser
from textual.message import Message

from tui.wyber.text import ESCAPE_SEQUENCE

PASTE_START = _xterm_parser.BRACKETED_PASTE_START
PASTE_END = _xterm_parser.BRACKETED_PASTE_END


class PasteGuardParser(_xterm_parser.XTermParser):
    """Textual's parser, fed a bracketed paste only once it is complete and free of ESCs."""

    def __init__(self, debug: bool = False) -> None:
        super().__init__(debug)
        self._paste: list[str] | None = None  # the paste so far, while inside one
        self._tail = ""  # the last characters outside a paste: a start marker may be split

    def feed(self, data: str) -> Iterable[Message]:
        if not data:  # the end of input
            return super().feed(data)
        feed = super().feed
        return [event for part in self._guard(data) if part for event in feed(part)]

    def _guard(self, data: str) -> Iterable[str]:
        """The data as the parser should get it: pastes held back until complete, and cleaned."""
        while data:
            if self._paste is None:
                seen = self._tail + data
                start = seen.find(PASTE_START)
                if start < 0:
                    self._tail = seen[-(len(PASTE_START) - 1) :]
                    yield data
                    return
                after = start + len(PASTE_START) - len(self._tail)  # where the paste begins
                self._tail = ""
                self._paste = []
                yield data[:after]
                data = data[after:]
            else:
                seen = self._tail + data
                if PASTE_END not in seen:
                    self._paste.append(data)
                    self._tail = seen[-(len(PASTE_END) - 1) :]
                    return
                # Joined once per paste: a paste of megabytes comes in reads of 4 KiB.
                pasted = "".join(self._paste) + data
                end = pasted.find(PASTE_END, max(0, len(pasted) - len(seen)))
                self._paste, self._tail = None, ""
                yield ESCAPE_SEQUENCE.sub("", pasted[:end]).replace("\x1b", "") + PASTE_END
                data = pasted[end + len(PASTE_END) :]


def install() -> None:
    """Make the Linux drivers (full screen and inline) parse their input with the guard."""
    from textual.drivers import linux_driver, linux_inline_driver

    for driver in (linux_driver, linux_inline_driver):
        setattr(driver, "XTermParser", PasteGuardParser)  # noqa: B010 (not exported: mypy)
