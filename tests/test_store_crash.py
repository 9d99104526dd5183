"""Another process: a wyber killed with SIGKILL loses nothing it acknowledged, and a session that
one wyber has open is refused to a second one, until the first is gone (even if it was killed).

The wyber under test runs as a subprocess (tests/store_worker.py); it prints "ACK <seq>" only
after record() returned, so every acknowledged record must be on disk, whole, when it dies.
"""

import math
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import IO

import pytest

from tui.wyber.events import IdeaAdded, SessionResumed
from tui.wyber.fold import fold
from tui.wyber.session import resume_session, start_session
from tui.wyber.store import Archive, SessionExists, SessionLocked

from .store_worker import PARTICIPANTS, SESSION_ID, expected_event, idea_text, opening

REPO = Path(__file__).resolve().parent.parent
TRIALS = 32
BASE_SEED = 20261123
RECORD_LIMIT = 20_000  # far more than any trial waits for: the worker is always killed mid-way
WAIT = 60.0  # seconds to wait for a worker before calling it stuck (never reached when healthy)


def spawn(mode: str, root: Path, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.store_worker", mode, str(root), *args],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


class AckReader:
    """Collects the worker's "ACK <seq>" lines on a thread, as they arrive."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.acked: list[int] = []
        self.other: list[bytes] = []
        self.started = False
        self.ended = False
        self._changed = threading.Condition()
        self._thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self._thread.start()

    def _read(self, stream: IO[bytes]) -> None:
        for line in stream:
            with self._changed:
                if not line.endswith(b"\n"):
                    pass  # cut off by the kill: not an acknowledgement
                elif line.startswith(b"ACK "):
                    self.acked.append(int(line[4:]))
                elif line == b"START\n":
                    self.started = True
                else:
                    self.other.append(line)
                self._changed.notify_all()
        with self._changed:
            self.ended = True
            self._changed.notify_all()

    def wait_for(self, count: int) -> bool:
        """Wait until `count` records are acknowledged; False if the worker ended first."""
        with self._changed:
            self._changed.wait_for(lambda: len(self.acked) >= count or self.ended, WAIT)
            return len(self.acked) >= count

    def wait_for_start(self) -> bool:
        with self._changed:
            return self._changed.wait_for(lambda: self.started or self.ended, WAIT) and self.started

    def finish(self) -> list[int]:
        self._thread.join(WAIT)
        return self.acked


def kill_moment(trial: int, rng: random.Random) -> tuple[str, str, float, int]:
    """When to kill the worker: (description, what to wait for, then how long, acks to await).

    A quarter of the trials kill on a timer from the spawn (from 0 s, before Python has even
    started, to 0.2 s, while it imports); a quarter within 2 ms of the worker saying START, while
    it creates the session and writes its first records; the rest wait for between 1 and ~1500
    acknowledgements (log-uniform) and then up to 2 ms, so the kill lands anywhere in a write.
    """
    if trial % 4 == 0:
        delay = 0.0 if trial == 0 else rng.uniform(0.0, 0.2)
        return f"{delay * 1000:.1f} ms after spawn", "spawn", delay, 0
    if trial % 4 == 1:
        delay = rng.uniform(0.0, 0.002)
        return f"{delay * 1000:.2f} ms after START", "start", delay, 0
    acks = round(math.exp(rng.uniform(0.0, math.log(1500))))
    delay = rng.uniform(0.0, 0.002)
    return f"{delay * 1000:.2f} ms after ack {acks}", "acks", delay, acks


def assert_archive_survived(root: Path, acked: list[int], context: str) -> None:
    """Every acknowledged record is on disk, exact; the session reads, folds, lists, resumes."""
    assert acked == list(range(1, len(acked) + 1)), f"{context}: acks out of order {acked[:20]}"
    archive = Archive(root)
    if not archive.exists(SESSION_ID):
        assert not acked, f"{context}: acknowledged records {acked[-1]} but the session is gone"
        with start_session(archive, opening(), PARTICIPANTS) as live:
            assert live.state.last_seq == 1 + len(PARTICIPANTS), context
        return
    path = archive.path_of(SESSION_ID)
    raw = path.read_bytes()
    records = archive.read(SESSION_ID)  # a session file without its opening is corrupt
    seqs = [r.seq for r in records]
    assert seqs == list(range(1, len(records) + 1)), context
    assert len(records) >= len(acked), f"{context}: acked {len(acked)}, on disk {len(records)}"
    for record in records:
        assert record.event == expected_event(record.seq), f"{context}: record {record.seq}"
    state = fold(records)
    for seq in acked:
        if seq > 1 + len(PARTICIPANTS):
            assert state.ideas[f"i{seq}"].text == idea_text(seq), f"{context}: idea of {seq}"

    listing = archive.listing()
    assert not listing.problems, f"{context}: {[p.render('en') for p in listing.problems]}"
    assert [(s.id, s.counts.records) for s in listing.sessions] == [(SESSION_ID, len(records))]
    assert path.read_bytes() == raw, f"{context}: reading or listing changed the file"

    with resume_session(archive, SESSION_ID) as live:
        assert live.state.last_seq == len(records) + 1, context
        more = live.record(IdeaAdded(idea_id="after", text="Na de crash verder 🚀 نواصل"))
        assert more.seq == len(records) + 2, context
    again = archive.read(SESSION_ID)
    assert again[: len(records)] == records, context
    assert isinstance(again[len(records)].event, SessionResumed), context
    assert again[-1] == more, context
    assert path.read_bytes().endswith(b"\n"), context


@pytest.mark.slow
@pytest.mark.parametrize("trial", range(TRIALS))
def test_every_acknowledged_record_survives_kill_9(tmp_path: Path, trial: int) -> None:
    seed = BASE_SEED + trial
    moment, wait_for, delay, acks = kill_moment(trial, random.Random(seed))
    root = tmp_path / "data"
    worker = spawn("record", root, str(RECORD_LIMIT))
    assert worker.stdout is not None and worker.stderr is not None
    try:
        reader = AckReader(worker.stdout)
        # ("spawn" waits for 0 acks: not at all)
        reached = reader.wait_for_start() if wait_for == "start" else reader.wait_for(acks)
        time.sleep(delay)
    finally:
        worker.kill()
        worker.wait(WAIT)
    acked = reader.finish()
    stderr = worker.stderr.read().decode(errors="replace")
    context = f"seed {seed} (trial {trial}, killed {moment}, {len(acked)} acknowledged)"
    assert reached, f"{context}: worker ended before it was due to be killed: {stderr}"
    assert worker.returncode == -signal.SIGKILL, f"{context}: worker exited by itself: {stderr}"
    assert not reader.other, f"{context}: unexpected output {reader.other[:3]}"
    print(context)  # shown with -s, or on failure
    assert_archive_survived(root, acked, context)


def test_a_kill_right_after_the_journal_appears_leaves_a_session_with_its_opening(
    tmp_path: Path,
) -> None:
    """The narrowest window of start_session, hit on purpose: the worker kills itself the moment
    its journal file is in place, before anything else (its participants) is written."""
    root = tmp_path / "data"
    worker = spawn("die-after-create", root)
    _, stderr = worker.communicate(timeout=WAIT)
    assert worker.returncode == -signal.SIGKILL, stderr.decode(errors="replace")
    archive = Archive(root)
    # The journal appears whole: the opening first, then the participants given at the start.
    record, *participants = archive.read(SESSION_ID)
    assert record.seq == 1 and record.event == opening()
    assert [p.seq for p in participants] == list(range(2, len(participants) + 2))
    assert_archive_survived(root, [], "killed right after create_journal")


def hold_session(root: Path) -> subprocess.Popen[bytes]:
    """A second wyber that has the session open and waits on its stdin."""
    holder = spawn("hold", root)
    assert holder.stdout is not None
    ready = holder.stdout.readline()
    if ready != b"READY\n":
        holder.kill()
        _, stderr = holder.communicate(timeout=WAIT)
        pytest.fail(f"holder did not start: {ready!r} {stderr.decode(errors='replace')}")
    return holder


@pytest.mark.parametrize("ending", ["sigkill", "closes"])
@pytest.mark.parametrize("how_opened", ["started", "resumed"])
def test_a_session_open_in_another_wyber_is_refused_and_left_untouched(
    tmp_path: Path, how_opened: str, ending: str
) -> None:
    root = tmp_path / "data"
    archive = Archive(root)
    if how_opened == "resumed":
        with start_session(archive, opening(), PARTICIPANTS) as live:
            live.record(IdeaAdded(idea_id="i1", text="Eerst hier geschreven ✍️"))
    holder = hold_session(root)
    try:
        path = archive.path_of(SESSION_ID)
        before = path.read_bytes()

        with pytest.raises(SessionLocked) as refused:
            archive.open(SESSION_ID)
        message = refused.value.render("en")
        assert "open in another wyber" in message
        assert SESSION_ID in message and "Traceback" not in message
        with pytest.raises(SessionLocked):
            resume_session(archive, SESSION_ID)
        with pytest.raises(SessionLocked):
            start_session(archive, opening())
        assert path.read_bytes() == before

        # Reading and listing need no lock: the other wyber's session shows, unchanged.
        assert len(archive.read(SESSION_ID)) == records_in(before)
        assert [s.id for s in archive.listing().sessions] == [SESSION_ID]
        assert path.read_bytes() == before
    except BaseException:
        holder.kill()
        raise

    if ending == "sigkill":
        holder.kill()
        holder.wait(WAIT)
    else:
        out, _ = holder.communicate(b"done\n", timeout=WAIT)
        assert out == b"CLOSED\n"
    expected_end = -signal.SIGKILL if ending == "sigkill" else 0
    assert holder.returncode == expected_end
    with resume_session(archive, SESSION_ID) as live:
        record = live.record(IdeaAdded(idea_id="i9", text="Nu mag het weer"))
    assert archive.read(SESSION_ID)[-1] == record
    with pytest.raises(SessionExists):
        start_session(archive, opening())


def records_in(journal: bytes) -> int:
    """How many records a journal holds: its lines after the header."""
    return journal.count(b"\n") - 1
