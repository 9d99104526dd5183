"""Open a recorded session read-only: its records are read in a thread without its lock (another
wyber may be recording into it), then shown; an unreadable session is said in words, never as a
traceback. The replay and the summary of a past session open this way."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from tui.app import WyberApp
    from tui.wyber.events import Record

Read = TypeVar("Read")


def read_then(
    app: WyberApp,
    session_id: str,
    make: Callable[[list[Record]], Read],
    show: Callable[[Read], object],
    name: str,
) -> None:
    """`make` runs in the thread on the session's records; `show` on the event loop with that."""

    def load() -> None:
        try:
            made = make(app.archive.read(session_id))
        except Exception as error:
            app.call_from_thread(app.show_error, error)
            return
        app.call_from_thread(show, made)

    app.run_worker(load, thread=True, exit_on_error=False, group=name, name=name)
