"""Prepare's participant table shows each mandate whole: in full where the typed columns keep
room beside it (160 columns), else in its short form (80); "raadpleegt eerst de achterb…" was cut
even at 160."""

from pathlib import Path

import pytest

from tests.snapshot_kit import LANG, make_app, settle
from tests.test_layout_fits import screen_lines
from tests.test_snapshots import invitees, wyber_30
from tui.screens.prepare import PrepareScreen
from tui.wyber.i18n import Language, tr

pytestmark = pytest.mark.usefixtures("amsterdam_time")


@LANG
@pytest.mark.parametrize(("size", "form"), [((160, 48), "design"), ((80, 24), "consent")])
async def test_the_mandate_shows_whole_in_full_or_short(
    tmp_path: Path, lang: Language, size: tuple[int, int], form: str
) -> None:
    app = make_app(tmp_path, lang, plan=wyber_30(lang))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, PrepareScreen)
        await invitees(pilot)
        await pilot.pause()
        table = app.screen.query_one("#invitees").region
        rows = [line[table.x : table.right] for line in screen_lines(app)[table.y : table.bottom]]
        drawn = "\n".join(rows)
        for mandate in ("decides", "consults"):
            shown = tr(lang, f"{form}.mandate.{mandate}")
            assert shown in drawn and shown + "…" not in drawn, drawn
        if form == "consent":  # the full form, longer than the short, is neither drawn nor cut
            assert tr(lang, "design.mandate.consults")[:18] not in drawn, drawn
        else:  # at 160 the typed columns keep their room too
            assert "Gemeente Rotterdam" in drawn, drawn
