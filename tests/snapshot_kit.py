"""What the snapshot tests share: the sizes and languages, an app on fake clocks, and settling
the app before the picture is taken.

The pictures are deterministic: the app runs on a FakeClock and FakeWall (from Monday 23 November
2026, 10:00 in Amsterdam unless told otherwise), in the Amsterdam time zone (the `amsterdam_time`
fixture in conftest.py: `pytestmark = pytest.mark.usefixtures("amsterdam_time")`), cursors do not
blink, toasts are cleared, and the background writer has caught up.
"""

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.factory import FakeClock, FakeWall
from tui.app import Clocks, Launch, WyberApp
from tui.screens.run import RunScreen
from tui.wyber.i18n import Language

# Monday 23 November 2026, 9:00 UTC: 10:00 in Amsterdam.
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((160, 48), id="160x48")]
LANGS: list[Language] = ["nl", "en"]
LANG = pytest.mark.parametrize("lang", LANGS)
SIZE = pytest.mark.parametrize("size", SIZES)
# For what looks the same at every size: one size is enough.
SMALL = pytest.mark.parametrize("size", SIZES[:1])

Snap = Callable[..., bool]
Drive = Callable[[Pilot[None]], Awaitable[None]]


def make_app(data: Path, lang: Language, start: datetime = NOW, **launch: Any) -> WyberApp:
    """The app on a fake monotonic clock, its wall clock at `start`, opening with `launch`."""
    clock = FakeClock()
    clocks = Clocks(clock, FakeWall(clock, start))
    return WyberApp(data, lang, clocks=clocks, launch=Launch(**launch))


async def settle(pilot: Pilot[None]) -> None:
    """Workers done, the session file caught up, the clock redrawn, no toasts, steady cursors."""
    app = pilot.app
    await app.workers.wait_for_complete()
    await pilot.pause()
    writer = app.writer  # type: ignore[attr-defined]
    if writer is not None:
        assert writer.flush(timeout=10)
    for screen in app.screen_stack:
        if isinstance(screen, RunScreen):
            screen.tick()
            # Every record is on disk now; the writer's own word of it may still be on its way
            # to the app under load, so the marks are drawn from the watermark here.
            screen.show_durable()
        for widget in screen.query("Input, TextArea"):
            widget.cursor_blink = False  # type: ignore[attr-defined]
    await pilot.pause()  # a toast is a message to the app: let it arrive, then clear it
    app.clear_notifications()
    await pilot.pause()
    # The top screen laid out twice more. On a loaded machine the pauses above return before
    # the screen's update timer fires, and what waits for it waited past the picture: a dialog
    # over the run screen kept its first layout's picture, blank where the run screen shows
    # through; a key strip's recompose after its screen's bindings changed (Footer waits for a
    # refresh) came after it, showing the keys of the moment before. The second round lays out
    # what that recompose mounted.
    for _ in range(2):
        app.screen.refresh(layout=True)
        await pilot.pause()


def then(*steps: Drive) -> Drive:
    """The scene's steps in order, then settled for the picture."""

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        for step in steps:
            await step(pilot)
        await settle(pilot)

    return run_before
