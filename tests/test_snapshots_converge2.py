"""Snapshots of converge and the go-around as the group sees them (issue 12): scores as averages
on the scale in rows that stay put while people vote, each idea with its own number and its place
as a rank, the voter picker that knows who voted, the go-around's bar after someone passed, the
score dialog refusing a score off the scale, and F8 asking while people have not voted."""

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.factory import plan_data
from tests.snapshot_kit import LANG, SIZE, Snap, make_app, then
from tui.wyber.i18n import Language
from tui.wyber.meeting import Meeting
from tui.wyber.plan import Plan
from tui.wyber.store import Archive

pytestmark = pytest.mark.usefixtures("amsterdam_time")

PEOPLE = ("Anna", "Bram", "Carla")
IDEAS: dict[Language, tuple[str, ...]] = {
    "nl": ("Accu's uit deelscooters hergebruiken", "Pilot met 20 accu's", "Samen laden"),
    "en": ("Reuse shared-scooter batteries", "A pilot with 20 batteries", "Charge together"),
}


@pytest.fixture(autouse=True)
def pinned_session_ids(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Archive, "new_id", lambda _, at: f"{at:%Y%m%d-%H%M}-5eed")


def plan(lang: Language, converge: dict[str, Any]) -> Plan:
    data = plan_data(language=lang)
    data["steps"][0] = {**data["steps"][0], "converge": {"minutes": 10, **converge}}
    data["steps"][0]["diverge"] = {"minutes": 10, "technique": "go_around", "turn_seconds": 60}
    return Plan.model_validate(data)


def meeting_of(pilot: Pilot[None]) -> Meeting:
    meeting = pilot.app.meeting  # type: ignore[attr-defined]
    assert isinstance(meeting, Meeting)
    return meeting


async def people_and_ideas(pilot: Pilot[None]) -> None:
    meeting = meeting_of(pilot)
    for name in PEOPLE:
        meeting.add_participant(name)
    for idea in IDEAS[pilot.app.lang]:  # type: ignore[attr-defined]
        meeting.add_idea(idea)
    await pilot.pause()


async def scored(pilot: Pilot[None]) -> None:
    """Converge by scores, typed on the board: Anna scored every row, then Bram (the picker
    moved on to him) the last, which leads yet stays where it stood."""
    meeting_of(pilot).next_movement()
    await pilot.pause()
    await pilot.press("v", "enter")  # Anna, the first still to vote
    for score in "23":
        await pilot.press("s", score, "enter", "down")
    await pilot.press("s", "5", "enter")  # Anna's last: Bram votes now
    await pilot.press("s", "4", "enter")
    await pilot.pause()


async def picker(pilot: Pilot[None]) -> None:
    """Dots: Anna placed hers; the picker opens on Bram and marks Anna as voted."""
    meeting = meeting_of(pilot)
    meeting.next_movement()
    await pilot.pause()
    anna = next(iter(meeting.state.participants))
    first = meeting.ranking()[0].id
    meeting.vote(first, anna)
    meeting.vote(first, anna)
    await pilot.pause()
    await pilot.press("v")


async def passed(pilot: Pilot[None]) -> None:
    """The go-around: Anna said hers, Bram passed; Carla's turn, her name in the author box."""
    await pilot.press("ctrl+r")
    await pilot.press(*"ok", "enter", "ctrl+n", "ctrl+l")


async def score_refused(pilot: Pilot[None]) -> None:
    """The score dialog names the idea scored; a 9 on the 0–5 scale is refused in it, typed
    text kept."""
    meeting_of(pilot).next_movement()
    await pilot.pause()
    await pilot.press("v", "enter", "down", "s", "9", "enter")
    await pilot.pause()


async def not_voted(pilot: Pilot[None]) -> None:
    """F8 out of the dot vote after Anna placed hers: asked first, Bram and Carla named."""
    await picker(pilot)
    await pilot.press("escape", "f8")
    await pilot.pause()


SCENES = {
    "scores": ({"technique": "score", "max_score": 5}, scored),
    "picker": ({"technique": "dot_vote", "dots": 2}, picker),
    "passed": ({"technique": "dot_vote", "dots": 2}, passed),
    "score_refused": ({"technique": "score", "max_score": 5}, score_refused),
    "not_voted": ({"technique": "dot_vote", "dots": 2}, not_voted),
}


@SIZE
@LANG
@pytest.mark.parametrize("scene", list(SCENES))
def test_converge_and_go_around(
    snap_compare: Snap, tmp_path: Path, lang: Language, size: tuple[int, int], scene: str
) -> None:
    converge, drive = SCENES[scene]
    app = make_app(tmp_path, lang, plan=plan(lang, converge), run_now=True)
    assert snap_compare(app, terminal_size=size, run_before=then(people_and_ideas, drive))
