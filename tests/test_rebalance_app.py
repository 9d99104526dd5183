"""Ctrl+B as the facilitator uses it: a preview first, protected boxes, and one undo."""

from pathlib import Path

import pytest
from textual.widgets import OptionList

from tests.test_clock_app import run_screen
from tests.test_layout_fits import screen_lines
from tests.test_run_flow import stored
from tui.app import WyberApp
from tui.dialogs.rebalance import RebalanceDialog
from tui.screens.run import RunScreen
from tui.wyber.events import Rebalanced
from tui.wyber.i18n import Language, tr
from tui.wyber.plan import Movement
from tui.wyber.store import Archive

D, C, K = Movement.DIVERGE, Movement.CONVERGE, Movement.CONSOLIDATE


def budgets(app: WyberApp) -> list[float]:
    assert app.meeting is not None
    return [segment.budget for segment in app.meeting.state.segments]


def lines(dialog: RebalanceDialog) -> list[str]:
    boxes = dialog.query_one("#boxes", OptionList)
    return [str(boxes.get_option_at_index(i).prompt) for i in range(boxes.option_count)]


def rebalanced(app: WyberApp) -> list[Rebalanced]:
    assert app.meeting is not None
    records = Archive(app.data).read(app.meeting.state.session_id)
    return [r.event for r in records if isinstance(r.event, Rebalanced)]


async def test_ctrl_b_previews_in_whole_minutes_and_changes_nothing_until_confirmed(
    tmp_path: Path,
) -> None:
    async with run_screen(tmp_path, "en") as (app, pilot, clock):
        clock.advance(13 * 60 + 20)  # the diverge of 10 minutes ran 3 min 20 s over
        await pilot.press("f8")
        await pilot.press("ctrl+b")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, RebalanceDialog)
        # The box the group is in is protected by default; the last one gives all 4 minutes.
        assert lines(dialog) == [
            "10′       ✔ protected  1. Converge · Working together better (now)",
            "10′ → 6′               1. Consolidate · Working together better",
        ]
        assert "4 min past its planned end" in str(dialog.query_one("#rebalance-summary").render())
        assert budgets(app) == [600, 600, 600]  # only a preview so far

        await pilot.press("space")  # the converge is released: the two share the minutes
        await pilot.pause()
        assert lines(dialog)[0].startswith("10′ → 8′")
        assert lines(dialog)[1].startswith("10′ → 8′")
        await pilot.press("escape")  # Esc: nothing changes, nothing is recorded
        await pilot.pause()
        assert isinstance(app.screen, RunScreen)
        assert budgets(app) == [600, 600, 600] and rebalanced(app) == []

        await pilot.press("ctrl+b")
        await pilot.pause()
        await pilot.press("ctrl+s")  # the defaults again: the current box protected
        await pilot.pause()
        assert isinstance(app.screen, RunScreen)
        assert budgets(app) == [600, 600, 360]
        assert stored(app).segments[2].budget == 360
        assert len(rebalanced(app)) == 1

        await pilot.press("ctrl+z")  # one undo takes the whole rebalance back
        await pilot.pause()
        assert budgets(app) == [600, 600, 600]
        assert stored(app).segments[2].budget == 600


async def test_ctrl_b_on_time_says_so_and_opens_nothing(tmp_path: Path) -> None:
    async with run_screen(tmp_path, "nl") as (app, pilot, _):
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert isinstance(app.screen, RunScreen)
        assert budgets(app) == [600, 600, 600]


@pytest.mark.parametrize("lang", ["nl", "en"])
async def test_with_every_box_protected_the_dialog_says_so_and_cannot_confirm(
    tmp_path: Path, lang: Language
) -> None:
    async with run_screen(tmp_path, lang) as (app, pilot, clock):
        clock.advance(15 * 60)
        await pilot.press("f8", "ctrl+b")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, RebalanceDialog)
        await pilot.press("down", "space")  # the consolidate protected too
        await pilot.pause()
        # It is the protection that leaves nothing to take, and Space is the way out: said.
        summary = " ".join(str(dialog.query_one("#rebalance-summary").render()).split())
        assert tr(lang, "rebalance.held", minutes=5) in summary
        assert ("Spatie" if lang == "nl" else "Space") in summary
        words = " ".join(" ".join(screen_lines(app)).split())
        assert tr(lang, "rebalance.held", minutes=5).split()[-1] in words  # drawn whole at 80×24
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, RebalanceDialog)  # nothing to confirm: it stays
        assert budgets(app) == [600, 600, 600]
        await pilot.press("space")  # the consolidate released: it gives again
        await pilot.pause()
        summary = str(dialog.query_one("#rebalance-summary").render())
        assert tr(lang, "rebalance.fits") in " ".join(summary.split())


@pytest.mark.parametrize("lang", ["nl", "en"])
async def test_only_the_protected_boxes_show_a_mark(tmp_path: Path, lang: Language) -> None:
    async with run_screen(tmp_path, lang) as (app, pilot, clock):
        clock.advance(13 * 60)
        await pilot.press("f8", "ctrl+b")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, RebalanceDialog)
        mark = tr(lang, "rebalance.protected")

        def drawn_rows() -> list[str]:
            boxes = dialog.query_one("#boxes").region
            rows = screen_lines(app)[boxes.y : boxes.bottom]
            drawn = (row[boxes.x : boxes.right].strip() for row in rows)
            return [row for row in drawn if row]

        # The converge (the group is in it) is protected, the consolidate not: the row says so
        # in words, and an unprotected row has no mark at all (every row showed a ▐X▌ box).
        protected, free = drawn_rows()
        assert protected.startswith("10′") and mark in protected
        assert free.startswith("10′ → 7′") and "✔" not in free and mark not in free
        await pilot.press("space")  # released: its mark goes
        await pilot.press("down", "space")  # the consolidate protected: its mark comes
        await pilot.pause()
        free, protected = drawn_rows()
        assert mark not in free and mark in protected
        assert dialog.protected == frozenset({(0, K)})
