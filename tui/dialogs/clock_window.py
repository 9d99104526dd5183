"""The top of a dialog's screen over the run screen, left clear down to the big clock's last row.

At a table the room watches the screen, and a dialog in the middle of it hid the clock. A dialog
over a screen with the big clock (WyberModal, tui/dialogs/base.py) docks a ClockWindow on top,
as high as the clock reaches, and is laid out in the space under it; only that space is shaded.
"""

from typing import Any

from rich.console import RenderableType
from textual.screen import ModalScreen, Screen
from textual.widget import Widget

from tui.internals.screen_picture import BelowScreen
from tui.widgets.clock import BigClock


def clock_below(modal: Screen[Any]) -> BigClock | None:
    """The big clock on the nearest full screen under `modal`, if that screen shows one."""
    stack = modal.app.screen_stack
    under = stack[: stack.index(modal)] if modal in stack else stack
    screen = next((s for s in reversed(under) if not isinstance(s, ModalScreen)), None)
    clocks = list(screen.query(BigClock)) if screen is not None else []
    return clocks[0] if clocks and clocks[0].display else None


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
