"""kill -9 of the app while simulated phones send: every contribution a phone was told is in
has its record in the journal (a phone is answered only once its records are durable)."""

import asyncio
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tui.wyber.events import IdeaAdded
from tui.wyber.store import Archive

PHONES = 20
REPO = Path(__file__).parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


async def send_until_killed(url: str, number: int, acknowledged: list[str]) -> None:
    base = url.split("/J/")[0].lower()
    async with httpx.AsyncClient(base_url=base, timeout=10) as phone:
        await phone.get(url.replace("HTTP://", "http://"))
        origin = {"Origin": base}
        await phone.post("/api/join", json={"name": f"Phone {number}"}, headers=origin)
        for n in range(10_000):
            text = f"idea {n} from phone {number}"
            try:
                answer = await phone.post("/api/ideas", json={"text": text}, headers=origin)
            except httpx.HTTPError:
                return  # the app is gone
            if answer.status_code == 200:
                acknowledged.append(text)


@pytest.mark.slow
async def test_every_acknowledged_idea_survives_kill_9(tmp_path: Path) -> None:
    data = tmp_path / "data"
    told = tmp_path / "url"
    worker = subprocess.Popen(
        [sys.executable, "-m", "tests.room_worker", str(data), str(free_port()), str(told)],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    try:
        for _ in range(600):  # the app and its room open in a few seconds on this machine
            if told.exists() or worker.poll() is not None:
                break
            await asyncio.sleep(0.05)
        url = told.read_text()
        assert url.startswith("HTTP://127.0.0.1:"), url
        acknowledged: list[str] = []
        phones = [
            asyncio.create_task(send_until_killed(url, n, acknowledged)) for n in range(PHONES)
        ]
        while len(acknowledged) < 200:
            await asyncio.sleep(0.05)
        worker.send_signal(signal.SIGKILL)
        worker.wait(10)
        await asyncio.wait_for(asyncio.gather(*phones), 20)
    finally:
        if worker.poll() is None:
            worker.kill()
    archive = Archive(data)
    [session] = archive.ids()
    records = archive.read(session)
    recorded = {r.event.text for r in records if isinstance(r.event, IdeaAdded)}
    missing = [text for text in acknowledged if text not in recorded]
    assert missing == [], f"{len(missing)} of {len(acknowledged)} acknowledged ideas are lost"
