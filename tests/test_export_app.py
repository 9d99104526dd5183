"""Export in the app: from the summary of a meeting just finished, and from a past session on
Home. The export runs in a worker, follows its stages and ends by showing where the file went."""

from pathlib import Path

import docx
from textual.widgets import OptionList, ProgressBar, Static

from tests.test_ending import Ending, Room, ending, lang, room, unwrapped
from tests.test_home_prepare import NOW, loaded, make_app
from tests.test_layout_fits import drawn_words
from tui.dialogs.export import ExportDialog
from tui.screens.home import SessionTable
from tui.wyber.fold import fold
from tui.wyber.i18n import tr
from tui.wyber.paths import shipped_plans_dir
from tui.wyber.plans import load_plan
from tui.wyber.sample import sample_records
from tui.wyber.store import Archive

SESSION = "20261123-0900-beef"
__all__ = ["lang", "room"]  # fixtures of test_ending, used here


async def export_from(pilot_ending: Ending, fmt_index: int) -> ExportDialog:
    pilot = pilot_ending.pilot
    await pilot.press("x")
    await pilot.pause()
    dialog = pilot_ending.app.screen
    assert isinstance(dialog, ExportDialog)
    for _ in range(fmt_index):
        await pilot.press("down")
    await pilot.press("enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return dialog


def result_of(dialog: ExportDialog) -> str:
    return str(dialog.query_one("#export-result", Static).render())


async def test_the_summary_exports_the_minutes_and_says_where_they_went(
    room: Room, tmp_path: Path
) -> None:
    async with ending(room) as e:
        e.app._exports = tmp_path / "out"
        summary = await e.open_summary()
        assert "export" in [b.binding.id for b in summary.active_bindings.values()]
        dialog = await export_from(e, 0)
        written = list((tmp_path / "out").glob("*.docx"))
        assert len(written) == 1
        assert written[0].name.endswith(tr(e.room.state.language, "minutes.file_word") + ".docx")
        assert str(written[0]) in unwrapped(result_of(dialog))
        assert dialog.query_one(ProgressBar).percentage == 1.0
        opened = docx.Document(str(written[0]))
        assert opened.core_properties.title == e.room.state.title
        # A second export keeps the first and is saved beside it.
        await e.pilot.press("escape")
        await export_from(e, 0)
        names = sorted(p.name for p in (tmp_path / "out").glob("*.docx"))
        assert len(names) == 2 and any(name.endswith(" (2).docx") for name in names)
        await e.pilot.press("escape")
        assert e.app.screen is summary


async def test_home_exports_the_highlighted_past_session_as_markdown(tmp_path: Path) -> None:
    plan = load_plan(shipped_plans_dir() / "kickoff.nl.toml")
    Archive(tmp_path / "data").import_records(sample_records(plan, SESSION, NOW, ideas=30))
    app = make_app(tmp_path / "data", "nl")
    app._exports = tmp_path / "out"
    async with app.run_test(size=(100, 30)) as pilot:
        home = await loaded(pilot)
        home.query_one(SessionTable).focus()
        await pilot.press("x")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        options = dialog.query_one(OptionList)
        assert options.option_count == 4
        await pilot.press("down", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        (written,) = (tmp_path / "out").glob("*.md")
        assert written.name == "2026-11-23 Kick-off ketenproject verslag.md"
        text = written.read_text(encoding="utf-8")
        state = fold(Archive(tmp_path / "data").read(SESSION))
        for idea in state.ideas.values():
            assert idea.text in text
        assert "Het verslag staat in" in result_of(dialog)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is home


async def test_an_export_that_cannot_be_written_says_why_and_keeps_the_dialog_open(
    tmp_path: Path,
) -> None:
    plan = load_plan(shipped_plans_dir() / "wyber-30.en.toml")
    Archive(tmp_path / "data").import_records(sample_records(plan, SESSION, NOW, ideas=5))
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    app = make_app(tmp_path / "data", "en")
    app._exports = blocker / "wyber"
    async with app.run_test(size=(100, 30)) as pilot:
        home = await loaded(pilot)
        home.query_one(SessionTable).focus()
        await pilot.press("x", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        message = result_of(dialog)
        assert "not-a-folder" in unwrapped(message)
        assert "Errno" not in message  # said in words, not as Python's error
        assert blocker.read_text() == "a file where the folder should be"


async def test_the_result_closes_on_any_key_so_the_next_x_exports_again(
    room: Room, tmp_path: Path
) -> None:
    async with ending(room) as e:
        e.app._exports = tmp_path / "out"
        summary = await e.open_summary()
        dialog = await export_from(e, 1)
        assert tr(e.room.state.language, "table2.export.close_any") in unwrapped(result_of(dialog))
        await e.pilot.press("x")  # closes the result, and does nothing else
        await e.pilot.pause()
        assert e.app.screen is summary
        await export_from(e, 1)  # the next x opens a new export
        assert len(list((tmp_path / "out").glob("*.md"))) == 2


async def test_the_format_list_says_its_keys_and_esc_cancels(room: Room) -> None:
    async with ending(room) as e:
        summary = await e.open_summary()
        await e.pilot.press("x")
        await e.pilot.pause()
        dialog = e.app.screen
        assert isinstance(dialog, ExportDialog)
        said = tr(e.room.state.language, "minutes.export.keys")
        assert said in drawn_words(e.app, dialog.query_one("#export").region)
        await e.pilot.press("escape")
        await e.pilot.pause()
        assert e.app.screen is summary
