"""Finishing a meeting before its agenda is through: asked first, naming the steps not reached
and the consent rounds not through (who has not answered, whose objection is still open): a
session ended with an objection "still being discussed" and the finish said nothing of it.

Ctrl+F went straight to the evaluation, also with steps of the agenda still ahead: one key by
mistake ended the meeting for the group. Now the same key once more finishes; Esc (or Enter on
Stay, which has the focus) goes back to the meeting. The steps are named on one wrapped line, the
keys on the buttons: under the clock at 80×24 the dialog has some thirteen rows, and a line per
step and one for the keys ran past its edge.
"""

from collections.abc import Sequence
from typing import ClassVar

from textual.binding import Binding, BindingType

from tui.dialogs.ask import ConfirmDialog
from tui.wyber.consent import not_answered, open_objections, round_under_way
from tui.wyber.i18n import Language, counted, tr
from tui.wyber.state import SessionState
from tui.wyber.text import full_stop


class FinishEarlyDialog(ConfirmDialog):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+f", "dismiss(True)", "polish.finish.key", id="finish_anyway"),
    ]

    def __init__(
        self, lang: Language, unreached: list[tuple[int, str]], rounds: Sequence[str] = ()
    ) -> None:
        """`unreached`: the steps not reached, each its number (from 1) and title; `rounds`:
        the consent rounds not through, said (`rounds_not_through`)."""
        steps = ", ".join(
            tr(lang, "polish.finish.step", number=number, title=title)
            for number, title in unreached
        )
        said = [full_stop(counted(lang, "polish.finish.unreached", len(unreached), steps=steps))]
        super().__init__(
            lang,
            tr(lang, "polish.finish.title"),
            " ".join([*(said if unreached else []), *rounds]),
            tr(lang, "polish.finish.yes"),
            no=tr(lang, "polish.finish.stay"),
        )


def rounds_not_through(session: SessionState, lang: Language) -> list[str]:
    """Each agreement whose consent round is under way, with who it waits for."""
    said = []
    for agreement in sorted(session.agreements.values(), key=lambda a: a.number):
        if not round_under_way(agreement, session):
            continue
        why = []
        if waiting := not_answered(agreement, session):
            names = ", ".join(p.name for p in waiting)
            why.append(counted(lang, "polish.finish.not_answered", len(waiting), names=names))
        if objecting := open_objections(agreement):
            names = ", ".join(a.name for a in objecting)
            why.append(tr(lang, "polish.finish.objection_open", names=names))
        said.append(tr(lang, "polish.finish.round", number=agreement.number, why="; ".join(why)))
    return said
