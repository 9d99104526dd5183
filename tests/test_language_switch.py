"""Home switches the app's language on a key (kept in the settings for the next start), and
Prepare speaks the language of the session being prepared."""

import json
from pathlib import Path

import pytest
from textual.widgets import Static

from tests.test_home_prepare import loaded, make_app, shipped
from tui.keys import screen_commands
from tui.screens.home import HomeScreen
from tui.screens.prepare import PrepareScreen
from tui.wyber.i18n import tr
from tui.wyber.settings import SETTINGS_FILE, app_language, save_language, saved_language


def headings(screen: HomeScreen) -> list[str]:
    return [str(s.render()) for s in screen.query(".heading").results(Static)]


async def test_a_key_on_home_switches_the_language_and_keeps_it(tmp_path: Path) -> None:
    data = tmp_path / "data"
    app = make_app(data, "nl")
    async with app.run_test(size=(100, 30)) as pilot:
        home = await loaded(pilot)
        assert headings(home) == [tr("nl", "home.plans"), tr("nl", "home.sessions")]
        labels = [c.title for c in screen_commands(home)]
        assert tr("nl", "table2.key.language") in labels  # in the palette, too
        await pilot.press("l")
        await pilot.pause()
        home = await loaded(pilot)
        assert app.lang == app.home_lang == "en" and home.lang == "en"
        assert headings(home) == [tr("en", "home.plans"), tr("en", "home.sessions")]
        assert json.loads((data / SETTINGS_FILE).read_text())["language"] == "en"
        await pilot.press("l")  # and back
        await pilot.pause()
        home = await loaded(pilot)
        assert headings(home) == [tr("nl", "home.plans"), tr("nl", "home.sessions")]
    assert saved_language(data) == "nl"


def test_the_app_starts_in_lang_else_the_kept_language_else_the_systems(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WYBER_LANG", "nl")
    assert app_language(tmp_path, None) == "nl"
    save_language(tmp_path, "en")
    assert app_language(tmp_path, None) == "en"
    assert app_language(tmp_path, "nl") == "nl"
    (tmp_path / SETTINGS_FILE).write_text("{not json")
    assert saved_language(tmp_path) is None and app_language(tmp_path, None) == "nl"
    save_language(tmp_path, "en")  # a broken settings file is written anew
    assert saved_language(tmp_path) == "en"


@pytest.mark.parametrize(("app_lang", "plan_lang"), [("nl", "en"), ("en", "nl")])
async def test_prepare_speaks_the_language_of_the_session(
    tmp_path: Path, app_lang: str, plan_lang: str
) -> None:
    app = make_app(tmp_path / "data", app_lang)  # type: ignore[arg-type]
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        app.prepare_meeting(shipped(plan_lang))  # type: ignore[arg-type]
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PrepareScreen)
        assert screen.lang == plan_lang
        assert screen.sub_title == tr(plan_lang, "prepare.subtitle")  # type: ignore[arg-type]


@pytest.mark.parametrize(("app_lang", "plan_lang"), [("nl", "en"), ("en", "nl")])
async def test_the_meeting_prepared_keeps_speaking_its_language_once_prepare_is_gone(
    tmp_path: Path, app_lang: str, plan_lang: str
) -> None:
    """The run screen's Quit, Help and palette keys in the session's language: Prepare, taken
    down after the meeting had started, gave the app back its own language."""
    from tui.screens.run import RunScreen

    app = make_app(tmp_path / "data", app_lang)  # type: ignore[arg-type]
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        app.prepare_meeting(shipped(plan_lang))  # type: ignore[arg-type]
        await pilot.pause()
        prepare = app.screen
        assert isinstance(prepare, PrepareScreen)
        prepare.dismiss(prepare.preparation)
        for _ in range(200):
            await app.workers.wait_for_complete()
            await pilot.pause()
            if isinstance(app.screen, RunScreen) and not prepare.is_attached:
                break
        assert isinstance(app.screen, RunScreen) and not prepare.is_attached
        await pilot.pause()
        quit_key = next(b for b in app._bindings.key_to_bindings["ctrl+q"])
        assert app.lang == plan_lang
        assert quit_key.description == tr(plan_lang, "key.quit")  # type: ignore[arg-type]
