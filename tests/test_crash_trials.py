"""A short run of the crash trials (bench/crash_trials.py): the real app on a pseudo-terminal,
ideas typed, SIGKILL at a random moment, on a normal and on a slowed disk; nothing the screen
showed as saved is missing from the journal. The full run is `bench/crash_trials.py --trials 100`.
"""

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
