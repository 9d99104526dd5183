"""The live stream the phones and the projector follow: Server-Sent Events, ids = journal seqs.

The format (the projector, tui/room/projector.py, reads the same stream):

    id: <seq>          the journal's sequence number of the last record the meeting holds
    event: change      records were folded in: `data` is {"seq": <seq>, "kinds": [<event kind>…]}
    event: room        the room changed without a record (joining closed, reveal, done counts):
                       `data` is {"seq": <seq>}
    event: closed      the room closed: the last message, the stream ends after it (a phone
                       that reconnected would find no server, and say "reconnecting" forever)
    : keep-alive       a comment every KEEP_ALIVE seconds, so proxies and phones keep the line

A message says only that something changed; a consumer fetches what it shows (the phone its
/api/view), so a message never carries a name or a text and a lost message loses nothing. A
client that reconnects with `Last-Event-ID` older than the meeting's seq gets one `change` at
once with "catch_up": true; one that is up to date gets nothing until the next change. A
consumer is a queue of its own: a second consumer (the projector) subscribes like the phones.
"""

import asyncio
import json
from collections.abc import AsyncIterator, Callable, Sequence

from starlette.types import Receive, Send

from tui.wyber.events import Record
from tui.wyber.live import LiveMeeting

KEEP_ALIVE = 15.0
HEADERS = {"Cache-Control": "no-store", "X-Accel-Buffering": "no"}
RETRY = b"retry: 2000\n\n"
KEPT_ALIVE = b": keep-alive\n\n"
Quiet = Callable[[Sequence[str]], bool]


def message(event: str, seq: int, data: dict[str, object]) -> bytes:
    return f"id: {seq}\nevent: {event}\ndata: {json.dumps(data)}\n\n".encode()


class _Consumer:
    """One follower's queue of messages (None: the stream ends). `everything`: told also of
    the changes the quiet rule says it need not be (the projector; a phone is not)."""

    __slots__ = ("everything", "queue")

    def __init__(self, everything: bool) -> None:
        self.everything = everything
        self.queue: asyncio.Queue[bytes | None] = asyncio.Queue()


class Stream:
    """Fans the meeting's changes out to every connected consumer: each message is encoded once
    and the same bytes go to every queue.

    `quiet(kinds)` says which changes a phone need not be told of: while a vote's results are
    hidden, others' votes change nothing a phone shows (room.js fetched no view for them), and
    300 phones told of each vote in a burst were 9,000 writes a second on the app's loop."""

    def __init__(self, live: LiveMeeting, quiet: Quiet = lambda kinds: False) -> None:
        self.live = live
        self.quiet = quiet
        self._consumers: set[_Consumer] = set()
        self._unsubscribe = live.subscribe(self._folded)
        self._keep_alive: asyncio.TimerHandle | None = None

    @property
    def consumers(self) -> int:
        return len(self._consumers)

    @property
    def seq(self) -> int:
        return self.live.state.last_seq

    def _send(self, chunk: bytes | None, quiet: bool = False) -> None:
        for consumer in self._consumers:
            if consumer.everything or not quiet:
                consumer.queue.put_nowait(chunk)

    def _folded(self, records: tuple[Record, ...]) -> None:
        kinds = [record.event.type for record in records]
        chunk = message("change", records[-1].seq, {"seq": records[-1].seq, "kinds": kinds})
        self._send(chunk, self.quiet(kinds))

    def room_changed(self) -> None:
        self._send(message("room", self.seq, {"seq": self.seq}))

    def close(self) -> None:
        """End every stream (the room closes): their generators return."""
        self._unsubscribe()
        if self._keep_alive is not None:
            self._keep_alive.cancel()
        self._send(message("closed", self.seq, {"seq": self.seq}))
        self._send(None)

    def _kept_alive(self) -> None:
        """One timer for all the consumers, not one per message per consumer (asyncio.wait_for
        made a task for every message to every phone)."""
        self._send(KEPT_ALIVE)
        self._keep_alive = asyncio.get_running_loop().call_later(KEEP_ALIVE, self._kept_alive)

    def _subscribe(self, everything: bool) -> _Consumer:
        consumer = _Consumer(everything)
        self._consumers.add(consumer)
        if self._keep_alive is None:
            self._keep_alive = asyncio.get_running_loop().call_later(KEEP_ALIVE, self._kept_alive)
        return consumer

    def _opening(self, last_event_id: str | None) -> bytes:
        """What a consumer gets first: the retry, and a catch-up when it is behind."""
        seen = int(last_event_id) if last_event_id and last_event_id.isdigit() else -1
        if seen >= self.seq:
            return RETRY
        data: dict[str, object] = {"seq": self.seq, "kinds": [], "catch_up": True}
        return RETRY + message("change", self.seq, data)

    async def follow(
        self, last_event_id: str | None, *, everything: bool = True
    ) -> AsyncIterator[bytes]:
        """One consumer's messages, from `last_event_id` on, until the room closes."""
        consumer = self._subscribe(everything)
        try:
            yield self._opening(last_event_id)
            while (chunk := await consumer.queue.get()) is not None:
                yield chunk
        finally:
            self._consumers.discard(consumer)

    async def serve(
        self,
        last_event_id: str | None,
        headers: list[tuple[bytes, bytes]],
        receive: Receive,
        send: Send,
        *,
        everything: bool = False,
    ) -> None:
        """The stream as a bare ASGI response, straight to the server's `send`: the cheapest way
        from one message to 300 sockets (no response object, no middleware per message). What
        waited meanwhile goes out in one write."""
        consumer = self._subscribe(everything)
        gone = asyncio.create_task(_until_gone(receive, consumer.queue))
        try:
            await send({"type": "http.response.start", "status": 200, "headers": headers})
            chunks: list[bytes | None] = [self._opening(last_event_id)]
            while None not in chunks:
                body = b"".join(c for c in chunks if c is not None)
                await send({"type": "http.response.body", "body": body, "more_body": True})
                chunks = [await consumer.queue.get()]
                while not consumer.queue.empty():
                    chunks.append(consumer.queue.get_nowait())
            last = b"".join(c for c in chunks[: chunks.index(None)] if c is not None)
            await send({"type": "http.response.body", "body": last, "more_body": False})
        finally:
            self._consumers.discard(consumer)
            gone.cancel()


async def _until_gone(receive: Receive, queue: "asyncio.Queue[bytes | None]") -> None:
    """Ends the stream once the phone has gone."""
    while (await receive())["type"] != "http.disconnect":
        pass
    queue.put_nowait(None)
