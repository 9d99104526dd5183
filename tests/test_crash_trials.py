"""A short run of the crash trials (bench/crash_trials.py): the real app on a pseudo-terminal,
ideas typed, SIGKILL at a random moment, on a normal and on a slowed disk; nothing the screen
showed as saved is missing from the journal. The full run is `bench/crash_trials.py --trials 100`.
"""

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_a_few_kill_9_trials_through_a_terminal_lose_nothing_shown_as_saved() -> None:
    run = subprocess.run(
        [sys.executable, str(REPO / "bench" / "crash_trials.py"), "--trials", "4", "--ideas", "6"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    rows = {line.split("  ")[0]: line.split() for line in run.stdout.splitlines()}
    everything = rows["all"]
    trials, typed, shown_saved, _, recorded, lost_but_shown = map(int, everything[1:7])
    assert trials == 4 and typed >= 4
    assert lost_but_shown == 0
    assert recorded >= shown_saved


def test_a_closed_terminal_ends_wyber_only_after_what_waits_is_on_disk(tmp_path: Path) -> None:
    """SIGHUP (the terminal window closed) used to end the process at once, taking the records
    that still waited for a slow disk with it."""
    sys.path.insert(0, str(REPO / "bench"))
    try:
        from crash_trials import recorded_ideas, start_app
    finally:
        sys.path.remove(str(REPO / "bench"))

    data = tmp_path / "data"
    terminal = start_app(data, slow_fsync_ms="1000")
    terminal.type("T1N1 fietsen\r")
    assert terminal.wait_for("T1N1", on_board=True)
    assert terminal.board() == {"T1N1": False}  # shown, pending: its fsync takes a second
    status = terminal.kill(signal.SIGHUP)
    assert os.WIFEXITED(status), status  # it ended by itself, not by the signal
    assert recorded_ideas(data) == {"T1N1"}
