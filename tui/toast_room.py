"""Where a screen's toasts (app.notify) stand: never over what the screen keeps clear.

Textual docks a screen's rack of toasts at its foot, above everything: over the run screen's
idea line and keys, and over a dialog's last fields and buttons (a dialog's own warning covered
the field it was about). A screen names the widgets to keep clear; after each layout the rack
moves into the larger free band of rows, above or below them, and is no taller than that band
(the rack scrolls to its newest toast, so the newest stays in sight). Where neither band has
room for one toast (a dialog as tall as the screen), the rack stays at the foot, as Textual puts
it: a toast over the dialog for its few seconds rather than none, its warning lost.
"""

from collections.abc import Callable, Iterable
from typing import Any

from textual.css.scalar import Scalar
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Tooltip

from tui.internals import ToastRack

Kept = Callable[[], Iterable[Widget]]
# A toast of one line: its padding above and below, and the rack's row between toasts.
TOAST_ROWS = 4


def keep_toasts_clear(screen: Screen[Any], kept: Kept) -> None:
    """From now on, after each layout, the screen's toasts stand clear of `kept()`."""
    screen.screen_layout_refresh_signal.subscribe(screen, lambda _: place_toasts(screen, kept()))


def dialog_parts(screen: Screen[Any]) -> list[Widget]:
    """What a dialog screen shows of its own: every child but Textual's toasts and tooltip."""
    return [child for child in screen.children if not isinstance(child, ToastRack | Tooltip)]


def free_band(height: int, kept: Iterable[Widget]) -> tuple[int, int] | None:
    """The free rows (from the foot, how many) where toasts go: the larger band below or above
    the kept widgets (below on a tie, where Textual puts them); None when nothing is kept or
    neither band has room for a toast."""
    rows = [widget.region for widget in kept if widget.display and widget.region.height]
    if not rows:
        return None
    top = min(region.y for region in rows)
    bottom = max(region.bottom for region in rows)
    below = max(height - bottom, 0)
    if max(below, top) < TOAST_ROWS:
        return None
    if below >= top:
        return 0, below
    return height - top, top


def place_toasts(screen: Screen[Any], kept: Iterable[Widget]) -> None:
    """Move the screen's rack of toasts into the free band beside `kept`."""
    band = free_band(screen.size.height, kept)
    lift, room = band or (1, None)  # Textual's own place: one row above the foot
    for rack in screen.query_children(ToastRack):  # none while notifications are off (tests)
        if rack.styles.margin.bottom != lift:
            rack.styles.margin = (0, 0, lift, 0)
        if rack.styles.max_height != (None if room is None else Scalar.from_number(room)):
            rack.styles.max_height = room
