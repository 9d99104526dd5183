"""A closed screen is freed: the heap frozen for the collector (gc.freeze) never keeps a replay,
or the history below it, that was open at a freeze, nor does Textual keep a closed screen's
Header (in the app's title watchers) or its widgets' line caches.

`gc.collect()` here does not reach frozen objects: a screen frozen with the heap would stay."""

import asyncio
import gc
import weakref
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Header

from tests.test_history import SMALL, four_sessions
from tests.test_history import make_app as history_app
from tests.test_history import opened as opened_history
from tests.test_replay import SESSION, archived, make_app, replaying
from tui.heap import Heap, refreeze
from tui.screens.home import HomeScreen


async def closed(pilot: Pilot[None]) -> None:
    """Escape, and the app done with what follows it (the home lists read again, the heap)."""
    await pilot.press("escape")
    for _ in range(2):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    assert isinstance(pilot.app.screen, HomeScreen)


def alive(refs: list[weakref.ref[object]]) -> int:
    gc.collect()
    return sum(ref() is not None for ref in refs)


async def test_a_replay_opened_and_closed_three_times_is_freed_each_time(tmp_path: Path) -> None:
    archived(tmp_path)
    app = make_app(tmp_path, replay=None)
    screens: list[weakref.ref[object]] = []
    headers: list[weakref.ref[object]] = []
    frozen: list[int] = []
    async with app.run_test(size=SMALL) as pilot:
        for _ in range(3):
            app.open_replay(SESSION)
            screen = await replaying(pilot)
            assert gc.get_freeze_count() > 0  # its timeline is kept out of the full passes
            screens.append(weakref.ref(screen))
            headers.append(weakref.ref(screen.query_one(Header)))
            del screen
            await closed(pilot)
            frozen.append(gc.get_freeze_count())
            assert alive(screens) == 0
            assert alive(headers) == 0
        # Nothing piles up in the frozen heap from one replay to the next: what a closed replay
        # left behind was some 13,000 objects each; what else the app made meanwhile (caches
        # filled once, its timers, a loaded machine's later frames) measured 40 to 3,700.
        assert frozen[2] - frozen[0] < 6_000, frozen


async def test_a_replay_opened_from_the_history_frees_both(tmp_path: Path) -> None:
    """The history is alive when the replay freezes the heap: closing both frees both."""
    four_sessions(tmp_path)
    async with history_app(tmp_path, "en").run_test(size=SMALL) as pilot:
        history = weakref.ref(await opened_history(pilot))
        await pilot.press("down", "p")  # the list, the kick-off, replay
        replay = weakref.ref(await replaying(pilot))
        await pilot.press("escape")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert alive([replay]) == 0 and history() is not None
        await closed(pilot)
        assert alive([history]) == 0


class Closed:
    """A closed screen's stand-in: in a reference cycle, as every widget is with its parent."""

    def __init__(self) -> None:
        self.me = self


async def test_a_closed_screen_held_for_a_while_is_still_freed_once_let_go() -> None:
    """A task on a loaded machine held a closed history for longer than the first tries waited:
    the heap is frozen again until the screen is let go, not left frozen with it."""
    heap = Heap()
    screen: Closed | None = Closed()
    closing = weakref.ref(screen)
    holder = [screen]  # the task that still holds it
    del screen
    heap.freeze([])

    async def let_go_later() -> None:
        await asyncio.sleep(0.25)
        holder.clear()

    try:
        await asyncio.gather(refreeze(heap, list, closing), let_go_later())
        gc.collect()  # frozen objects are out of its reach: only a later freeze frees them
        assert closing() is None
    finally:
        heap.thaw()
