"""A wyber process that records through the background writer; run as
`python -m tests.durable_worker ROOT LIMIT` (test_durable.py starts it and kills it with SIGKILL).

It records ideas as fast as it can (the screen does not wait for the disk either) and prints
"SAVED <seq>" each time the writer's durable watermark moves: what the screen would then show as
saved. Every record up to the last SAVED must survive the kill. WYBER_SLOW_FSYNC_MS slows its
disk. The ideas are those of tests/store_worker.py, so the parent knows what each seq holds.
"""

import sys
import threading
from pathlib import Path

from tui.wyber.recorder import BackgroundWriter
from tui.wyber.session import start_session
from tui.wyber.store import Archive

from .store_worker import PARTICIPANTS, idea_event, opening

_printing = threading.Lock()


def _saved(seq: int) -> None:
    with _printing:
        sys.stdout.write(f"SAVED {seq}\n")
        sys.stdout.flush()


def main(root: Path, limit: int) -> None:
    live = start_session(Archive(root), opening(), PARTICIPANTS)
    writer = BackgroundWriter(live.writer)
    live.sink = writer.submit
    writer.watch(_saved)
    _saved(live.state.last_seq)
    while live.state.last_seq < limit:
        live.record(idea_event(live.state.last_seq + 1))
        if live.state.last_seq - writer.durable > 50:
            writer.wait_durable(live.state.last_seq - 50, timeout=10)  # a typist's pace, bounded
    writer.close(timeout=60)


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]))
