"""What every wyber screen shares: its language, its bindings in that language, and the app.

Screens of a running meeting speak the session's language (the group reads the projection);
the others speak the app's (`--lang`).

A dialog opened over a screen with the big clock (the run screen, at a table where the room
watches the screen) keeps the clock in sight: the dialog sits in the space under the clock, and
only that space is shaded. Every modal does this through WyberModal, whoever opens it.
"""

from typing import TYPE_CHECKING, Any, TypeVar, cast

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from textual import on
from textual.color import Color
from textual.events import Mount, Resize
from textual.renderables.background_screen import BackgroundScreen
from textual.screen import ModalScreen, Screen
from textual.widget import Widget

from tui.keys import localise
from tui.widgets.clock import BigClock
from tui.wyber.errors import UserError
from tui.wyber.i18n import Language, tr

if TYPE_CHECKING:
    from tui.app import WyberApp

ResultType = TypeVar("ResultType")
CLEAR = Color(0, 0, 0, 0)


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


class BelowScreen:
    """A screen's picture as it stands, the way Textual's BackgroundScreen renders the screen
    under a dialog (through its compositor), but without the shade."""

    def __init__(self, screen: Screen[object]) -> None:
        self.screen = screen

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        below = console.render(self.screen._compositor, options)
        return BackgroundScreen.process_segments(below, CLEAR)


class ClockWindow(Widget):
    """The top rows of a dialog's screen, down to the clock's last row: the screen below shows
    through, unshaded. (A widget cannot be transparent: its background takes its parent's
    colour, not what lies under the screen, so it draws the screen below itself.)"""

    DEFAULT_CSS = """
    ClockWindow {
        dock: top;
        height: 0;
    }
    """

    def __init__(self, below: Screen[object]) -> None:
        super().__init__()
        self.below = below

    def on_mount(self) -> None:
        # The clock below is redrawn four times a second; the window follows it.
        self.set_interval(0.25, self.refresh)

    def render(self) -> RenderableType:
        return BelowScreen(self.below)


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
    def _keep_the_clock_in_sight(self) -> None:
        clock = self._clock_below()
        if clock is not None:
            self.add_class("-under-clock")
            self.mount(ClockWindow(clock.screen), before=0)
            self.call_after_refresh(self._fit_under_clock)

    @on(Resize)
    def _refit_under_the_clock(self) -> None:
        if self.query(ClockWindow):
            self.call_after_refresh(self._fit_under_clock)

    def _clock_below(self) -> BigClock | None:
        """The big clock on the nearest full screen under this one, if it shows one."""
        stack = self.app.screen_stack
        under = stack[: stack.index(self)] if self in stack else stack
        screen = next((s for s in reversed(under) if not isinstance(s, ModalScreen)), None)
        clocks = list(screen.query(BigClock)) if screen is not None else []
        return clocks[0] if clocks and clocks[0].display else None

    def _fit_under_clock(self) -> None:
        clock = self._clock_below()
        self.query_one(ClockWindow).styles.height = clock.region.bottom if clock else 0
