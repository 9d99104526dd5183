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
"""

import asyncio
import gc
import weakref
from collections.abc import Callable, Iterable, Sequence
from contextlib import suppress
from typing import Any

from textual.message_pump import MessagePump

LET_GO_SECONDS = 1.0  # at most, for the nodes to hand over their last message
REFREEZES, REFREEZE_SECONDS = 3, 0.01  # freezing again while the closed screen is still held


class Heap:
    """Freezes the heap, and knows which screens it froze with."""

    def __init__(self) -> None:
        self._frozen_with: weakref.WeakSet[object] = weakref.WeakSet()

    def freeze(self, alive: Iterable[object]) -> None:
        """Collect what is garbage (frozen or not), then freeze what is left; `alive` are the
        screens that lived at this freeze."""
        gc.unfreeze()
        gc.collect()
        gc.freeze()
        self._frozen_with = weakref.WeakSet(alive)

    def froze(self, screen: object) -> bool:
        """Whether the screen was alive at the last freeze: frozen, it is only freed by another."""
        return screen in self._frozen_with

    def thaw(self) -> None:
        """Give everything back to the collector (wyber ends)."""
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
    for _ in range(REFREEZES):
        heap.freeze(alive())
        if closing is None or closing() is None:
            return
        await asyncio.sleep(REFREEZE_SECONDS)
