"""Waiting, without blocking the event loop, until a record is on disk.

A phone's request is answered only once its records are durable. One watcher task polls the
writer's durable seq while someone waits (every POLL seconds), instead of a thread per request:
the default executor has 6 threads on this machine, which 300 votes at once would queue behind.
"""

import asyncio
import heapq
import itertools
from collections.abc import Callable

POLL = 0.002


class Durability:
    def __init__(self, durable_seq: Callable[[], int]) -> None:
        self._durable_seq = durable_seq
        self._waiting: list[tuple[int, int, asyncio.Future[None]]] = []
        self._order = itertools.count()
        self._watcher: asyncio.Task[None] | None = None

    async def wait(self, seq: int, timeout: float) -> bool:
        """True once the record `seq` is durable; False if that did not happen within `timeout`."""
        if self._durable_seq() >= seq:
            return True
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        heapq.heappush(self._waiting, (seq, next(self._order), future))
        if self._watcher is None or self._watcher.done():
            self._watcher = asyncio.create_task(self._watch())
        try:
            await asyncio.wait_for(asyncio.shield(future), timeout)
        except TimeoutError:
            return False
        return True

    async def _watch(self) -> None:
        while self._waiting:
            durable = self._durable_seq()
            while self._waiting and self._waiting[0][0] <= durable:
                _, _, future = heapq.heappop(self._waiting)
                if not future.done():
                    future.set_result(None)
            if self._waiting:
                await asyncio.sleep(POLL)
