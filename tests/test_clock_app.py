"""The big clock as the room sees it: paused in words, a strong red over time, bigger on a bigger
screen, and never under a dialog."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from textual.color import Color
from textual.pilot import Pilot
from textual.widget import Widget

from tests.factory import FakeClock, FakeWall
from tests.test_run_flow import make_app, ticked, wyber_30
from tui.app import WyberApp
from tui.dialogs.base import WyberModal
from tui.dialogs.people import PeopleDialog
from tui.dialogs.rebalance import RebalanceDialog
from tui.themes import CONTRAST_THEME
from tui.widgets.clock import BigClock, big_lines, fitting_scale, pixel_width
from tui.wyber.i18n import Language

SIZES = [(80, 24), (160, 48)]


@asynccontextmanager
async def run_screen(
    tmp_path: Path, lang: Language = "en", size: tuple[int, int] = (80, 24)
) -> AsyncIterator[tuple[WyberApp, Pilot[None], FakeClock]]:
    """`wyber run --now` on the 30-minute exercise, on a fake clock: the first round runs."""
    clock = FakeClock()
    app = make_app(tmp_path, clock, FakeWall(clock), plan=wyber_30(lang), run_now=True)
    async with app.run_test(size=size) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        yield app, pilot, clock


def big_clock(app: WyberApp) -> BigClock:
    return app.screen_stack[-1].query_one(BigClock)


def digit_rows(clock: BigClock) -> int:
    """Rows of the clock with a digit's block in them."""
    return sum(1 for line in str(clock.render()).splitlines() if set(line) & set("▀▄█"))


def test_digits_are_drawn_square_and_scale_whole() -> None:
    assert big_lines("10:00", 1) == [
        "▄█  █▀█ ▄ █▀█ █▀█",
        " █  █ █ ▄ █ █ █ █",
        "▀▀▀ ▀▀▀   ▀▀▀ ▀▀▀",
    ]
    assert len(big_lines("10:00", 4)) == 10
    assert len(big_lines("10:00", 4)[0]) == 4 * pixel_width("10:00")
    assert fitting_scale("+00:00", rows=4, columns=60) == 1  # 80×24: three rows of digits
    assert fitting_scale("+00:00", rows=10, columns=88) == 4
    assert fitting_scale("+00:00", rows=1, columns=5) == 1  # never below one


@pytest.mark.parametrize(("lang", "word"), [("en", "PAUSED"), ("nl", "PAUZE")])
async def test_a_paused_clock_says_so_in_words(tmp_path: Path, lang: Language, word: str) -> None:
    async with run_screen(tmp_path, lang) as (app, pilot, _):
        assert word not in str(big_clock(app).render())
        await pilot.press("f2")
        await pilot.pause()
        assert word in str(big_clock(app).render())
        await pilot.press("f2")
        await pilot.pause()
        assert word not in str(big_clock(app).render())


async def test_over_time_the_clock_is_white_on_a_strong_red_in_every_theme(tmp_path: Path) -> None:
    async with run_screen(tmp_path) as (app, pilot, clock):
        clock.advance(11 * 60)
        big = big_clock(app)
        await ticked(pilot, lambda: big.value == "+01:00")
        assert big.value == "+01:00" and "OVER TIME" in str(big.render())
        assert big.styles.background == Color.parse("#CC0000")  # textual-dark's own is muted
        assert big.styles.color == Color.parse("#FFFFFF")
        await pilot.press("f6")  # the high-contrast look for projection
        await pilot.pause()
        assert app.theme == CONTRAST_THEME.name
        assert big.styles.background == Color.parse("#E00000")
        assert big.styles.color == Color.parse("#FFFFFF")


async def test_the_clock_grows_with_the_window_and_leaves_the_board_room(tmp_path: Path) -> None:
    heights = {}
    for size in SIZES:
        async with run_screen(tmp_path / f"{size[0]}", size=size) as (app, _, _):
            heights[size] = digit_rows(big_clock(app))
            assert app.screen.query_one("#panels").region.height >= 10
    assert heights == {(80, 24): 3, (160, 48): 10}


async def test_resizing_the_window_resizes_the_clock(tmp_path: Path) -> None:
    async with run_screen(tmp_path) as (app, pilot, _):
        await pilot.resize_terminal(160, 48)
        await pilot.pause()
        assert digit_rows(big_clock(app)) == 10


def clear_of_the_clock(app: WyberApp) -> None:
    """The dialog on top leaves the run screen's clock in sight: nothing of it over the clock,
    and the clock's rows shown unshaded above it."""
    dialog = app.screen
    assert isinstance(dialog, WyberModal)
    clock = app.screen_stack[-2].query_one(BigClock).region
    box = dialog.query_one(".dialog").region
    assert not box.overlaps(clock)
    window = dialog.query_one("ClockWindow", Widget).region
    assert window.contains_region(clock)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x48"])
async def test_dialogs_over_the_run_screen_leave_the_clock_in_sight(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    async with run_screen(tmp_path, size=size) as (app, pilot, clock):
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert isinstance(app.screen, PeopleDialog)
        clear_of_the_clock(app)
        await pilot.press("escape")
        clock.advance(12 * 60)
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert isinstance(app.screen, RebalanceDialog)
        clear_of_the_clock(app)
        # The rebalance's keys and buttons stay on screen under the clock, at 80×24 too.
        for part in ("#confirm", "#cancel"):
            assert app.screen.query_one(part).region.bottom <= size[1]
