"""An idea typed as "Name: …" for someone who is not at the table asks whether to add them: yes
adds them as a participant and the idea is theirs without the prefix; no keeps the text."""

from pathlib import Path

import pytest
from textual.widgets import Button, Input

from tests.test_fields import arrive_together, settle
from tests.test_layout_fits import drawn_words
from tests.test_meeting import Room, refused, room
from tests.test_run_flow import SIZE, add_people, board_texts, make_app, stored, type_text, wyber_30
from tui.dialogs.stranger import StrangerDialog
from tui.wyber.commands import StrangerNamed
from tui.wyber.i18n import Language, tr
from tui.wyber.rules import stranger_named

from .factory import FakeClock, FakeWall

__all__ = ["room"]  # a fixture of test_meeting, used here


@pytest.mark.parametrize(
    ("typed", "named"),
    [
        ("Carla: meer accu's delen", ("Carla", "meer accu's delen")),
        ("Carla de Wit: een pilot", ("Carla de Wit", "een pilot")),
        ("Anna: meer fietsen", None),  # Anna sits at the table
        ("Let op: dit is tekst", None),  # "op" ends it, and no name ends in a particle
        ("Stap twee: een zin", None),
        ("note: lower case is text", None),
        ("Stap 2: digits are text", None),
        ("Een Heel Lang Begin Van: tekst", None),  # more than four words
        ("Gewoon een idee", None),
    ],
)
def test_a_stranger_is_a_capitalised_name_of_at_most_four_words_before_a_colon(
    room: Room, typed: str, named: tuple[str, str] | None
) -> None:
    assert stranger_named(room.state, typed) == named


def test_asking_records_nothing_and_says_whom(room: Room) -> None:
    room.meeting.start()
    with refused(room, "table2.stranger.ask", name="Carla"):
        room.meeting.add_idea("Carla: meer accu's delen", stranger="ask")
    with pytest.raises(StrangerNamed) as asked:
        room.meeting.add_idea("Carla: meer accu's delen", stranger="ask")
    assert asked.value.text == "meer accu's delen"


def test_yes_adds_the_stranger_and_the_idea_is_theirs_without_the_prefix(room: Room) -> None:
    room.meeting.start()
    idea = room.meeting.add_idea("Carla: meer accu's delen", stranger="add")
    carla = next(p for p in room.state.participants.values() if p.name == "Carla")
    assert (idea.text, idea.author_id, idea.author_name) == ("meer accu's delen", carla.id, "Carla")
    on_disk = room.on_disk()
    assert on_disk.participants[carla.id].name == "Carla"
    assert on_disk.ideas[idea.id].author_id == carla.id
    room.meeting.undo()  # takes the idea back; Carla stays at the table
    assert idea.id not in room.state.ideas and carla.id in room.state.participants


def test_no_keeps_the_name_as_text_and_adds_nobody(room: Room) -> None:
    room.meeting.start()
    people = len(room.state.participants)
    idea = room.meeting.add_idea("Carla: meer accu's delen", stranger="keep")
    assert (idea.text, idea.author_id) == ("Carla: meer accu's delen", None)
    assert len(room.state.participants) == people


async def test_the_run_screen_asks_and_yes_adds_the_person(tmp_path: Path) -> None:
    clock = FakeClock()
    app = make_app(tmp_path, clock, FakeWall(clock), plan=wyber_30("nl"), run_now=True)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await add_people(pilot, "Anna")
        await type_text(pilot, "Carla: accu's delen")
        await pilot.press("enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, StrangerDialog)
        assert "Carla" in str(dialog.query_one(".dialog-title").render())
        await pilot.press("ctrl+a")  # yes, add Carla (Enter would be typing on)
        await pilot.pause()
        assert not isinstance(app.screen, StrangerDialog)
        assert app.screen.query_one("#idea", Input).value == ""
        assert "accu's delen  — Carla" in board_texts(app, "#ideas")[0]
        state = stored(app)
        assert [p.name for p in state.participants.values()] == ["Anna", "Carla"]

        # No: the text stays as typed, nobody is added.
        await type_text(pilot, "Dirk: ook een idee")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, StrangerDialog)
        await pilot.press("ctrl+k")
        await pilot.pause()
        assert board_texts(app, "#ideas")[1].startswith("2 Dirk: ook een idee") or (
            "Dirk: ook een idee" in board_texts(app, "#ideas")[1]
        )
        assert len(stored(app).participants) == 2

        # Escape: nothing recorded, the line keeps what was typed.
        await type_text(pilot, "Eva: later")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.query_one("#idea", Input).value == "Eva: later"
        assert len(board_texts(app, "#ideas")) == 2


async def test_keys_typed_on_after_the_enter_answer_nothing_and_go_to_the_next_ideas(
    tmp_path: Path,
) -> None:
    # Typed on without looking up, the "n" of "Ander idee" answered "keep as text" and its "A"
    # was lost; the "j" of "Hallo jij" added the person. No key that typing makes answers.
    clock = FakeClock()
    app = make_app(tmp_path, clock, FakeWall(clock), plan=wyber_30("nl"), run_now=True)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await add_people(pilot, "Anna")
        arrive_together(app, "Carla: accu's delen\rGedeelde agenda\r")  # in one read
        await settle(pilot)
        await pilot.press(*"Hallo jij", "enter", *"nog een", "backspace")  # once it is open
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, StrangerDialog)  # asked, and nothing typed answered it
        shown = str(dialog.query_one("#typed-ahead").render())
        assert "Gedeelde agenda ⏎ Hallo jij ⏎ nog ee" in shown
        await pilot.press("ctrl+a")
        await settle(pilot)
        assert not isinstance(app.screen, StrangerDialog)
        assert [text.removesuffix(" ◌") for text in board_texts(app, "#ideas")] == [
            "  1  accu's delen  — Carla",
            "  2  Gedeelde agenda",
            "  3  Hallo jij",
        ]
        assert app.screen.query_one("#idea", Input).value == "nog ee"


@pytest.mark.parametrize("lang", ["nl", "en"])
async def test_the_question_shows_its_buttons_and_keys_whole_at_80_by_24(
    tmp_path: Path, lang: Language
) -> None:
    """The buttons' labels were cut ("(Ctrl+"): they are short now, and the keys stand on a line
    of their own that wraps, whole, beside a long name."""
    clock = FakeClock()
    app = make_app(tmp_path, clock, FakeWall(clock), plan=wyber_30(lang), run_now=True)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        name = "Carla van der Heijden"
        await type_text(pilot, f"{name}: accu's delen")
        await pilot.press("enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, StrangerDialog)
        for button in dialog.query(Button):
            label = str(button.label)
            assert label in drawn_words(app, button.region), label
        hint = tr(lang, "table2.stranger.hint", name=name)
        assert drawn_words(app, dialog.query_one("#stranger-keys").region) == hint
