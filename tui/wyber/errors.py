"""Errors a person can act on: a catalog key and its values, rendered in their language."""

from tui.wyber.i18n import Language, tr


class UserError(Exception):
    """Something the user (or their disk) must fix; the CLI shows it and exits with code 2."""

    key = "error.unexpected"

    def __init__(self, **params: object) -> None:
        super().__init__(f"{self.key} {params}")
        self.params = params

    def render(self, lang: Language) -> str:
        return tr(lang, self.key, **self.params)
