"""Measuring a Textual app headless (`App.run_test`), as the screen benchmarks do.

The frame a person would see is caught where a screen hands it to the terminal: `App._display`,
wrapped on the app instance (nothing of wyber's is changed), each frame rendered to terminal
output with `render_segments` (what a real terminal run does next, and headless skips). Keys are
sent as the terminal driver sends them, from its input thread, without `Pilot.press`'s wait for
the app to go idle.
"""

import asyncio
import re
import time
from collections.abc import Callable
from typing import Any

from _shared import REPO
from textual import events
from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen

# The app the benchmarks run headless: the shipped 30-minute exercise, at a laptop's size.
PLAN = REPO / "sessions" / "wyber-30.en.toml"
SIZE = (80, 24)

CSI = re.compile(r"\x1b\[[0-9;:?]*[A-Za-z]")  # styles and cursor moves split a line's text


class FrameWatch:
    """Wraps `app._display` (where each finished frame goes to the terminal); notes the frame,
    after `expect(...)`, by which every expected text has been drawn. A frame after the first
    redraws only what changed, so the texts may come in different frames: they are on screen once
    all of them have been."""

    def __init__(self, app: App[Any], timeout: float, poll: float = 0.001) -> None:
        self._app = app
        self._display = app._display
        self._timeout = timeout  # seconds: no such frame by then is an error
        self._poll = poll  # seconds between looks in `wait`
        self._expect: set[str] | None = None
        self._after: Callable[[], bool] = lambda: True
        self._on: type[Screen[Any]] = Screen
        self.shown_at: float | None = None
        app._display = self._watch  # type: ignore[method-assign]

    def expect(
        self,
        *texts: str,
        after: Callable[[], bool] = lambda: True,
        on: type[Screen[Any]] = Screen,
    ) -> None:
        """Watch for `texts` on frames of an `on` screen, drawn once `after()` holds (no texts:
        the first such frame)."""
        self._expect = set(texts)
        self._after = after
        self._on = on
        self.shown_at = None

    def _watch(self, screen: Any, renderable: Any) -> None:
        if (
            self._expect is not None
            and renderable is not None
            and isinstance(screen, self._on)
            and self._after()
        ):
            output = renderable.render_segments(self._app.console)
            now = time.perf_counter()
            text = CSI.sub("", output)
            self._expect = {expected for expected in self._expect if expected not in text}
            if not self._expect:
                self.shown_at = now
                self._expect = None
        self._display(screen, renderable)

    async def wait(self) -> float:
        """The moment (perf_counter) the expected texts were all on a frame."""
        deadline = time.perf_counter() + self._timeout
        while self.shown_at is None:
            if time.perf_counter() > deadline:
                raise RuntimeError(f"no frame showed {self._expect!r} within {self._timeout:g} s")
            await asyncio.sleep(self._poll)
        return self.shown_at


def send_key(app: App[Any], key: str, character: str | None) -> None:
    """A key as the terminal driver hands it to the app, from its input thread (set_sender,
    send_message); Pilot.press does the same, then waits tens of ms for the app to go idle."""
    driver = app._driver
    if driver is None:
        raise RuntimeError("the app has no driver")
    event = events.Key(key, character)
    event.set_sender(app)
    driver.send_message(event)


async def until(
    pilot: Pilot[Any], condition: Callable[[], bool], what: str, timeout: float = 60
) -> None:
    """Let the app run until `condition()` holds; an error after `timeout` seconds."""
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise RuntimeError(f"timed out waiting for {what}")
        await pilot.pause(0.01)
