"""The fields a participant is written in, one set for Prepare's participant form and the run
screen's people dialog (Ctrl+G): who is added during the meeting is recorded with the same
organisation and mandate a prepared participant has."""

from textual.widgets import Input, Select

from tui.widgets.fields import LineField
from tui.wyber.i18n import Language, tr
from tui.wyber.plan import Mandate

NOT_SAID = "-"  # the mandate choice of a participant whose mandate is not said


def participant_field(lang: Language, name: str, *, id: str) -> Input:
    """The line for a participant's `name`, `organisation`, `role` or `email`."""
    return LineField(
        id=id,
        placeholder=tr(lang, f"prepare.participant.{name}"),
        max_length=320 if name == "email" else 200,
    )


class MandateSelect(Select[str]):
    """A participant's mandate: not said, or one of the three, in words."""

    def __init__(self, lang: Language, *, id: str) -> None:
        choices = [(tr(lang, "design.mandate.none"), NOT_SAID)] + [
            (tr(lang, f"design.mandate.{m.value}"), m.value) for m in Mandate
        ]
        # No type-to-search: a letter typed in the open list (a name meant for the next field)
        # moved its cursor, and Enter chose that mandate unseen.
        super().__init__(choices, value=NOT_SAID, allow_blank=False, type_to_search=False, id=id)

    @property
    def mandate(self) -> Mandate | None:
        return next((m for m in Mandate if m.value == self.value), None)

    @mandate.setter
    def mandate(self, mandate: Mandate | None) -> None:
        self.value = mandate.value if mandate is not None else NOT_SAID
