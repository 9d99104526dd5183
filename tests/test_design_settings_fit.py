"""At 80 columns the agenda designer shows each movement's setting whole: "sec./beurt" was cut
to "sec./beu" (and "max. score", "top score" lost their last letters) at the row's edge."""

from pathlib import Path

import pytest
from textual.widgets import Label

from tests.factory import plan_data
from tests.snapshot_kit import LANG, make_app, settle
from tests.test_layout_fits import drawn_words
from tui.wyber.i18n import Language, tr
from tui.wyber.plan import Plan

pytestmark = pytest.mark.usefixtures("amsterdam_time")

# One step with every setting a movement can have: a go-around's turn, a score's top.
SETTINGS = {
    "title": "Alles",
    "diverge": {"minutes": 10, "technique": "go_around", "turn_seconds": 120},
    "converge": {"minutes": 10, "technique": "score", "max_score": 10},
    "consolidate": {"minutes": 10, "technique": "consent_round"},
}
DOTS = {**SETTINGS, "converge": {"minutes": 10, "technique": "dot_vote", "dots": 3}}


@LANG
async def test_every_setting_of_a_movement_is_drawn_whole_at_80_columns(
    tmp_path: Path, lang: Language
) -> None:
    plan = Plan.model_validate(plan_data(language=lang, steps=[SETTINGS, DOTS]))
    app = make_app(tmp_path, lang, plan=plan)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f2", "f2")  # the agenda tab
        await pilot.pause()
        for unit in ("turn_seconds", "max_score", "dots"):
            word = tr(lang, f"design.setting.{unit}")
            label = next(
                label
                for label in app.screen.query("Label.unit").results(Label)
                if str(label.render()) == word
            )
            label.scroll_visible(animate=False, immediate=True)
            await pilot.pause()
            row = label.parent
            assert row is not None
            inside = drawn_words(app, row.region.intersection(app.screen.region))
            assert inside.endswith(word), f"{word!r} is cut: {inside!r}"
