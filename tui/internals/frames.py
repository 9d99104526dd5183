"""A widget's repaint handed to its screen at once, and a screen laid out before a dialog covers it.

A widget changed inside another widget's handler (the idea board, while the idea line handles
Enter) asks its screen for a repaint only once its own message queue has run (Textual's `Update`
message, from the widget's idle). The line that handled the key asks first, and the screen,
idle for a while, draws a frame at once with the line cleared and the board as it was; the board
follows a frame later (16.7 ms at 60 frames a second). Posting the board's `Update` now puts both
in one frame. `textual.messages.Update` is Textual's own, internal message: look here when
Textual changes it.
"""

from textual import messages
from textual.screen import Screen
from textual.widget import Widget


def repaint_now(widget: Widget) -> None:
    """Ask the widget's screen to draw the widget in its next frame, now."""
    if widget.is_mounted:
        widget.screen.post_message(messages.Update(widget))


def lay_out_now(screen: Screen[object]) -> None:
    """Lay out and draw what waits for the screen's next frame, now.

    Textual lays a screen out on its update timer, and only while it is the current screen
    (`Screen._on_timer_update`). A screen covered by a dialog before that timer fired stays as
    it was laid out last for as long as the dialog is open: a review over the run screen, its
    dialog opened by keys typed at once, showed blank where the run screen shows through.
    """
    waiting = screen._layout_required or screen._scroll_required or screen._repaint_required
    if screen.is_current and (waiting or screen._dirty_widgets):
        screen._on_timer_update()
