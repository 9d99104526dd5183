"""A screen's picture as it stands, unshaded: what lies under a dialog's clear top rows.

Textual's BackgroundScreen renders the screen under a dialog through that screen's compositor
(`Screen._compositor`, private) and shades it; the dialog over the run screen leaves the big
clock's rows clear (tui/dialogs/clock_window.py), so it renders the same without the shade.
Look here when Textual changes how a screen below is drawn.
"""

from rich.console import Console, ConsoleOptions, RenderResult
from textual.color import Color
from textual.renderables.background_screen import BackgroundScreen
from textual.screen import Screen

CLEAR = Color(0, 0, 0, 0)


class BelowScreen:
    """`screen` drawn as it stands, the way BackgroundScreen draws it, without the shade."""

    def __init__(self, screen: Screen[object]) -> None:
        self.screen = screen

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        below = console.render(self.screen._compositor, options)
        return BackgroundScreen.process_segments(below, CLEAR)
