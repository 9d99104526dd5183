"""The live stream's fan-out: one encoding of each message for every consumer, and no word to
the phones of votes they could not see (the results hidden), while the projector hears all."""

import asyncio
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from tests.room_kit import Phones, started
from tui.wyber.commands import NextMovement, Vote


@pytest.fixture
def room(tmp_path: Path) -> Iterator[Phones]:
    with started(tmp_path / "data") as made:
        yield made


async def next_message(stream: AsyncIterator[bytes]) -> bytes:
    return await asyncio.wait_for(anext(stream), 5)


async def test_a_phone_hears_of_votes_only_once_the_results_are_shown(room: Phones) -> None:
    stream = room.room.stream
    idea = room.meeting.idea("Trees")
    room.meeting.meeting.execute(NextMovement())
    phone = stream.follow(str(stream.seq), everything=False)
    projector = stream.follow(str(stream.seq))
    assert await next_message(phone) == await next_message(projector) == b"retry: 2000\n\n"

    room.meeting.meeting.execute(Vote(target_id=idea))
    assert b"vote_cast" in await next_message(projector)
    room.room.close_joining()  # a change the phone is told of
    told = await next_message(phone)
    assert b"event: room" in told and b"vote_cast" not in told
    assert b"event: room" in await next_message(projector)

    room.room.toggle(room.room.revealed)
    await next_message(phone), await next_message(projector)  # the reveal itself
    room.meeting.meeting.execute(Vote(target_id=idea))
    assert b"vote_cast" in await next_message(phone)
    assert b"vote_cast" in await next_message(projector)


async def test_each_message_is_encoded_once_for_every_consumer(room: Phones) -> None:
    stream = room.room.stream
    followers = [stream.follow(str(stream.seq), everything=False) for _ in range(3)]
    for follower in followers:
        await next_message(follower)
    room.meeting.idea("Benches")
    told = [await next_message(follower) for follower in followers]
    assert all(message is told[0] for message in told)  # the same bytes, not equal copies
