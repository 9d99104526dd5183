"""Each thing Prepare asks for has its own word: the meeting's goal (which the minutes print as
"Doel"/"Goal") and the series' shared task were both labelled "Opgave" in Dutch."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.snapshot_kit import LANG, make_app, settle
from tests.test_snapshots import wyber_30
from tui.screens.prepare import PrepareScreen
from tui.wyber.i18n import Language, tr

pytestmark = pytest.mark.usefixtures("amsterdam_time")


@asynccontextmanager
async def preparing(data: Path, lang: Language) -> AsyncIterator[Pilot[None]]:
    """Prepare open on the 30-minute exercise at 80×24, settled."""
    app = make_app(data, lang, plan=wyber_30(lang))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, PrepareScreen)
        yield pilot


@LANG
async def test_the_meetings_goal_and_the_series_task_have_their_own_labels(
    tmp_path: Path, lang: Language
) -> None:
    async with preparing(tmp_path, lang) as pilot:
        app = pilot.app
        labels = [str(label.render()) for label in app.screen.query(".field-label, .design-label")]
        goal, series_goal = tr(lang, "design.goal"), tr(lang, "prepare.field.series_goal")
        assert goal in labels and series_goal in labels  # both are asked for in Prepare
        assert labels.count(goal) == 1 and labels.count(series_goal) == 1
        # The meeting's goal is called what the minutes call it.
        assert goal == tr(lang, "minutes.fact.goal")
