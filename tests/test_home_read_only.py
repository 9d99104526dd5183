"""A finished session opened from Home shows its summary read-only, as the history does: it takes
no lock, writes nothing and starts no meeting, also while another wyber holds the session."""

from pathlib import Path

from filelock import FileLock
from textual.widgets import Static

from tests.test_history import KICKOFF, RETRO, SMALL, four_sessions, make_app
from tests.test_navigation import home_on
from tui.screens.home import HomeScreen
from tui.screens.run import RunScreen
from tui.screens.summary import PastSummaryScreen
from tui.wyber.store import Archive


async def test_a_finished_session_opens_read_only_while_another_wyber_holds_it(
    tmp_path: Path,
) -> None:
    four_sessions(tmp_path)
    archive = Archive(tmp_path)
    before = archive.path_of(KICKOFF).read_bytes()
    app = make_app(tmp_path, "en")
    async with app.run_test(size=SMALL) as pilot:
        home = await home_on(pilot, KICKOFF)
        with FileLock(archive.locks_dir / f"{KICKOFF}.lock", blocking=False):
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            summary = app.screen
            assert isinstance(summary, PastSummaryScreen)
            title = str(summary.query_one("#summary-title", Static).content)
            assert title == "Kick-off batterijketen"
            assert [n.message for n in app._notifications] == []  # no "in use elsewhere"
        assert app.meeting is None and app.writer is None
        archive.check_free(KICKOFF)  # the app holds no lock on it
        await pilot.press("escape")
        assert app.screen is home and isinstance(home, HomeScreen)
    assert archive.path_of(KICKOFF).read_bytes() == before


async def test_a_broken_off_session_from_home_still_goes_on(tmp_path: Path) -> None:
    four_sessions(tmp_path)
    app = make_app(tmp_path, "en")
    async with app.run_test(size=SMALL) as pilot:
        await home_on(pilot, RETRO)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, RunScreen)
        assert app.meeting is not None
        app.leave_meeting()
