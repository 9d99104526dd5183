"""Waiting, without blocking the event loop, until a record is on disk.

A phone's request is answered only once its records are durable. The writer tells the moment
its watermark moves, right after the fsync, on its own thread (BackgroundWriter.watch); that
call only hands a wake-up to the event loop, where the waiting answers are let go, in seq order.
No thread waits per request (the default executor has 6 threads on this machine, which 300 votes
at once would queue behind), and nothing polls: a poll every 2 ms woke the loop 500 times a
second during a vote burst and added up to a poll's interval to every answer.
"""

import asyncio
import contextlib
import heapq
import itertools
import threading
from collections.abc import Callable

from tui.wyber.recorder import Watcher

Watch = Callable[[Watcher], Callable[[], None]]  # subscribe a watcher; returns its unsubscribe


def already_durable(_: Watcher) -> Callable[[], None]:
    """The watch of a journal whose records are durable the moment they are made (a test's
    `durable_seq` is the meeting's last seq): there is never a move to tell of."""
    return lambda: None


class Durability:
    """Answers wait here for their seq; `close` stops listening to the writer."""

    def __init__(self, durable_seq: Callable[[], int], watch: Watch = already_durable) -> None:
        self._durable_seq = durable_seq
        self._waiting: list[tuple[int, int, asyncio.Future[None]]] = []
        self._order = itertools.count()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._woken = threading.Event()  # a wake-up is on its way to the loop: one is enough
        self._unwatch = watch(self._moved)

    async def wait(self, seq: int, timeout: float) -> bool:
        """True once the record `seq` is durable; False if that did not happen within `timeout`."""
        if self._durable_seq() >= seq:
            return True
        self._loop = asyncio.get_running_loop()
        future: asyncio.Future[None] = self._loop.create_future()
        heapq.heappush(self._waiting, (seq, next(self._order), future))
        # The fsync may have come between the look above and the push: the writer's wake-up
        # then found no one waiting, and this look lets the answer go.
        self._release()
        try:
            await asyncio.wait_for(asyncio.shield(future), timeout)
        except TimeoutError:
            return False
        return True

    def _moved(self, _: int) -> None:
        """On the writer's thread, right after an fsync: wake the loop, unless a wake-up is
        already on its way (it reads the watermark when it runs, so it sees this move too)."""
        loop = self._loop
        if loop is None or not self._waiting or self._woken.is_set():
            return
        self._woken.set()
        with contextlib.suppress(RuntimeError):  # the loop closed: nobody waits any more
            loop.call_soon_threadsafe(self._release)

    def _release(self) -> None:
        """On the loop: let go every answer whose record is durable now."""
        self._woken.clear()
        durable = self._durable_seq()
        while self._waiting and self._waiting[0][0] <= durable:
            _, _, future = heapq.heappop(self._waiting)
            if not future.done():
                future.set_result(None)

    def close(self) -> None:
        """Stop listening to the writer (the room closed); answers still waiting time out."""
        self._unwatch()
