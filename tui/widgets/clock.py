"""The big clock: the time left in the current movement's time box, readable across a room.

It only shows what `timebox.current_clock` derives from the session's clock, so a late redraw
never loses time. It turns amber with 20% left and red with 5% left; over time it counts the
overrun up, in red, with a plus sign.
"""

from textual.widgets import Digits

from tui.wyber.timebox import Clock

WARN_FRACTION = 0.20
ALARM_FRACTION = 0.05


def clock_text(seconds: float) -> str:
    """mm:ss, or h:mm:ss past an hour; seconds are rounded up while counting down."""
    whole = int(seconds) if seconds == int(seconds) else int(seconds) + 1
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes:02}:{secs:02}"


def countdown_text(remaining: float) -> str:
    """The time left, or once over time the overrun counting up with a plus sign."""
    return clock_text(remaining) if remaining >= 0 else "+" + clock_text(int(-remaining))


class BigClock(Digits):
    def show(self, clock: Clock | None) -> None:
        if clock is None:
            self.update("--:--")
            self.set_classes("-idle")
            return
        text = countdown_text(clock.remaining)
        state = "-over" if clock.remaining < 0 else "-ok"
        if state == "-ok" and clock.fraction_left <= WARN_FRACTION:
            state = "-alarm" if clock.fraction_left <= ALARM_FRACTION else "-warn"
        self.set_classes(f"{state} -paused" if clock.paused else state)
        if self.value != text:
            self.update(text)
