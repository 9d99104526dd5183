"""Writing a live session's records on a thread of their own, so the screen never waits on the disk.

The live session stamps a record and folds it into the state at once; the record is handed to
this writer, which appends durably (fsync'd), in order. Group commit: whatever waits when the
thread gets to it goes in one append with one fsync, so a burst of records costs one fsync, not
one each. A record is acknowledged only once durable: the durable watermark (the seq of the last
fsync'd record) moves, `wait_durable` returns, and the watchers are told the new watermark.

If the disk refuses (an OSError: full, read-only, unplugged), the records stay queued in memory
and are retried until they are written, however long that takes, or until the facilitator
explicitly leaves them behind (`abandon`, which hands them over for a rescue file). Anything
else raised while writing, or by a watcher told of a write, is a bug, not a disk failure: the
writer stops, logs it and says so (`broken`); it never retries it.
"""

import logging
import threading
from collections import deque
from collections.abc import Callable
from typing import TypeVar

from tui.wyber.events import Record
from tui.wyber.store import SessionWriter, WriteFailed

_log = logging.getLogger("wyber.writer")

Watcher = Callable[[int], None]
Result = TypeVar("Result")


class WriterBroken(Exception):
    """The writer stopped on a bug (not a disk failure); its records wait to be rescued."""


class BackgroundWriter:
    def __init__(self, writer: SessionWriter, retry_seconds: float = 2.0) -> None:
        self._writer = writer
        self._retry_seconds = retry_seconds
        self._queue: deque[Record] = deque()
        self._changed = threading.Condition()
        self._stopping = False  # close: end once the queue is empty
        self._abandoning = False  # abandon: end now, leaving the queue to the caller
        self._released = False
        self._failure: WriteFailed | None = None
        self._broken: BaseException | None = None
        self._durable = writer.last_seq
        self._watchers: list[Watcher] = []
        self._start()

    def _start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="wyber-writer", daemon=True)
        self._thread.start()

    @property
    def path(self) -> str:
        return str(self._writer.path)

    @property
    def pending(self) -> int:
        """Records handed over but not yet durable."""
        with self._changed:
            return len(self._queue)

    def waiting(self) -> list[Record]:
        """The records handed over but not yet durable, in order."""
        with self._changed:
            return list(self._queue)

    @property
    def failure(self) -> WriteFailed | None:
        """Why the last write failed, while records wait to be retried; None when all is well."""
        with self._changed:
            return self._failure

    @property
    def broken(self) -> BaseException | None:
        """The bug that stopped the writer, if one did; its records wait to be rescued."""
        with self._changed:
            return self._broken

    @property
    def durable(self) -> int:
        """The durable watermark: the seq of the last record fsync'd to the journal."""
        with self._changed:
            return self._durable

    def watch(self, watcher: Watcher) -> Callable[[], None]:
        """Call `watcher(durable)` each time the watermark moves, right after the fsync, on the
        writer's thread; it must not block (a screen marshals the call onto its own loop) and
        must not raise (one that raises is a bug: the writer stops, as for its own). Returns
        the call that stops it (a room that closes): a call already under way when it stops may
        still come once."""
        with self._changed:
            self._watchers.append(watcher)

        def unwatch() -> None:
            with self._changed:
                if watcher in self._watchers:
                    self._watchers.remove(watcher)

        return unwatch

    def submit(self, record: Record) -> None:
        with self._changed:
            if self._released or self._stopping or self._abandoning:
                raise RuntimeError("the session's writer is closed")
            self._queue.append(record)
            self._changed.notify_all()

    def retry_now(self) -> None:
        """Try a waiting write again at once (the facilitator freed some space)."""
        with self._changed:
            self._changed.notify_all()

    def wait_durable(self, seq: int, timeout: float | None = None) -> bool:
        """Wait until the record `seq` is durable; False if not within `timeout`, or if the
        writer broke down (then it never will be)."""
        with self._changed:
            self._changed.wait_for(
                lambda: self._durable >= seq or self._broken is not None, timeout
            )
            return self._durable >= seq

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until every record handed over is durable; False if that did not happen in
        time (the disk still refuses, or the writer broke down)."""
        with self._changed:
            return self.wait_durable(self._durable + len(self._queue), timeout)

    def close(self, timeout: float = 5.0) -> bool:
        """Release the session once every record is durable, waiting up to `timeout` for that.

        False when records still wait: then nothing is closed, the writer keeps retrying and
        takes new records, and the caller asks the facilitator what to do (`abandon`).
        """
        if self._released:
            return True
        if not self.flush(timeout):
            return False
        with self._changed:
            self._stopping = True
            self._changed.notify_all()
        self._thread.join()  # the queue is empty: it ends at once
        self._release()
        return True

    def abandon(self, keep: Callable[[list[Record]], Result], timeout: float = 5.0) -> Result:
        """Stop retrying, hand the records not written (in order) to `keep` (which puts them in
        a rescue file), then release the session; the facilitator chose this. If `keep` raises,
        nothing is left behind: the writer goes on retrying, and the error is raised."""
        with self._changed:
            self._abandoning = True
            self._changed.notify_all()
        self._thread.join(timeout)
        if self._thread.is_alive():  # stuck in a write the disk never answers
            with self._changed:
                self._abandoning = False
            raise WriterBroken("the session's writer does not stop: the disk does not answer")
        try:
            kept = keep(self.waiting())
        except BaseException:
            with self._changed:
                self._abandoning = False
            if self.broken is None:  # a bug is never retried
                self._start()
            raise
        self._release()
        return kept

    def _release(self) -> None:
        if not self._released:
            self._released = True
            self._writer.close()

    def _run(self) -> None:
        try:
            self._write_until_done()
        except Exception as bug:  # not the disk: retrying would only repeat it
            _log.exception("the session's writer stopped on a bug: %s", self.path)
            with self._changed:
                self._broken = bug
                self._changed.notify_all()
            # The watermark stays: the watchers look at `broken`.
            again = self._tell(self.durable)
            if again is not None:
                _log.error("a watcher failed on the writer's last word", exc_info=again)

    def _write_until_done(self) -> None:
        while True:
            with self._changed:
                self._changed.wait_for(lambda: self._queue or self._stopping or self._abandoning)
                if self._abandoning or not self._queue:
                    return
                batch = list(self._queue)
            try:
                self._writer.append_many(batch)
            except WriteFailed as failure:
                with self._changed:
                    self._failure = failure
                    self._changed.notify_all()
                    if not self._abandoning:
                        self._changed.wait(self._retry_seconds)
                continue
            with self._changed:
                for _ in batch:
                    self._queue.popleft()
                self._durable = batch[-1].seq
                self._failure = None
                self._changed.notify_all()
            bug = self._tell(batch[-1].seq)
            if bug is not None:
                # A watcher's bug is a bug too: had it ended the thread unseen, the records
                # after it would wait for ever, shown as merely pending.
                raise bug

    def _tell(self, durable: int) -> Exception | None:
        """Tell every watcher; the first one's error, if any raised (the others are told all
        the same)."""
        with self._changed:
            watchers = list(self._watchers)
        first: Exception | None = None
        for watcher in watchers:
            try:
                watcher(durable)
            except Exception as bug:
                first = first or bug
        return first
