"""Nothing a facilitator needs is clipped or hidden at a laptop's 80×24, in Dutch and English.

Each test looks where a person would: whether a key's label lies whole on the screen, whether a
list stays inside its dialog, whether a text's last words are drawn. The screens are those of the
snapshot tests (tests/test_snapshots.py), on fake clocks.
"""

import io
from pathlib import Path

import pytest
from rich.console import Console
from textual.app import App
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import DataTable, OptionList, Select

from tests.layout_scenes import (
    EVALUATION,
    LAST_WORDS,
    consent_with_nobody,
    evaluated_summary_at_its_end,
    long_idea_on_a_full_board,
    meeting_of,
    redrawn_at_the_top,
    veld_list_open,
)
from tests.snapshot_kit import LANG, NOW, make_app, settle
from tests.test_snapshots import MEETING_ID, record_meeting, resumed, wyber_30
from tui.internals import FooterKey
from tui.screens.replay import ReplayScreen
from tui.screens.run import RunScreen
from tui.widgets.key_strip import KeyStrip, wrap
from tui.wyber.dates import compact_date
from tui.wyber.i18n import Language, tr

pytestmark = pytest.mark.usefixtures("amsterdam_time")

LAPTOP = (80, 24)


def screen_lines(app: App[None]) -> list[str]:
    """The screen as a person reads it: its lines of text, dialogs over what is behind them."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), record=True)
    screen = app.screen
    console.print(screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text().splitlines()


def drawn_words(app: App[None], region: Region | None = None) -> str:
    """The words drawn on the screen (or inside `region`), line after line, spaces folded."""
    box = region or app.screen.region
    rows = screen_lines(app)[box.y : box.bottom]
    return " ".join(" ".join(line[box.x : box.right] for line in rows).split())


def seen(app: App[None], widget: Widget) -> Region:
    """The part of the widget that is drawn on the screen (none when it is scrolled away)."""
    geometry = app.screen.find_widget(widget)
    return geometry.region.intersection(geometry.clip).intersection(app.screen.region)


def keys_on_screen(app: App[None]) -> dict[str, Region]:
    """Each key of the strip that is drawn whole: its binding's key → where it is."""
    shown: dict[str, Region] = {}
    for key in app.screen.query(FooterKey):
        region = app.screen.find_widget(key).region
        if seen(app, key) == region and region.width >= len(key.key_display):
            shown[key.key] = region
    return shown


# ── the keys ────────────────────────────────────────────────────────────────────────────────

# Every key of the run screen, in every movement (the review key only in a series).
MEETING_KEYS = ["f2", "f3", "f4", "f7", "f8", "f9", "ctrl+b", "ctrl+g", "ctrl+z", "ctrl+f", "f5"]
BOARD_KEYS = {
    1: ["ctrl+r"],
    2: ["enter", "space", "c", "plus", "minus", "v"],  # a dot vote: no score key
    3: ["a", "e", "i"],
}
# High contrast (F6) wherever the strip has room for it without another line; Quit goes first.
CONTRAST_SHOWN = {1: ["f6"], 2: [], 3: ["f6"]}


@LANG
@pytest.mark.parametrize("stage", [1, 2, 3], ids=["diverge", "converge", "consolidate"])
async def test_every_key_of_a_round_is_on_the_laptops_screen(
    tmp_path: Path, lang: Language, stage: int
) -> None:
    app = resumed(tmp_path, lang, stage)
    async with app.run_test(size=LAPTOP) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, RunScreen)
        shown = keys_on_screen(app)
        for key in [*BOARD_KEYS[stage], *MEETING_KEYS, *CONTRAST_SHOWN[stage], "f1", "ctrl+p"]:
            assert key in shown, f"{key} is not on the screen: {sorted(shown)}"
        # F1 help and the palette list every key, the strip's and the rest.
        # (At 80×24 the help sits below the clock and scrolls: its table is read, not the screen.)
        await pilot.press("f1")
        await pilot.pause()
        table = app.screen.query_one("#help-keys", DataTable)
        listed = " ".join(
            str(cell) for row in range(table.row_count) for cell in table.get_row_at(row)
        )
        assert tr(lang, "key.rebalance") in listed


@LANG
@pytest.mark.parametrize("stage", [1, 2], ids=["diverge", "converge"])
async def test_a_toast_covers_neither_the_idea_line_nor_the_keys(
    tmp_path: Path, lang: Language, stage: int
) -> None:
    """A notification stood over the idea line for as long as it lasted (the sample-text notice
    of `run --now` ten seconds): it stands above the idea line and the strip now."""
    app = resumed(tmp_path, lang, stage)
    async with app.run_test(size=LAPTOP, notifications=True) as pilot:
        await settle(pilot)
        app.notify(tr(lang, "prep2.samples.started", count=4), timeout=30)
        await pilot.pause()
        await pilot.pause()
        toasts = [seen(app, toast) for toast in app.screen.query("Toast")]
        assert toasts and all(toasts)
        widgets = [app.screen.query_one(KeyStrip), *app.screen.query("#idea-entry")]
        below = [widget for widget in widgets if widget.region]  # laid out, not switched away
        assert len(below) == (2 if stage == 1 else 1)  # the idea line only while diverging
        for widget in below:
            assert all(not toast.overlaps(seen(app, widget)) for toast in toasts), widget


def test_keys_wrap_whole_onto_the_next_line() -> None:
    assert wrap([10, 10, 10], 25) == [[0, 1], [2]]
    assert wrap([10, 15, 30, 5], 25) == [[0, 1], [2], [3]]  # too wide for any line: alone
    assert wrap([], 25) == []


@LANG
async def test_home_shows_its_keys_whole(tmp_path: Path, lang: Language) -> None:
    record_meeting(tmp_path, lang, 2)
    app = make_app(tmp_path, lang)
    async with app.run_test(size=LAPTOP) as pilot:
        await settle(pilot)
        shown = keys_on_screen(app)
        for key in ("r", "n", "o", "h", "l", "f1", "f6", "ctrl+q"):
            assert key in shown, f"{key} is not whole on the screen: {sorted(shown)}"
        assert tr(lang, "key.contrast") in drawn_words(app)
        assert tr(lang, "table2.key.language") in drawn_words(app)


# ── replay ──────────────────────────────────────────────────────────────────────────────────


@LANG
async def test_replay_shows_the_last_event_and_the_steps_title_whole(
    tmp_path: Path, lang: Language
) -> None:
    record_meeting(tmp_path, lang, 4)
    app = make_app(tmp_path, lang, replay=MEETING_ID)
    async with app.run_test(size=LAPTOP) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ReplayScreen)
        last = app.screen.query_one("#replay-last")
        said = str(last.render())
        assert said and seen(app, last).width >= len(said)
        rail = [line[:25] for line in screen_lines(app)[1:6]]
        title = wyber_30(lang).steps[0].title
        assert all(word in " ".join(rail) for word in title.split()), rail
        assert "…" not in " ".join(rail)


@LANG
@pytest.mark.parametrize("size", [LAPTOP, (160, 48)], ids=["80x24", "160x48"])
async def test_a_long_titles_replay_header_says_it_whole_and_the_date_as_it_has_room(
    tmp_path: Path, lang: Language, size: tuple[int, int]
) -> None:
    title = "Accu's van deelscooters: tweede leven"
    record_meeting(tmp_path, lang, 4, title=title)
    app = make_app(tmp_path, lang, replay=MEETING_ID)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ReplayScreen)
        header = screen_lines(app)[0]
        assert title in header and "…" not in header
        day = NOW.date()
        assert compact_date(day, lang) in header  # the year, "replay ·" go first, as needed
        if size != LAPTOP:
            dated = compact_date(day, lang, with_year=True)
            assert header.rstrip().endswith(tr(lang, "replay.subtitle", date=dated))


# ── dialogs ─────────────────────────────────────────────────────────────────────────────────


@LANG
async def test_the_veld_list_opens_inside_the_agreement_form(
    tmp_path: Path, lang: Language
) -> None:
    app = resumed(tmp_path, lang, 3)
    async with app.run_test(size=LAPTOP) as pilot:
        await settle(pilot)
        await veld_list_open(pilot)
        field = app.screen.query_one("#field", Select)
        assert field.expanded
        form = app.screen.query_one("#agreement-form")
        overlay = field.query_one("SelectOverlay")
        assert form.region.contains_region(overlay.region), (form.region, overlay.region)


@LANG
async def test_the_consent_round_says_whole_that_nobody_is_present(
    tmp_path: Path, lang: Language
) -> None:
    app = make_app(tmp_path, lang, plan=wyber_30(lang), run_now=True)
    async with app.run_test(size=LAPTOP) as pilot:
        await settle(pilot)
        await consent_with_nobody(pilot)
        inside = drawn_words(app, app.screen.query_one("#consent-round").content_region)
        assert " ".join(tr(lang, "consent.none_present").split()) in inside, inside


# ── the summary ─────────────────────────────────────────────────────────────────────────────


@LANG
async def test_the_summary_scrolls_to_the_end_of_the_evaluation(
    tmp_path: Path, lang: Language
) -> None:
    app = resumed(tmp_path, lang, 3)
    async with app.run_test(size=LAPTOP) as pilot:
        await settle(pilot)
        await evaluated_summary_at_its_end(pilot)
        went_well, next_step = EVALUATION[lang]
        assert went_well in drawn_words(app)
        assert next_step in drawn_words(app)


# ── the idea board ──────────────────────────────────────────────────────────────────────────


@LANG
async def test_a_wrapped_idea_goes_on_under_its_text_with_its_author(
    tmp_path: Path, lang: Language
) -> None:
    app = make_app(tmp_path, lang, plan=wyber_30(lang), run_now=True)
    async with app.run_test(size=LAPTOP) as pilot:
        await settle(pilot)
        await long_idea_on_a_full_board(pilot)
        box = app.screen.query_one("#ideas", OptionList).content_region
        rows = [line[box.x : box.right] for line in screen_lines(app)[box.y : box.bottom]]
        assert rows[0].startswith("  1  ")
        second = next(n for n, row in enumerate(rows) if row.startswith("  2  "))
        rest = rows[1:second]
        assert rest, rows  # the idea takes more than one line at 80 columns
        # Each line after its first starts under its text, none where a number stands.
        assert all(row.startswith(" " * 5) and row.strip() for row in rest), rows
        assert "— Anna" in " ".join(rest) and LAST_WORDS[lang] in " ".join(rest)


@LANG
async def test_an_idea_keeps_its_last_words_and_author_once_the_board_scrolls(
    tmp_path: Path, lang: Language
) -> None:
    app = make_app(tmp_path, lang, plan=wyber_30(lang), run_now=True)
    async with app.run_test(size=LAPTOP) as pilot:
        await settle(pilot)
        await long_idea_on_a_full_board(pilot)
        board = app.screen.query_one("#ideas", OptionList)
        assert board.max_scroll_y > 0  # the board scrolls
        for edited in (False, True):
            if edited:
                meeting = meeting_of(pilot)
                meeting.edit_idea(meeting.ideas_of_step()[1].id, "idee 2, anders gezegd")
                await settle(pilot)
                await redrawn_at_the_top(pilot)
            drawn = drawn_words(app, board.content_region)
            assert LAST_WORDS[lang] in drawn, drawn
            assert "— Anna" in drawn, drawn
