"""A widget's repaint handed to its screen at once.

A widget changed inside another widget's handler (the idea board, while the idea line handles
Enter) asks its screen for a repaint only once its own message queue has run (Textual's `Update`
message, from the widget's idle). The line that handled the key asks first, and the screen,
idle for a while, draws a frame at once with the line cleared and the board as it was; the board
follows a frame later (16.7 ms at 60 frames a second). Posting the board's `Update` now puts both
in one frame. `textual.messages.Update` is Textual's own, internal message: look here when
Textual changes it.
"""

from textual import messages
from textual.widget import Widget


def repaint_now(widget: Widget) -> None:
    """Ask the widget's screen to draw the widget in its next frame, now."""
    if widget.is_mounted:
        widget.screen.post_message(messages.Update(widget))
