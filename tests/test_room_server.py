"""The room's server for real, on loopback, on the running event loop: the live stream with the
journal's seqs as ids, catching up from Last-Event-ID, and stopping within 2 s with phones on."""

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import pytest

from tests.test_meeting import Room as Meeting
from tests.test_meeting import open_room as open_meeting
from tui.room.opened import OpenRoom, open_room


@pytest.fixture
async def served(tmp_path: Path) -> AsyncIterator[tuple[Meeting, OpenRoom]]:
    meeting = open_meeting(tmp_path / "data")
    meeting.meeting.start()
    opened = open_room(meeting.meeting, lambda: meeting.meeting.state.last_seq, "127.0.0.1", 0)
    while not opened.server.started:
        await asyncio.sleep(0.01)
    yield meeting, opened
    await opened.close()
    meeting.meeting.session.close()


def base(opened: OpenRoom) -> str:
    return f"http://127.0.0.1:{opened.server.port}"


@asynccontextmanager
async def joined(opened: OpenRoom, name: str) -> AsyncIterator[httpx.AsyncClient]:
    """A phone on loopback that followed the QR's link and joined as `name`."""
    async with httpx.AsyncClient(base_url=base(opened), follow_redirects=True) as phone:
        assert (await phone.get(f"/J/{opened.room.secret}")).status_code == 200
        origin = {"Origin": base(opened)}
        assert (await phone.post("/api/join", json={"name": name}, headers=origin)).is_success
        yield phone


async def events(client: httpx.AsyncClient, last: str | None, count: int) -> list[str]:
    """The first `count` event ids the stream sends."""
    headers = {"Last-Event-ID": last} if last is not None else {}
    ids: list[str] = []
    async with client.stream("GET", "/api/stream", headers=headers) as stream:
        async for line in stream.aiter_lines():
            if line.startswith("id: "):
                ids.append(line[4:])
                if len(ids) == count:
                    break
    return ids


async def test_a_phone_follows_the_meeting_by_its_seqs_and_catches_up(
    served: tuple[Meeting, OpenRoom],
) -> None:
    meeting, opened = served
    async with joined(opened, "Anna de Vries") as phone:
        seq = meeting.state.last_seq
        # Up to date: the first message is the next change, with that record's seq.
        listening = asyncio.create_task(events(phone, str(seq), 1))
        await asyncio.sleep(0.2)
        meeting.meeting.add_idea("From the laptop")
        assert await asyncio.wait_for(listening, 5) == [str(seq + 1)]
        # Asleep meanwhile: on reconnecting it is told at once where the meeting is now.
        meeting.meeting.add_idea("While the phone slept")
        assert await asyncio.wait_for(events(phone, str(seq + 1), 1), 5) == [str(seq + 2)]


async def test_the_server_stops_within_two_seconds_with_streams_open(
    served: tuple[Meeting, OpenRoom],
) -> None:
    _, opened = served
    async with joined(opened, "Bram Jansen") as phone:
        streams = [asyncio.create_task(events(phone, None, 99)) for _ in range(3)]
        await asyncio.sleep(0.3)
        assert opened.room.names() == [("Bram Jansen", True)]
        began = time.monotonic()
        await opened.close()
        assert time.monotonic() - began < 2.0
        await asyncio.wait_for(asyncio.gather(*streams, return_exceptions=True), 3)
        with pytest.raises(httpx.ConnectError):
            await phone.get("/api/view")


async def test_a_closing_room_tells_each_phone_before_its_stream_ends(
    served: tuple[Meeting, OpenRoom],
) -> None:
    """The last message says the room closed (a phone that reconnected would find no server and
    say "reconnecting" for ever), sent even when it comes with the stream's end."""
    _, opened = served
    async with joined(opened, "Carla") as phone:

        async def to_the_end() -> list[str]:
            async with phone.stream("GET", "/api/stream") as stream:
                return [line async for line in stream.aiter_lines() if line.startswith("event:")]

        following = asyncio.create_task(to_the_end())
        await asyncio.sleep(0.3)
        opened.room.close()
        told = await asyncio.wait_for(following, 3)
        assert told[-1] == "event: closed", told
