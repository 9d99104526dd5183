"""Errors a person can act on: a catalog key and its values, rendered in their language."""

from typing import Protocol, runtime_checkable

from tui.wyber.i18n import Language, tr


@runtime_checkable
class Localised(Protocol):
    """A message's value that has words of its own (what pydantic found wrong, say)."""

    def render(self, lang: Language) -> str: ...


class UserError(Exception):
    """Something the user (or their disk) must fix; the CLI shows it and exits with code 2."""

    key = "error.unexpected"

    def __init__(self, **params: object) -> None:
        super().__init__(f"{self.key} {params}")
        self.params = params

    def render(self, lang: Language) -> str:
        params = {
            name: value.render(lang) if isinstance(value, Localised) else value
            for name, value in self.params.items()
        }
        return tr(lang, self.key, **params)
