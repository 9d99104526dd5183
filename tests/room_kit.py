"""A room over a meeting recording into an archive, and an httpx client on the room's app."""

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from tests.test_meeting import Room as Meeting
from tests.test_meeting import open_room
from tui.room.room import Room
from tui.room.server import room_app

HOST = "room.test"
ORIGIN = f"http://{HOST}"


@dataclass
class Phones:
    meeting: Meeting
    room: Room
    app: object

    @asynccontextmanager
    async def phone(self, join: str | None = None) -> AsyncIterator[httpx.AsyncClient]:
        """A phone that followed the QR's link (and joined as `join`, when given)."""
        transport = httpx.ASGITransport(app=self.app)  # type: ignore[arg-type]
        async with httpx.AsyncClient(transport=transport, base_url=ORIGIN) as client:
            answer = await client.get(f"/j/{self.room.secret}")
            assert answer.status_code == 303, answer.text
            if join is not None:
                answer = await post(client, "/api/join", {"name": join})
                assert answer.status_code == 200, answer.text
            yield client


def phones(meeting: Meeting) -> Phones:
    room = Room(meeting.meeting, lambda: meeting.meeting.state.last_seq)
    return Phones(meeting, room, room_app(room))


@contextmanager
def started(root: Path) -> Iterator[Phones]:
    """The room over the 30-minute wyber, started, recording into an archive at `root`."""
    made = open_room(root)
    made.meeting.start()
    yield phones(made)
    made.meeting.session.close()


async def post(
    client: httpx.AsyncClient, path: str, body: object, key: str | None = None, **headers: str
) -> httpx.Response:
    sent = {"Origin": ORIGIN, **headers}
    if key is not None:
        sent["Idempotency-Key"] = key
    return await client.post(path, json=body, headers=sent)
