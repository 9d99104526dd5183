"""The app's heap policy: what lives long is kept out of the garbage collector's full passes,
and what a closed screen held is given back.

A full pass walks every tracked object: with Textual, wyber and the archive's listing or a
replay's timeline loaded, 90-150k objects and a pause of 100 ms and more, every few keystrokes or
seeks (bench/history.py, bench/replay_seek.py). `gc.freeze()` takes what lives now out of those
passes. But a frozen object is never collected, even once unreachable, and every widget is in a
reference cycle (parent and children): a screen alive at a freeze stayed in memory after it
closed (a replay opened and closed three times: 92k -> 154k frozen objects, all three replays
alive). So a freeze first collects, so that what is garbage by then is freed and not frozen; and
when a screen that was alive at the last freeze closes, the heap is thawed, collected and frozen
again once nothing holds the screen any more. That full pass (~100 ms) runs once, after the
frame that shows the screen gone.

While a meeting runs, the heap grows with it: a town hall's evening (bench/load.py, 300
participants, 1,000 commands a second) makes some 250,000 objects a minute that live as long as
the session (the board's lines, the fold's ideas, each actor's undo), and Python's own rule
walks them all in a full pass each time they grew by a quarter: 12 passes in 30 s, the last
ones 150-240 ms of CPU each, stopping the screen. So during a meeting what survives a full pass
is frozen at once (`keep_survivors`): the next full pass walks only what was made since
(18-55 ms of CPU each, not growing). Garbage in a cycle among frozen objects (a closed
notification's widgets) is not freed by that; an object freed by its reference count is. So once
the frozen heap has doubled since everything was last collected, everything is collected again
(`freeze`): a long pass only as often as the heap doubles, and the garbage kept meanwhile never
more than what the heap grew by.
"""

import asyncio
import gc
import threading
import weakref
from collections.abc import Callable, Iterable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from typing import Any

from textual.message_pump import MessagePump

LET_GO_SECONDS = 1.0  # at most, for the nodes to hand over their last message
# Freezing again while the closed screen is still held (a message or a task on its way), each
# wait longer than the last: on a loaded machine (the test suite on two cores) a task held a
# closed history for more than the 30 ms three quick tries waited, and it stayed frozen for good.
REFREEZE_WAITS = (0.01, 0.03, 0.1, 0.3, 1.0)


@dataclass(slots=True)
class Survivors:
    """What `Heap.keep_survivors` was given, while it keeps them."""

    owner: int  # the thread whose full passes are frozen
    alive: Callable[[], Iterable[object]]
    collect_again: Callable[[], object]
    asked: bool = False  # collect_again was called, and no `freeze` came since


class Heap:
    """Freezes the heap, and knows which screens it froze with."""

    def __init__(self) -> None:
        self._frozen_with: weakref.WeakSet[object] = weakref.WeakSet()
        self._survivors: Survivors | None = None
        self._collected = 0  # objects frozen when everything was last collected
        self._collecting = False

    def freeze(self, alive: Iterable[object]) -> None:
        """Collect what is garbage (frozen or not), then freeze what is left; `alive` are the
        screens that lived at this freeze."""
        self._collecting = True  # this full pass is no survivors' pass
        try:
            gc.unfreeze()
            gc.collect()
            gc.freeze()
        finally:
            self._collecting = False
        self._frozen_with = weakref.WeakSet(alive)
        self._collected = gc.get_freeze_count()
        if self._survivors is not None:
            self._survivors.asked = False

    def keep_survivors(
        self, alive: Callable[[], Iterable[object]], collect_again: Callable[[], object]
    ) -> None:
        """From now on, freeze what survives each full pass the calling thread (the app's event
        loop) makes; `alive` gives the screens that live then, `collect_again` is called once the
        frozen heap has doubled since everything was last collected (it should call `freeze`
        soon, on this thread: not from inside the collector)."""
        self.stop_keeping()
        self._survivors = Survivors(threading.get_ident(), alive, collect_again)
        gc.callbacks.append(self._survived)

    def stop_keeping(self) -> None:
        """Leave the full passes to Python's own rule again (the meeting is over)."""
        if self._survivors is not None:
            gc.callbacks.remove(self._survived)
            self._survivors = None

    def _survived(self, phase: str, info: dict[str, Any]) -> None:
        survivors = self._survivors
        if phase != "stop" or info["generation"] != 2 or self._collecting or survivors is None:
            return
        # Only the loop's own passes: another thread's (a phone's request, the writer) would
        # read the screens while the loop changes them. Its survivors wait for the next one.
        if threading.get_ident() != survivors.owner:
            return
        gc.freeze()
        self._frozen_with.update(survivors.alive())
        if not survivors.asked and gc.get_freeze_count() >= 2 * self._collected:
            survivors.asked = True
            survivors.collect_again()

    def froze(self, screen: object) -> bool:
        """Whether the screen was alive at the last freeze: frozen, it is only freed by another."""
        return screen in self._frozen_with

    def thaw(self) -> None:
        """Give everything back to the collector (wyber ends)."""
        self.stop_keeping()
        gc.unfreeze()
        self._frozen_with = weakref.WeakSet()


async def let_go(nodes: Sequence[MessagePump]) -> None:
    """A node's message loop keeps the last message it handled until the next one comes, and a
    message keeps the node that sent it: a widget below that last heard from a closed screen
    keeps that screen (seen: Home's status line, a Hide from the replay). Each node gets a
    message of nothing, sent from the caller (not the closed screen), and handles it."""
    handled = asyncio.Event()
    waiting = len(nodes)

    def one_handled() -> None:
        nonlocal waiting
        waiting -= 1
        if waiting == 0:
            handled.set()

    for node in nodes:
        if not node.call_later(one_handled):
            one_handled()  # the node is closing: nothing to hand it
    with suppress(TimeoutError):
        await asyncio.wait_for(handled.wait(), timeout=LET_GO_SECONDS)


async def refreeze(
    heap: Heap, alive: Callable[[], Iterable[object]], closing: "weakref.ref[Any] | None"
) -> None:
    """Freeze again, and again while the closed screen is still held (a message on its way)."""
    heap.freeze(alive())
    for wait in REFREEZE_WAITS:
        if closing is None or closing() is None:
            return
        await asyncio.sleep(wait)
        heap.freeze(alive())
