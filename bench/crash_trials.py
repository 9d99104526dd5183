"""Kill -9 trials through a real terminal: nothing the screen showed as saved is ever lost.

Each trial starts the real app (`python -m tui --data FOLDER run wyber-30.en --now`) on a
pseudo-terminal of 100x30, read by a terminal emulator (pyte), and types ideas into it as a
facilitator would: the text, then Enter, a few tens of milliseconds apart. After each Enter it
reads the screen once the idea is drawn, and at a random moment (after a random idea, 0-60 ms
after reading the screen) kills the app with SIGKILL. An idea is "shown as saved" when a reading
showed it on the board without the pending mark (◌). Then the session's journal is read:
every idea ever shown as saved must be in it ("lost-but-shown", which must be 0). Ideas shown as
pending may be lost; the trials count them too, which shows that the slow disk does bite.

Half the trials run on the disk as it is; half with the journal's fsync slowed to 30-300 ms
(WYBER_SLOW_FSYNC_MS, a test hook read once when wyber starts). The screen is read only at the
end of a frame: the emulator answers Textual's question about synchronized output, so every
frame arrives between its begin and end marks and a half-drawn line is never read.

    .venv/bin/python bench/crash_trials.py --trials 100
    .venv/bin/python bench/crash_trials.py --trials 4 --ideas 6    (the test suite's short run)

Exit status 1 when an idea shown as saved was lost, 0 otherwise.
"""

import argparse
import fcntl
import os
import pty
import random
import re
import select
import shutil
import signal
import struct
import sys
import tempfile
import termios
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyte

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from tui.wyber.fold import fold  # noqa: E402 (after the repository is on the path)
from tui.wyber.store import Archive  # noqa: E402

COLUMNS, ROWS = 100, 30
SLOW_FSYNC_MS = "30-300"
STARTED = "Type an idea"  # the idea line's placeholder: the run screen is up
PENDING = "◌"
TOAST_EDGE = "▌"  # a toast's left edge (Textual's "outer" border)
SYNC_QUERY = b"\x1b[?2026$p"
SYNC_SUPPORTED = b"\x1b[?2026;2$y"
SYNC_END = b"\x1b[?2026l"
WAIT_SECONDS = 60.0  # for the app to start or draw an idea; never reached when healthy
# A board row: the board's left edge, the idea's number, two spaces, then the idea's text.
BOARD_ROW = re.compile(r"▊\s+\d+  (?P<idea>T\d+N\d+)\b")
WORDS = ("fietsen", "koffie", "agenda", "stilte", "planning", "pauze", "post-its", "zaal")


class Terminal:
    """The app on a pseudo-terminal, its screen as a terminal emulator draws it."""

    def __init__(self, argv: Sequence[str], environment: dict[str, str]) -> None:
        self.screen = pyte.Screen(COLUMNS, ROWS)
        self._stream = pyte.ByteStream(self.screen)
        self._pending = b""
        pid, fd = pty.fork()
        if pid == 0:  # the child: the app, on the terminal's other end (its fds 0, 1 and 2)
            try:
                fcntl.ioctl(1, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
                os.execve(argv[0], list(argv), environment)
            finally:
                os._exit(127)  # never run on as a copy of the parent (a test runner, say)
        self.pid, self._fd = pid, fd

    def type(self, text: str) -> None:
        os.write(self._fd, text.encode())

    def read(self, seconds: float) -> None:
        """Take what the app wrote within `seconds` into the screen, up to the last whole
        frame; the rest waits for the next read."""
        deadline = time.monotonic() + seconds
        while True:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self._fd], [], [], max(0.0, left))
            if not ready:
                return
            try:
                chunk = os.read(self._fd, 65536)
            except OSError:  # the app is gone
                return
            if SYNC_QUERY in chunk:
                os.write(self._fd, SYNC_SUPPORTED)
            self._pending += chunk
            end = self._pending.rfind(SYNC_END)
            if end >= 0:
                self._stream.feed(self._pending[: end + len(SYNC_END)])
                self._pending = self._pending[end + len(SYNC_END) :]
            elif SYNC_END not in self._pending and b"\x1b[?2026h" not in self._pending:
                self._stream.feed(self._pending)  # before frames are marked (the first ones)
                self._pending = b""
            if left <= 0:
                return

    def wait_for(self, text: str, *, on_board: bool = False) -> bool:
        """Read until `text` is on the screen (on the board: not just in the idea line)."""
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            self.read(0.02)
            if text in self.board() if on_board else text in screen_text(self):
                return True
        return False

    def board(self) -> dict[str, bool | None]:
        """The ideas on the board now: token → shown as saved (no pending mark), pending, or
        None where a toast covers the row's end (the shipped plan's sample-text warning stands
        over the board's lower rows for its first seconds): there the mark, or its absence,
        cannot be seen, so that reading shows the idea neither saved nor pending."""
        shown: dict[str, bool | None] = {}
        for line in self.screen.display:
            found = BOARD_ROW.search(line)
            if found:
                covered = TOAST_EDGE in line[found.end() :] and PENDING not in line
                shown[found["idea"]] = None if covered else PENDING not in line
        return shown

    def kill(self, signal_number: int = signal.SIGKILL) -> int:
        """Send the app a signal and wait for it to end, reading its screen meanwhile (an app
        that cannot write to its terminal would hang); its exit status."""
        os.kill(self.pid, signal_number)
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            ended, status = os.waitpid(self.pid, os.WNOHANG)
            if ended:
                os.close(self._fd)
                return status
            self.read(0.02)
        raise RuntimeError(f"the app did not end on signal {signal_number}")


@dataclass
class Trial:
    typed: int = 0
    shown_saved: set[str] = field(default_factory=set)
    shown_pending: set[str] = field(default_factory=set)
    recorded: set[str] = field(default_factory=set)

    @property
    def lost_but_shown(self) -> set[str]:
        return self.shown_saved - self.recorded


def start_app(data: Path, slow_fsync_ms: str | None) -> Terminal:
    """The real app on a terminal, a meeting started at once (`wyber run wyber-30.en --now`)."""
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith("WYBER_")},
        "TERM": "xterm-256color",
        "PYTHONPATH": str(REPO),
        "WYBER_HOME": str(data),
    }
    if slow_fsync_ms:
        environment["WYBER_SLOW_FSYNC_MS"] = slow_fsync_ms
    argv = [sys.executable, "-m", "tui", "--lang", "en", "run", "wyber-30.en", "--now"]
    terminal = Terminal(argv, environment)
    if not terminal.wait_for(STARTED):
        terminal.kill()
        raise RuntimeError("the app did not start:\n" + screen_text(terminal))
    return terminal


def run_trial(number: int, slow: bool, ideas: int, rng: random.Random, scratch: Path) -> Trial:
    data = scratch / f"trial-{number}"
    trial = Trial()
    terminal = start_app(data, SLOW_FSYNC_MS if slow else None)
    try:
        kill_after = rng.randint(1, ideas)
        for n in range(1, kill_after + 1):
            token = f"T{number}N{n}"
            terminal.type(f"{token} {rng.choice(WORDS)}\r")
            trial.typed += 1
            drawn = terminal.wait_for(token, on_board=True)
            if not drawn:
                raise RuntimeError(
                    f"trial {number}: idea {n} never drawn:\n" + screen_text(terminal)
                )
            look(terminal, trial)
            if n < kill_after:
                time.sleep(rng.uniform(0.0, 0.06))  # between ideas: typing the next one
                terminal.read(0.0)
                look(terminal, trial)
        time.sleep(rng.uniform(0.0, 0.06))
    finally:
        terminal.kill()
    trial.recorded = recorded_ideas(data)
    return trial


def look(terminal: Terminal, trial: Trial) -> None:
    for token, saved in terminal.board().items():
        if saved is not None:
            (trial.shown_saved if saved else trial.shown_pending).add(token)
    trial.shown_pending -= trial.shown_saved


def screen_text(terminal: Terminal) -> str:
    return "\n".join(terminal.screen.display)


def recorded_ideas(data: Path) -> set[str]:
    archive = Archive(data)
    ids = archive.ids()
    if not ids:
        return set()
    state = fold(archive.read(ids[0]))
    return {idea.text.split()[0] for idea in state.ideas.values()}


def report(label: str, trials: Sequence[Trial]) -> str:
    typed = sum(t.typed for t in trials)
    saved = sum(len(t.shown_saved) for t in trials)
    pending = sum(len(t.shown_pending) for t in trials)
    recorded = sum(len(t.recorded) for t in trials)
    lost_shown = sum(len(t.lost_but_shown) for t in trials)
    lost_pending = sum(len(t.shown_pending - t.recorded) for t in trials)
    return (
        f"{label:<22} {len(trials):>6} {typed:>6} {saved:>12} {pending:>14} {recorded:>9}"
        f" {lost_shown:>15} {lost_pending:>20}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else None)
    parser.add_argument("--trials", type=int, default=100, help="trials in all (half slowed)")
    parser.add_argument("--ideas", type=int, default=12, help="ideas typed per trial, at most")
    parser.add_argument("--seed", type=int, default=20261201)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    scratch = Path(tempfile.mkdtemp(prefix="wyber-crash-trials-"))
    started = time.perf_counter()
    results: dict[bool, list[Trial]] = {False: [], True: []}
    try:
        for number in range(1, args.trials + 1):
            slow = number % 2 == 0
            results[slow].append(run_trial(number, slow, args.ideas, rng, scratch))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(
        f"{'disk':<22} {'trials':>6} {'typed':>6} {'shown saved':>12} {'shown pending':>14}"
        f" {'recorded':>9} {'lost-but-shown':>15} {'lost, shown pending':>20}"
    )
    print(report("as it is", results[False]))
    print(report(f"fsync slowed {SLOW_FSYNC_MS} ms", results[True]))
    everything = results[False] + results[True]
    print(report("all", everything))
    lost = sorted(token for trial in everything for token in trial.lost_but_shown)
    print(f"(ran in {time.perf_counter() - started:.0f} s)")
    if lost:
        print(f"LOST although shown as saved: {', '.join(lost)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
