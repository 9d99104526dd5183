"""The writer's word that records are on disk, and the clock's tick, can come while the run screen
is being taken down (the app closing right after a record): its parts go one by one, and the
handlers raised NoMatches for the part already gone ('#saved', the board's list, the clock, the
agenda). They draw on what is left."""

from pathlib import Path

import pytest
from textual.widgets import Input

from tests.snapshot_kit import make_app, settle
from tests.test_run_flow import stored
from tests.test_snapshots import wyber_30
from tui.app import WyberApp
from tui.screens.run import RunScreen

pytestmark = pytest.mark.usefixtures("amsterdam_time")


@pytest.mark.parametrize(
    "gone", ["#saved", "#ideas", "#clock", "#rail"], ids=["saved", "board", "clock", "agenda"]
)
async def test_records_made_durable_while_the_screen_goes_crash_nothing(
    tmp_path: Path, gone: str
) -> None:
    app = make_app(tmp_path, "nl", plan=wyber_30("nl"), run_now=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, RunScreen)
        screen.query_one("#idea", Input).value = "Een idee vlak voor het sluiten"
        await pilot.press("enter")
        await screen.query_one(gone).remove()  # taken down before the writer's word came
        assert app.writer is not None and app.writer.flush(timeout=10)
        app.post_message(WyberApp.DurableMoved())
        screen.tick()  # and before the clock's interval fired
        await pilot.pause()
        assert app.crash is None and app.is_running
    assert app.crash is None
    assert [idea.text for idea in stored(app).ideas.values()] == ["Een idee vlak voor het sluiten"]
