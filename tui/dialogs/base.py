"""What every wyber screen shares: its language, its bindings in that language, and the app.

Screens of a running meeting speak the session's language (the group reads the projection);
the others speak the app's (`--lang`).

A dialog opened over a screen with the big clock (the run screen, at a table where the room
watches the screen) keeps the clock in sight (tui/dialogs/clock_window.py): every modal does
this through WyberModal, whoever opens it.
"""

from typing import TYPE_CHECKING, Any, TypeVar, cast

from textual import on
from textual.events import DescendantFocus, Mount, Resize
from textual.screen import ModalScreen, Screen
from textual.widget import Widget

from tui.dialogs.clock_window import ClockWindow, clock_below
from tui.keys import localise
from tui.toast_room import dialog_parts, keep_toasts_clear
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

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        """A widget of Textual's own labels its keys in English ("esc Dismiss menu" under a
        Select's open list, in a Dutch session): in the screen's language once it has the focus,
        with its parts (the list is a child of the Select that gets the focus first)."""
        widget = event.widget
        changed = [localise(node, self.lang) for node in (widget, *widget.children)]
        if any(changed):
            cast(Any, self).refresh_bindings()

    def refuse(self, error: UserError) -> None:
        """Say why something cannot be done; user text in it is shown as typed, never as markup."""
        cast(Any, self).notify(error.render(self.lang), severity="warning", markup=False)


class WyberScreen(Localised, Screen[ResultType]):
    def __init__(self, lang: Language | None = None) -> None:
        super().__init__()
        self._localise(lang)


class WyberModal(Localised, ModalScreen[ResultType]):
    # Under the clock at 80×24 a dialog has some fifteen rows: a longer one scrolls (the field
    # with the focus is scrolled into sight) rather than losing its last fields and buttons.
    DEFAULT_CSS = """
    WyberModal.-under-clock .dialog {
        overflow-y: auto;
    }
    """

    def __init__(self, lang: Language | None = None) -> None:
        super().__init__()
        self._localise(lang)

    # Handlers by decorator, so that a dialog's own on_mount and on_resize run beside them.
    @on(Mount)
    def _keep_toasts_off_the_dialog(self) -> None:
        # A toast (the dialog's own warning, too) stands above or below the dialog, not over
        # its fields and buttons.
        keep_toasts_clear(self, self._kept_clear_of_toasts)

    def _kept_clear_of_toasts(self) -> list[Widget]:
        """The dialog, not the clock's window above it: a toast may stand over the clock."""
        return [part for part in dialog_parts(self) if not isinstance(part, ClockWindow)]

    @on(Mount)
    def _keep_the_clock_in_sight(self) -> None:
        clock = clock_below(self)
        if clock is not None:
            self.add_class("-under-clock")
            self.mount(ClockWindow(clock.screen), before=0)
            self.call_after_refresh(self._fit_under_clock)

    @on(Resize)
    def _refit_under_the_clock(self) -> None:
        if self.query(ClockWindow):
            self.call_after_refresh(self._fit_under_clock)

    def rows_needed(self) -> int:
        """The rows this dialog must have whole, or it covers the clock (0: it scrolls, so it
        fits under the clock at any size)."""
        return 0

    def _fit_under_clock(self) -> None:
        clock = clock_below(self)
        top = clock.region.bottom if clock else 0
        if self.size.height - top < self.rows_needed():
            top = 0
        self.query_one(ClockWindow).styles.height = top
