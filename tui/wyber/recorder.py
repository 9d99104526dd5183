"""Writing a live session's records on a thread of their own, so the screen never waits on the disk.

The live session stamps a record and folds it into the state at once; the record is handed to
this writer, which appends it durably (fsync'd) in order. If the disk refuses (full, read-only,
unplugged), the records stay queued in memory and are retried, and the screen, which polls
`pending` and `failure`, says so. Nothing is dropped while wyber runs.
"""

import threading
from collections import deque

from tui.wyber.events import Record
from tui.wyber.store import SessionWriter, WriteFailed


def _unexpected(error: Exception, path: str) -> WriteFailed:
    return WriteFailed(path=path, reason="io", detail=f"{type(error).__name__}: {error}")


class BackgroundWriter:
    def __init__(self, writer: SessionWriter, retry_seconds: float = 2.0) -> None:
        self._writer = writer
        self._retry_seconds = retry_seconds
        self._queue: deque[Record] = deque()
        self._changed = threading.Condition()
        self._closing = False
        self._failure: WriteFailed | None = None
        self._written = writer.last_seq
        self._thread = threading.Thread(target=self._run, name="wyber-writer", daemon=True)
        self._thread.start()

    @property
    def path(self) -> str:
        return str(self._writer.path)

    @property
    def pending(self) -> int:
        """Records handed over but not yet on disk."""
        with self._changed:
            return len(self._queue)

    @property
    def failure(self) -> WriteFailed | None:
        """Why the last write failed, while records wait to be retried; None when all is well."""
        with self._changed:
            return self._failure

    @property
    def written(self) -> int:
        """The seq of the last record on disk."""
        with self._changed:
            return self._written

    def submit(self, record: Record) -> None:
        with self._changed:
            if self._closing:
                raise RuntimeError("the session's writer is closed")
            self._queue.append(record)
            self._changed.notify_all()

    def retry_now(self) -> None:
        """Try a waiting write again at once (the facilitator freed some space)."""
        with self._changed:
            self._changed.notify_all()

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until every record handed over is on disk; False if that did not happen in time."""
        with self._changed:
            return self._changed.wait_for(lambda: not self._queue, timeout)

    def close(self, timeout: float = 5.0) -> bool:
        """Write what is queued (trying once more if the disk refused), then release the session.

        False when some records could not be written: the caller tells the facilitator.
        """
        with self._changed:
            self._closing = True
            self._changed.notify_all()
        self._thread.join(timeout)
        if self._thread.is_alive():
            return False
        self._writer.close()
        return not self._queue

    def _run(self) -> None:
        while True:
            with self._changed:
                self._changed.wait_for(lambda: self._queue or self._closing)
                if not self._queue:
                    return
                record = self._queue[0]
            try:
                self._writer.append(record)
            except Exception as error:  # a writer thread that dies silently loses records
                failure = error if isinstance(error, WriteFailed) else _unexpected(error, self.path)
                with self._changed:
                    self._failure = failure
                    if self._closing:
                        return
                    self._changed.wait(self._retry_seconds)
                continue
            with self._changed:
                self._queue.popleft()
                self._written = record.seq
                self._failure = None
                self._changed.notify_all()
