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
        self._waiting: list[tuple[int, int, asyncio.Future[bool]]] = []
        self._order = itertools.count()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._woken = threading.Event()  # a wake-up is on its way to the loop: one is enough
        self._unwatch = watch(self._moved)

    async def wait(self, seq: int, timeout: float) -> bool:
        """True once the record `seq` is durable; False if that did not happen within `timeout`.

        One future, answered True by the writer's wake-up or False by a timer: the answer is one
        turn of the loop away. asyncio.wait_for over a shielded future was three or four turns,
        each behind whatever else the loop ran (a repaint of 20-40 ms, with 300 phones on).
        """
        if self._durable_seq() >= seq:
            return True
        self._loop = asyncio.get_running_loop()
        future: asyncio.Future[bool] = self._loop.create_future()
        heapq.heappush(self._waiting, (seq, next(self._order), future))
        # The fsync may have come between the look above and the push: the writer's wake-up
        # then found no one waiting, and this look lets the answer go.
        self._release()
        timer = self._loop.call_later(timeout, _answer, future, False)
        try:
            return await future
        finally:
            timer.cancel()

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
            _answer(heapq.heappop(self._waiting)[2], True)

    def close(self) -> None:
        """Stop listening to the writer (the room closed); answers still waiting time out."""
        self._unwatch()


def _answer(future: "asyncio.Future[bool]", durable: bool) -> None:
    if not future.done():  # the other of the two (the wake-up, the timer) came first
        future.set_result(durable)
