"""What the three movement panels of the run screen share.

A panel is the work area of one movement (the idea board, the clustering and voting board, the
agreements). It runs meeting commands through `act`, which shows a refusal as a calm warning; it
never redraws from what a command returns. The run screen hands it the records every command
makes, whoever made it (`show_records`), and the panel draws the meeting's state from those.
"""

from collections.abc import Callable
from typing import TypeVar

from pydantic import ValidationError
from rich.text import Text
from textual.containers import Vertical
from textual.widget import Widget

from tui.keys import localise
from tui.wyber.events import Record
from tui.wyber.i18n import Language, tr
from tui.wyber.invalid import explain
from tui.wyber.meeting import Meeting, Refused

Result = TypeVar("Result")

# Drawn after an item whose last change is not yet on disk (see LiveSession.is_pending).
PENDING_MARK = " ◌"


class Failed:
    """The command was refused (and the facilitator told why)."""


FAILED = Failed()


def attempt(node: Widget, lang: Language, command: Callable[[], Result]) -> Result | Failed:
    """Run a meeting command; a refusal, or input the record cannot hold (an idea longer than
    the limit), becomes a calm warning instead of an error."""
    try:
        return command()
    except Refused as refused:
        message = refused.render(lang)
    except ValidationError as invalid:
        message = tr(lang, "run.refused.invalid", reason=explain(invalid, lang))
    node.notify(message, severity="warning", markup=False)
    return FAILED


class MovementPanel(Vertical):
    def __init__(self, meeting: Meeting, lang: Language, *, id: str) -> None:
        super().__init__(id=id)
        self.meeting = meeting
        self.lang = lang
        self.drawn_pending = False  # something on the board is drawn as not yet on disk
        # What the screen does once a command of the facilitator's has run: draws its records
        # at once (the run screen sets it).
        self.after_command: Callable[[], None] = lambda: None
        localise(self, lang)

    def t(self, key: str, /, **params: object) -> str:
        return tr(self.lang, key, **params)

    def act(self, command: Callable[[], Result]) -> Result | None:
        """Run a meeting command; on refusal say why and return None. The board follows from
        the command's records (`show_records`), not from what this returns."""
        result = attempt(self, self.lang, command)
        self.after_command()
        return None if isinstance(result, Failed) else result

    def done(self, command: Callable[[], object]) -> bool:
        """Run a meeting command as `act` does; whether it was done (not refused)."""
        return not isinstance(attempt(self, self.lang, command), Failed)

    def refresh_board(self) -> None:
        """Show the meeting's state as it now is."""
        raise NotImplementedError

    def show_records(self, records: tuple[Record, ...]) -> None:
        """New records, from any source, folded into the state: draw the board again. A board
        that can draw just what they change overrides this (the idea board appends)."""
        self.refresh_board()

    def mark_pending(self, text: Text, item_id: str) -> Text:
        """`text` with the pending mark after it while the item's last change is not on disk."""
        if self.meeting.session.is_pending(item_id):
            self.drawn_pending = True
            text.append(PENDING_MARK, "bold yellow")
        return text

    def show_durable(self) -> None:
        """The durable watermark moved: draw again what was drawn as pending."""
        if self.drawn_pending:
            self.drawn_pending = False
            self.refresh_board()

    def focus_default(self) -> None:
        """Put the cursor where the facilitator works first in this movement."""
        self.focus()
