"""Before the group leaves converge with people present who have not voted: how many, and who
(cut to fit a line). F8 again goes on; Esc stays, so a vote is never closed without a word."""

from collections.abc import Sequence
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import Button

from tui.dialogs.ask import ConfirmDialog
from tui.wyber.i18n import Language, tr
from tui.wyber.state import Participant


class NotVotedDialog(ConfirmDialog):
    """True to go on to the next movement, False to stay and let them vote."""

    DEFAULT_CSS = """
    NotVotedDialog #question {
        text-wrap: nowrap;
        text-overflow: ellipsis;
        padding-bottom: 1;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f8", "dismiss(True)", "key.next", id="go"),
    ]

    def __init__(self, lang: Language, waiting: Sequence[Participant], voters: int) -> None:
        """`voters`: those present who vote; an observer, counted among "the 4 present", made
        "3 of the 4 present have not voted" when nobody had."""
        count = len(waiting)
        key = "conv2.unvoted.one" if count == 1 else "conv2.unvoted.many"
        question = tr(lang, key, count=count, voters=voters)
        names = ", ".join(p.name for p in waiting)
        super().__init__(
            lang,
            tr(lang, "conv2.unvoted.title"),
            f"{question}\n{names}",
            tr(lang, "conv2.unvoted.go"),
        )

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#no", Button).label = self.t("conv2.unvoted.stay")
