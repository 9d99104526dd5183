"""Converge as a tester found it (issue 12, second round): the board shows an idea's own number
and a place that reads as a rank; the board does not move a row when the rows are fixed or
sorted; the score dialog names what is scored and refuses a bad score in itself, staying open;
F8 out of a vote asks first while people present have not voted."""

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, Input, OptionList, Static

from tui.dialogs.score import ScoreDialog
from tui.dialogs.unvoted import NotVotedDialog
from tui.widgets.replay_board import board_lines
from tui.wyber.i18n import Language, tr
from tui.wyber.minutes.build import build_minutes
from tui.wyber.minutes.word import docx_bytes
from tui.wyber.plan import Movement
from tui.wyber.ranking import place_text
from tui.wyber.voting import left_without_voting

from .test_converge_board import DOTS, SCORES, converging, person, rows, status
from .test_minutes import meeting, read_back, rows_of

# Dots, then consolidate: F8 out of the vote goes on to a movement of the step.
DOTS_ON = {**DOTS, "consolidate": {"minutes": 10}}
SCORES_ON = {**SCORES, "consolidate": {"minutes": 10}}

# ── the idea's own number, and a place that is a rank ───────────────────────────────────────────


async def test_a_row_shows_the_ideas_own_number_and_its_place_as_a_rank(tmp_path: Path) -> None:
    async with converging(tmp_path, "en", DOTS) as (pilot, meeting):
        vans = meeting.ranking()[-1].id  # "shared vans", number 3 on the diverge board
        meeting.vote(vans, person(meeting, "Anna"))
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        shown = rows(pilot)
        # Sorted to the top, it is still number 3, in the number's column as on the diverge
        # board; its place reads "1st", never "1."
        assert shown == [
            "  ☐   3   1st  1 ● shared vans",
            "  ☐   1        0  bike racks",  # nobody voted on it: no place
            "  ☐   2        0  car-free Sundays",
        ]
        _, lines, _ = board_lines(meeting.state, "en")  # the replay draws it the same way
        assert lines[0][0].plain == "    3   1st  1 ● shared vans"


async def test_ideas_in_a_cluster_keep_their_own_numbers(tmp_path: Path) -> None:
    async with converging(tmp_path, "nl", DOTS) as (pilot, meeting):
        ideas = {idea.text: idea.id for idea in meeting.ideas_of_step()}
        meeting.create_cluster("Fiets", [ideas["bike racks"], ideas["shared vans"]])
        await pilot.pause()
        members = [r for r in rows(pilot) if "–" in r]
        assert [m.split("–")[0].split()[-1] for m in members] == ["1", "3"]


async def test_a_tie_shares_its_place(tmp_path: Path) -> None:
    async with converging(tmp_path, "nl", DOTS) as (pilot, meeting):
        anna = person(meeting, "Anna")
        for target in meeting.ranking()[:2]:
            meeting.vote(target.id, anna)
        await pilot.pause()
        shown = rows(pilot)
        assert "1e  1 ●" in shown[0] and "1e  1 ●" in shown[1]  # as many dots: no winner


@pytest.mark.parametrize(
    ("lang", "texts"),
    [
        ("en", ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "111th"]),
        ("nl", ["1e", "2e", "3e", "4e", "11e", "12e", "13e", "21e", "22e", "111e"]),
    ],
)
def test_a_place_reads_as_a_rank(lang: Language, texts: list[str]) -> None:
    numbers = [1, 2, 3, 4, 11, 12, 13, 21, 22, 111]
    assert [place_text(n, lang) for n in numbers] == texts


# ── the board does not jump ─────────────────────────────────────────────────────────────────────


async def test_the_board_stays_where_it_is_when_rows_are_fixed_and_sorted(tmp_path: Path) -> None:
    async with converging(tmp_path, "en", DOTS) as (pilot, meeting):
        board = pilot.app.screen.query_one("#targets", OptionList)
        top = board.region.y
        meeting.vote(meeting.ranking()[-1].id, person(meeting, "Anna"))
        await pilot.pause()
        assert "o sorts" in status(pilot)
        assert board.region.y == top  # the rows are fixed: the hint took no row of the board
        await pilot.press("o")
        await pilot.pause()
        assert "o sorts" not in status(pilot)
        assert board.region.y == top


async def test_a_long_list_of_who_is_still_to_vote_takes_one_line(tmp_path: Path) -> None:
    async with converging(tmp_path, "en", DOTS) as (pilot, meeting):
        board = pilot.app.screen.query_one("#targets", OptionList)
        top = board.region.y
        for n in range(12):
            meeting.add_participant(f"Participant with a long name {n}")
        await pilot.pause()
        assert "long name 11" in status(pilot)
        assert board.region.y == top


# ── the score dialog ────────────────────────────────────────────────────────────────────────────


def scored_line(dialog: ScoreDialog) -> str:
    return str(dialog.query_one("#scored", Static).render())


def refusal(dialog: ScoreDialog) -> str:
    return str(dialog.query_one("#refusal", Static).render())


@pytest.mark.parametrize(
    ("lang", "named", "refused"),
    [
        ("en", "Idea 2: car-free Sundays", "“9” is not a score: type a whole number from 0 to 5."),
        (
            "nl",
            "Idee 2: car-free Sundays",
            "„9” is geen score: typ een heel getal van 0 tot en met 5.",
        ),
    ],
)
async def test_the_score_dialog_names_the_idea_and_refuses_a_bad_score_staying_open(
    tmp_path: Path, lang: Language, named: str, refused: str
) -> None:
    async with converging(tmp_path, lang, SCORES) as (pilot, meeting):
        await pilot.press("down", "s")
        await pilot.pause()
        dialog = pilot.app.screen
        assert isinstance(dialog, ScoreDialog)
        assert scored_line(dialog) == named
        await pilot.press("9", "enter")
        await pilot.pause()
        assert pilot.app.screen is dialog  # still open, with what was typed
        assert dialog.query_one(Input).value == "9"
        assert refusal(dialog) == refused
        assert not any(idea.tally.scores for idea in meeting.ideas_of_step())  # nothing recorded
        await pilot.press("backspace", "4", "enter")
        await pilot.pause()
        assert pilot.app.screen is not dialog
        [idea] = [i for i in meeting.ideas_of_step() if i.number == 2]
        assert idea.tally.total_score == 4


async def test_the_score_dialog_refuses_words_and_nothing_typed(tmp_path: Path) -> None:
    async with converging(tmp_path, "en", SCORES) as (pilot, _):
        await pilot.press("s", *"four", "enter")
        await pilot.pause()
        dialog = pilot.app.screen
        assert isinstance(dialog, ScoreDialog)
        assert "“four” is not a score" in refusal(dialog)
        await pilot.press(*["backspace"] * 4, "enter")
        await pilot.pause()
        assert pilot.app.screen is dialog
        assert refusal(dialog) == "Type a whole number from 0 to 5, or Esc not to score."
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, ScoreDialog)


async def test_a_long_idea_is_cut_to_one_line_in_the_score_dialog(tmp_path: Path) -> None:
    async with converging(tmp_path, "en", SCORES) as (pilot, meeting):
        meeting.add_idea("a long idea " * 20)
        await pilot.pause()
        await pilot.press("end", "s")
        await pilot.pause()
        line = pilot.app.screen.query_one("#scored", Static)
        assert line.size.height == 1
        assert "Idea 4: a long idea" in str(line.render())


# ── F8 while people have not voted ──────────────────────────────────────────────────────────────


async def asked(pilot: Pilot[None]) -> tuple[NotVotedDialog, str]:
    """F8 pressed: the question it asks, and its text."""
    await pilot.press("f8")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, NotVotedDialog)
    return dialog, str(dialog.query_one("#question", Static).render())


async def test_f8_out_of_a_vote_asks_first_naming_who_has_not_voted(tmp_path: Path) -> None:
    async with converging(tmp_path, "en", DOTS_ON) as (pilot, meeting):
        anna = person(meeting, "Anna")
        first = meeting.ranking()[0].id
        meeting.vote(first, anna)
        meeting.vote(first, anna)
        await pilot.pause()
        _, question = await asked(pilot)
        assert question == "2 of the 3 voters present have not voted yet:\nBram, Carla"
        await pilot.press("escape")  # stays
        await pilot.pause()
        assert meeting.segment is not None and meeting.segment.movement is Movement.CONVERGE
        await pilot.press("f8")
        await pilot.pause()
        assert isinstance(pilot.app.screen, NotVotedDialog)
        await pilot.press("f8")  # the one key that goes on
        await pilot.pause()
        assert meeting.segment is not None and meeting.segment.movement is Movement.CONSOLIDATE


async def test_f8_asks_in_dutch_and_the_buttons_say_what_they_do(tmp_path: Path) -> None:
    async with converging(tmp_path, "nl", SCORES_ON) as (pilot, meeting):
        meeting.set_present(person(meeting, "Carla"), False)
        dialog, question = await asked(pilot)
        assert question == "2 van de 2 stemgerechtigden hebben nog niet gestemd:\nAnna, Bram"
        assert str(dialog.query_one("#yes", Button).label) == "Toch verder (F8)"
        assert str(dialog.query_one("#no", Button).label) == "Blijven (Esc)"


async def test_f8_goes_on_at_once_when_everyone_present_has_voted(tmp_path: Path) -> None:
    async with converging(tmp_path, "en", DOTS_ON) as (pilot, meeting):
        first = meeting.ranking()[0].id
        for name in ("Anna", "Bram", "Carla"):
            meeting.vote(first, person(meeting, name))
            meeting.vote(first, person(meeting, name))
        await pilot.pause()
        await pilot.press("f8")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, NotVotedDialog)
        assert meeting.segment is not None and meeting.segment.movement is Movement.CONSOLIDATE


async def test_who_has_not_voted_is_asked_about_only_in_a_vote(tmp_path: Path) -> None:
    open_converge = {"diverge": {"minutes": 10}, "converge": {"minutes": 10}}
    async with converging(tmp_path, "en", open_converge) as (_, meeting):
        assert left_without_voting(meeting.state) == []  # an open converge nobody voted in
        meeting.vote(meeting.ranking()[0].id, person(meeting, "Anna"))
        assert [p.name for p in left_without_voting(meeting.state)] == ["Anna", "Bram", "Carla"]
        meeting.previous_movement()  # diverge: no vote to leave
        assert left_without_voting(meeting.state) == []


async def test_a_long_list_of_who_has_not_voted_is_cut_to_a_line(tmp_path: Path) -> None:
    async with converging(tmp_path, "en", DOTS_ON) as (pilot, meeting):
        for n in range(12):
            meeting.add_participant(f"Participant with a long name {n}")
        dialog, question = await asked(pilot)
        assert question.startswith("15 of the 15 voters present have not voted yet:\nAnna")
        # The count, and the names on one line.
        assert dialog.query_one("#question", Static).content_size.height == 2


# ── the minutes name each number by what it counts ──────────────────────────────────────────────


@pytest.mark.parametrize(
    ("lang", "agenda", "votes", "agreements"),
    [
        ("nl", ["Stap", "Onderwerp"], ["Plaats", "Idee nr."], "Nr."),
        ("en", ["Step", "Topic"], ["Rank", "Idea no."], "No."),
    ],
)
def test_the_minutes_name_each_number_by_what_it_counts(
    lang: Language, agenda: list[str], votes: list[str], agreements: str
) -> None:
    """A step's number, a place in the votes, an idea's own number and an agreement's number
    each have their own header; "Nr." is only ever an agreement's."""
    rows = read_back(docx_bytes(build_minutes(meeting(lang))), rows_of)
    headers = [row for row in rows if row[0] in (agenda[0], votes[0], agreements)]
    assert any(row[:2] == agenda for row in headers)
    [tally] = [row for row in headers if row[:2] == votes]
    assert tally[2] == tr(lang, "minutes.col.item")
    assert {row[0] for row in rows if row[0] in ("Nr.", "No.")} == {agreements}
    assert all(row[1] == tr(lang, "ending.col.text") for row in rows if row[0] == agreements)
