"""The live stream the phones and the projector follow: Server-Sent Events, ids = journal seqs.

The format (the projector, tui/room/projector.py, reads the same stream):

    id: <seq>          the journal's sequence number of the last record the meeting holds
    event: change      records were folded in: `data` is {"seq": <seq>, "kinds": [<event kind>…]}
    event: room        the room changed without a record (joining closed, reveal, done counts):
                       `data` is {"seq": <seq>}
    : keep-alive       a comment every KEEP_ALIVE seconds, so proxies and phones keep the line

A message says only that something changed; a consumer fetches what it shows (the phone its
/api/view), so a message never carries a name or a text and a lost message loses nothing. A
client that reconnects with `Last-Event-ID` older than the meeting's seq gets one `change` at
once with "catch_up": true; one that is up to date gets nothing until the next change. A
consumer is a queue of its own: a second consumer (the projector) subscribes like the phones.
"""

import asyncio
import json
from collections.abc import AsyncIterator

from tui.wyber.events import Record
from tui.wyber.live import LiveMeeting

KEEP_ALIVE = 15.0
HEADERS = {"Cache-Control": "no-store", "X-Accel-Buffering": "no"}


def message(event: str, seq: int, data: dict[str, object]) -> bytes:
    return f"id: {seq}\nevent: {event}\ndata: {json.dumps(data)}\n\n".encode()


class Stream:
    """Fans the meeting's changes out to every connected consumer."""

    def __init__(self, live: LiveMeeting) -> None:
        self.live = live
        self._queues: set[asyncio.Queue[bytes | None]] = set()
        self._unsubscribe = live.subscribe(self._folded)

    @property
    def consumers(self) -> int:
        return len(self._queues)

    @property
    def seq(self) -> int:
        return self.live.state.last_seq

    def _send(self, chunk: bytes) -> None:
        for queue in self._queues:
            queue.put_nowait(chunk)

    def _folded(self, records: tuple[Record, ...]) -> None:
        kinds = [record.event.type for record in records]
        self._send(message("change", records[-1].seq, {"seq": records[-1].seq, "kinds": kinds}))

    def room_changed(self) -> None:
        self._send(message("room", self.seq, {"seq": self.seq}))

    def close(self) -> None:
        """End every stream (the room closes): their generators return."""
        self._unsubscribe()
        for queue in self._queues:
            queue.put_nowait(None)

    async def follow(self, last_event_id: str | None) -> AsyncIterator[bytes]:
        """One consumer's messages, from `last_event_id` on, until the room closes."""
        queue: asyncio.Queue[bytes | None] = asyncio.Queue()
        self._queues.add(queue)
        try:
            yield b"retry: 2000\n\n"
            seen = int(last_event_id) if last_event_id and last_event_id.isdigit() else -1
            if seen < self.seq:
                data: dict[str, object] = {"seq": self.seq, "kinds": [], "catch_up": True}
                yield message("change", self.seq, data)
            while True:
                try:
                    chunk = await asyncio.wait_for(queue.get(), KEEP_ALIVE)
                except TimeoutError:
                    yield b": keep-alive\n\n"
                    continue
                if chunk is None:
                    return
                yield chunk
        finally:
            self._queues.discard(queue)
