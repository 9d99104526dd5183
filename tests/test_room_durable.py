"""A phone's answer goes out when the writer says its record is on disk: told right after the
fsync (the writer's watch, which can be stopped), never found by polling."""

import asyncio
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.disks import WAIT, GatedDisk
from tests.test_durable import idea, recording
from tui.room.durable import Durability
from tui.room.room import Room
from tui.wyber.live import LiveMeeting
from tui.wyber.recorder import Watcher


def test_a_watcher_stopped_is_told_of_no_fsync_after(tmp_path: Path) -> None:
    live, writer = recording(tmp_path)
    told: list[int] = []
    unwatch = writer.watch(told.append)
    first = idea(live, "Eerste")
    assert writer.wait_durable(first.seq, timeout=WAIT)
    assert writer.flush(timeout=WAIT) and told[-1] == first.seq
    unwatch()
    unwatch()  # twice is harmless: a room closes once, but the app may close it again
    second = idea(live, "Tweede")
    assert writer.wait_durable(second.seq, timeout=WAIT)
    assert writer.close()
    assert told[-1] == first.seq


async def test_an_answer_waits_for_the_fsync_and_goes_when_the_writer_tells(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    disk = GatedDisk(monkeypatch)
    live, writer = recording(tmp_path)
    looked: list[int] = []

    def durable_seq() -> int:
        looked.append(writer.durable)
        return looked[-1]

    durability = Durability(durable_seq, writer.watch)
    disk.hold()
    record = idea(live, "Voor iedereen")
    assert await asyncio.to_thread(disk.wait_blocked)  # its fsync is under way, and waits
    answer = asyncio.create_task(durability.wait(record.seq, timeout=WAIT))
    await asyncio.sleep(0.3)  # a poll every 2 ms would have looked some 150 times by now
    assert not answer.done()  # not on disk: not answered
    assert len(looked) <= 2  # asked once before waiting and once after: no polling
    disk.release()
    assert await answer  # the writer's notice let it go, well before WAIT
    assert looked[-1] >= record.seq
    durability.close()
    assert writer.close()


async def test_a_closed_room_stops_listening_to_the_writer(tmp_path: Path) -> None:
    live, writer = recording(tmp_path)
    watching: list[Watcher] = []

    def watch(watcher: Watcher) -> Callable[[], None]:
        watching.append(watcher)
        return lambda: watching.remove(watcher)

    room = Room(LiveMeeting(live), lambda: writer.durable, watch=watch)
    assert len(watching) == 1
    room.close()
    assert watching == []
    assert writer.close()


async def test_an_answer_the_disk_never_confirms_is_not_saved_when_its_time_is_up() -> None:
    durability = Durability(lambda: 4)  # the disk stays at seq 4
    assert await durability.wait(4, timeout=WAIT)  # already on disk: at once
    assert not await durability.wait(5, timeout=0.05)  # never: "not saved", no hang
    durability.close()
