"""What every wyber screen shares: its language, its bindings in that language, and the app.

Screens of a running meeting speak the session's language (the group reads the projection);
the others speak the app's (`--lang`).
"""

from typing import TYPE_CHECKING, Any, TypeVar, cast

from textual.screen import ModalScreen, Screen

from tui.keys import localise
from tui.wyber.errors import UserError
from tui.wyber.i18n import Language, tr

if TYPE_CHECKING:
    from tui.app import WyberApp

ResultType = TypeVar("ResultType")


class Localised:
    """Mixed into a Screen: `lang`, `t()` for catalog text, and the app with its own type."""

    lang: Language

    def _localise(self, lang: Language | None) -> None:
        self.lang = lang or self.wyber.lang
        localise(cast(Any, self), self.lang)

    @property
    def wyber(self) -> "WyberApp":
        return cast("WyberApp", cast(Any, self).app)

    def t(self, key: str, /, **params: object) -> str:
        return tr(self.lang, key, **params)

    def refuse(self, error: UserError) -> None:
        """Say why something cannot be done; user text in it is shown as typed, never as markup."""
        cast(Any, self).notify(error.render(self.lang), severity="warning", markup=False)


class WyberScreen(Localised, Screen[ResultType]):
    def __init__(self, lang: Language | None = None) -> None:
        super().__init__()
        self._localise(lang)


class WyberModal(Localised, ModalScreen[ResultType]):
    def __init__(self, lang: Language | None = None) -> None:
        super().__init__()
        self._localise(lang)
