"""The go-around as the group sees it: the author box names whose turn it is, a participant can
pass (recorded, so the replay and the minutes say so), and the closing line fits at 80×24."""

from pathlib import Path

from rich.cells import cell_len
from textual.pilot import Pilot
from textual.widgets import Select

from tui.app import Clocks, Launch, WyberApp
from tui.widgets.event_line import event_text
from tui.widgets.ticking import TickingStatic
from tui.wyber.commands import PassTurn
from tui.wyber.events import TurnPassed
from tui.wyber.fold import fold
from tui.wyber.i18n import Language
from tui.wyber.meeting import Meeting
from tui.wyber.minutes.build import build_minutes
from tui.wyber.minutes.markdown import markdown
from tui.wyber.paths import shipped_plans_dir
from tui.wyber.plans import load_plan
from tui.wyber.store import Archive

from .factory import FakeClock, FakeWall


def make_app(tmp_path: Path, lang: Language) -> WyberApp:
    clock = FakeClock()
    plan = load_plan(shipped_plans_dir() / f"wyber-30.{lang}.toml")
    launch = Launch(plan=plan, run_now=True)
    return WyberApp(tmp_path, lang, clocks=Clocks(clock, FakeWall(clock)), launch=launch)


async def with_people(pilot: Pilot[None]) -> Meeting:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    meeting = pilot.app.meeting  # type: ignore[attr-defined]
    assert isinstance(meeting, Meeting)
    for name in ("Anna", "Bram", "Carla"):
        meeting.add_participant(name)
    await pilot.pause()
    return meeting


def author(pilot: Pilot[None]) -> object:
    return pilot.app.screen.query_one("#author", Select).value


async def test_the_author_box_names_whose_turn_it_is_and_a_pass_is_recorded(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path, "en")
    async with app.run_test(size=(80, 24)) as pilot:
        meeting = await with_people(pilot)
        anna, bram, carla = meeting.state.participants
        assert author(pilot) == Select.NULL
        await pilot.press("ctrl+r")
        assert author(pilot) == anna
        await pilot.press(*"more racks", "enter", "ctrl+n")
        assert author(pilot) == bram
        await pilot.press("ctrl+l")  # Bram passes: Carla's turn
        await pilot.pause()
        assert author(pilot) == carla
        assert "Carla" in str(app.screen.query_one("#turn", TickingStatic).render())
        assert [(p.participant_id, p.name) for p in meeting.state.passes] == [(bram, "Bram")]
        idea = next(iter(meeting.state.ideas.values()))
        assert idea.author_name == "Anna"
        await pilot.press("ctrl+r")  # the go-around ends: the box is free again
        assert author(pilot) == Select.NULL

        assert app.writer is not None and app.writer.flush(timeout=10)
        journal = Archive(app.data).read(meeting.state.session_id)
    (record,) = [r for r in journal if isinstance(r.event, TurnPassed)]
    on_disk = fold(journal)
    assert event_text(record, on_disk, "en") == "Bram passed their turn"  # as the replay says
    minutes = markdown(build_minutes(on_disk, "en"))
    assert "Passed their turn in the go-around: Bram." in minutes


async def test_a_participant_passes_only_their_own_turn(tmp_path: Path) -> None:
    app = make_app(tmp_path, "en")
    async with app.run_test(size=(80, 24)) as pilot:
        meeting = await with_people(pilot)
        anna, bram, _ = meeting.state.participants
        refused = meeting.execute(PassTurn(actor=anna, participant_id=bram)).refused
        assert refused is not None and refused.key == "converge2.refused.not_yours"
        assert meeting.execute(PassTurn(actor=bram, participant_id=bram)).done
        assert app.writer is not None and app.writer.flush(timeout=10)
        await pilot.pause()  # the writer's word is drawn before the app closes


async def test_the_closing_line_of_a_go_around_fits_at_80x24(tmp_path: Path) -> None:
    for lang in ("nl", "en"):
        app = make_app(tmp_path / lang, lang)  # type: ignore[arg-type]
        async with app.run_test(size=(80, 24)) as pilot:
            await with_people(pilot)
            await pilot.press("ctrl+r", "ctrl+n", "ctrl+n", "ctrl+n")
            await pilot.pause()
            bar = app.screen.query_one("#turn", TickingStatic)
            shown = str(bar.render())
            assert "Ctrl+R" in shown  # how to end it, whole
            assert cell_len(shown) <= bar.content_region.width


async def test_both_turn_keys_show_whole_beside_a_long_name_at_80x24(tmp_path: Path) -> None:
    """Issue 12: at 80×24 the turn line cut "^L pass" off behind a long name and five turns."""
    for lang, keys in (("nl", ("^N", "^L")), ("en", ("^N", "^L"))):
        app = make_app(tmp_path / lang, lang)  # type: ignore[arg-type]
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            meeting = pilot.app.meeting  # type: ignore[attr-defined]
            for name in ("Anna de Vries", "Bram", "Carla", "Daan", "Eva"):
                meeting.add_participant(name)
            await pilot.press("ctrl+r")
            await pilot.pause()
            bar = app.screen.query_one("#turn", TickingStatic)
            lines = str(bar.render()).split("\n")
            assert "Anna de Vries" in lines[0]
            assert len(lines) <= bar.content_region.height
            assert all(cell_len(line) <= bar.content_region.width for line in lines)
            assert all(any(key in line for line in lines) for key in keys)
