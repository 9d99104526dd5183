"""Finishing a meeting before its agenda is through: asked first, naming the steps not reached.

Ctrl+F went straight to the evaluation, also with steps of the agenda still ahead: one key by
mistake ended the meeting for the group. Now the same key once more finishes; Esc (or Enter on
Stay, which has the focus) goes back to the meeting. The steps are named on one wrapped line, the
keys on the buttons: under the clock at 80×24 the dialog has some thirteen rows, and a line per
step and one for the keys ran past its edge.
"""

from typing import ClassVar

from textual.binding import Binding, BindingType

from tui.dialogs.ask import ConfirmDialog
from tui.wyber.i18n import Language, counted, tr
from tui.wyber.text import full_stop


class FinishEarlyDialog(ConfirmDialog):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+f", "dismiss(True)", "polish.finish.key", id="finish_anyway"),
    ]

    def __init__(self, lang: Language, unreached: list[tuple[int, str]]) -> None:
        """`unreached`: the steps not reached, each its number (from 1) and title."""
        steps = ", ".join(
            tr(lang, "polish.finish.step", number=number, title=title)
            for number, title in unreached
        )
        super().__init__(
            lang,
            tr(lang, "polish.finish.title"),
            full_stop(counted(lang, "polish.finish.unreached", len(unreached), steps=steps)),
            tr(lang, "polish.finish.yes"),
            no=tr(lang, "polish.finish.stay"),
        )
