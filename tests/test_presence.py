"""Who came late and who left early: the fold's rule (tui/wyber/presence.py), the people dialog
that marks it with the time now, and the summary that says it."""

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, SelectionList

from tui.app import WyberApp
from tui.dialogs.people import PeopleDialog
from tui.screens.summary import SummaryScreen
from tui.widgets.participant_fields import MandateSelect
from tui.wyber.events import (
    Event,
    ParticipantAdded,
    PresenceChanged,
    RoundStarted,
    SessionFinished,
)
from tui.wyber.fold import fold
from tui.wyber.i18n import Language, tr
from tui.wyber.minutes.content import Facts
from tui.wyber.minutes.traject import build_series
from tui.wyber.plan import Mandate, Movement
from tui.wyber.presence import GRACE_SECONDS, came_late, left_early, presence_notes, was_there
from tui.wyber.replay import copy_state
from tui.wyber.state import SessionState

from .factory import FakeClock, FakeWall, opened, records
from .room_kit import phones, post
from .test_fields import settle, started
from .test_meeting import open_room
from .test_run_flow import add_people, make_app, stored, wyber_30

SIZE = (100, 30)


def person(pid: str, name: str, *, present: bool = True) -> ParticipantAdded:
    return ParticipantAdded(participant_id=pid, name=name, present=present)


def moved(pid: str, present: bool) -> PresenceChanged:
    return PresenceChanged(participant_id=pid, present=present)


def folded(*timed: tuple[float, Event]) -> SessionState:
    return fold(records([(0, opened()), *timed]))


def times(state: SessionState) -> dict[str, tuple[float | None, float | None]]:
    return {p.name: (p.arrived_t, p.left_t) for p in state.participants.values()}


def test_before_the_start_nobody_comes_late_or_leaves_early() -> None:
    state = folded(
        (0, person("p1", "Anna")),
        (5, person("p2", "Bram", present=False)),
        (10, moved("p1", False)),
        (20, moved("p1", True)),
        (30, moved("p2", True)),
        (40, RoundStarted(step=0, movement=Movement.DIVERGE)),
    )
    assert times(state) == {"Anna": (None, None), "Bram": (None, None)}
    assert not came_late(state) and not left_early(state)


def test_in_the_first_minutes_after_the_start_nobody_is_late() -> None:
    state = folded(
        (0, person("p1", "Anna", present=False)),
        (60, RoundStarted(step=0, movement=Movement.DIVERGE)),
        (60 + GRACE_SECONDS, moved("p1", True)),  # names typed, phones joined: on time
        (61 + GRACE_SECONDS, person("p2", "Bram")),  # a second later: late
    )
    assert times(state) == {"Anna": (None, None), "Bram": (61 + GRACE_SECONDS, None)}


def test_after_the_start_arriving_is_coming_late_and_leaving_is_leaving_early() -> None:
    state = folded(
        (0, person("p1", "Anna")),
        (0, person("p2", "Bram", present=False)),
        (0, person("p3", "Chaima")),
        (0, person("p4", "Dirk")),
        (60, RoundStarted(step=0, movement=Movement.DIVERGE)),
        (600, moved("p2", True)),  # absent at the start, here now
        (700, person("p5", "Eva")),  # added during the meeting: came in then
        (800, moved("p1", True)),  # ticked from the plan, but only came in now
        (900, moved("p3", False)),  # left
        (1000, moved("p4", False)),  # stepped out …
        (1100, moved("p4", True)),  # … and came back: did not leave early
        (1200, SessionFinished()),
    )
    assert times(state) == {
        "Anna": (800, None),
        "Bram": (600, None),
        "Chaima": (None, 900),
        "Dirk": (None, None),
        "Eva": (700, None),
    }
    assert [(p.name, t) for p, t in came_late(state)] == [
        ("Bram", 600),
        ("Eva", 700),
        ("Anna", 800),
    ]
    assert [(p.name, t) for p, t in left_early(state)] == [("Chaima", 900)]
    # Who left early was there: present in the minutes, not absent.
    assert all(was_there(p) for p in state.participants.values())
    # A replay's copy keeps the times.
    assert times(copy_state(state)) == times(state)


def test_someone_who_came_late_and_left_keeps_both_times_and_never_came_stays_absent() -> None:
    state = folded(
        (0, person("p1", "Anna", present=False)),
        (0, person("p2", "Bram", present=False)),
        (60, RoundStarted(step=0, movement=Movement.DIVERGE)),
        (600, moved("p1", True)),
        (800, moved("p1", False)),
    )
    assert times(state) == {"Anna": (600, 800), "Bram": (None, None)}
    anna, bram = state.participants.values()
    assert was_there(anna) and not was_there(bram)
    # Times of day as the minutes show them, from the session's own clock (opened 09:00 UTC).
    notes = dict(presence_notes(state))
    assert notes == {"presence.came_late": "Anna (09:10)", "presence.left_early": "Anna (09:13)"}


def test_the_series_list_says_per_session_who_came_late_and_left_early() -> None:
    state = folded(
        (0, person("p1", "Anna")),
        (0, person("p2", "Bram")),
        (60, RoundStarted(step=0, movement=Movement.DIVERGE)),
        (600, person("p3", "Chaima")),
        (900, moved("p2", False)),
    )
    blocks = build_series("Traject", [state], "en").blocks
    lines = dict(line for block in blocks if isinstance(block, Facts) for line in block.lines)
    assert lines["Present (3)"] == "Anna, Bram, Chaima"  # Bram left early: he was there
    assert lines["Came late"] == "Chaima (09:10)" and lines["Left early"] == "Bram (09:15)"


# ── the people dialog: marks with the time now, saved as records ───────────────────────────


@pytest.fixture
def running(tmp_path: Path) -> tuple[WyberApp, FakeClock]:
    """The app with the 30-minute wyber started at once (`--now`), on a fake clock."""
    clock = FakeClock()
    return make_app(tmp_path, clock, FakeWall(clock), plan=wyber_30("en"), run_now=True), clock


async def open_people(pilot: Pilot[None]) -> None:
    """The people dialog (Ctrl+G), its list in focus."""
    await pilot.press("ctrl+g")
    await settle(pilot)
    assert isinstance(pilot.app.screen, PeopleDialog)
    pilot.app.screen.query_one(SelectionList).focus()


def prompts(app: object) -> list[str]:
    selection = app.screen.query_one(SelectionList)  # type: ignore[attr-defined]
    return [str(selection.get_option_at_index(i).prompt) for i in range(selection.option_count)]


@pytest.mark.usefixtures("amsterdam_time")
async def test_the_people_dialog_marks_who_came_in_and_who_left_with_the_time_now(
    running: tuple[WyberApp, FakeClock],
) -> None:
    app, clock = running
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await add_people(pilot, "Anna", "Bram", "Carla")
        assert app.meeting is not None and app.meeting.state.started_t is not None
        clock.advance(12 * 60)  # twelve minutes into the meeting (the fake wall starts 10:00)

        await open_people(pilot)
        # Anna was ticked from the start but only came in now; Bram leaves now.
        await pilot.press("home", "l", "down", "space")
        await settle(pilot)
        assert prompts(app) == ["Anna  came in 10:12", "Bram  left 10:12", "Carla"]
        await pilot.press("ctrl+s")
        await settle(pilot)

        state = stored(app)
        anna, bram, carla = state.participants.values()
        assert anna.present and anna.arrived_t is not None and anna.left_t is None
        assert not bram.present and bram.left_t is not None and bram.arrived_t is None
        assert (carla.arrived_t, carla.left_t) == (None, None)
        assert dict(presence_notes(state)) == {
            "presence.came_late": "Anna (10:12)",
            "presence.left_early": "Bram (10:12)",
        }

        # Opened again later, the dialog shows the recorded times, not the time now.
        clock.advance(30 * 60)
        await open_people(pilot)
        assert prompts(app) == ["Anna  came in 10:12", "Bram  left 10:12", "Carla"]
        await pilot.press("escape")
        await settle(pilot)

        app.push_screen(SummaryScreen(app.meeting.state, app.meeting.now))
        await settle(pilot)
        shown = str(app.screen.query_one("#presence").render())
        assert "3 of 3 participants present" in shown
        assert "Came late: Anna (10:12)" in shown and "Left early: Bram (10:12)" in shown


async def test_in_the_first_minutes_the_dialog_says_nobody_is_late(
    running: tuple[WyberApp, FakeClock],
) -> None:
    app, clock = running
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await add_people(pilot, "Anna")
        clock.advance(60)
        await open_people(pilot)
        await pilot.press("home", "l")
        await settle(pilot)
        assert prompts(app) == ["Anna"]
        notes = [str(n.message) for n in app._notifications]
        assert "Nobody is late in the first 5 minutes of the meeting." in notes
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert [p.arrived_t for p in stored(app).participants.values()] == [None]


# ── the room: a phone that joins marks its participant present, and so arrived then ──────────


async def test_a_participant_marked_present_from_the_room_came_late_then(tmp_path: Path) -> None:
    made = open_room(tmp_path / "data")
    room = phones(made)
    try:
        made.meeting.set_present("p2", False)  # Bram is not there at the start
        made.meeting.start()
        made.clock.advance(10 * 60)
        async with room.phone() as phone:
            answer = await post(phone, "/api/join", {"name": "", "participant_id": "p2"})
            assert answer.status_code == 200, answer.text
        async with room.phone(join="Dana"):  # someone not prepared, joining late
            pass
        state = room.meeting.on_disk()
        late = {p.name: t - (state.started_t or 0) for p, t in came_late(state)}
        assert late == {"Bram Jansen": 600, "Dana": 600}
    finally:
        made.meeting.session.close()


@pytest.mark.parametrize("lang", ["nl", "en"])
async def test_someone_added_with_ctrl_g_has_an_organisation_and_a_mandate(
    tmp_path: Path, lang: Language
) -> None:
    """The people dialog takes what Prepare's participant form takes beside the name (the same
    fields), and records it in the participant's record: Enter in the name adds them with what
    stands beside it, Ctrl+S adds a name typed and not yet entered."""
    clock = FakeClock()
    app = make_app(tmp_path, clock, FakeWall(clock), plan=wyber_30(lang), run_now=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot)
        await open_people(pilot)
        dialog = app.screen
        assert isinstance(dialog.query_one("#new-mandate"), MandateSelect)  # Prepare's own
        dialog.query_one("#new-organisation", Input).value = "Gemeente Utrecht"
        dialog.query_one(MandateSelect).mandate = Mandate.CONSULTS
        dialog.query_one("#new-person", Input).focus()
        await pilot.press(*"Dirk", "enter")
        await pilot.pause()
        consults = tr(lang, "consent.mandate.consults")
        assert prompts(app)[-1] == f"Dirk (Gemeente Utrecht)  {consults}"
        # The next one's fields are empty again; typed, then the mandate chosen, then Ctrl+S.
        assert dialog.query_one("#new-organisation", Input).value == ""
        assert dialog.query_one(MandateSelect).mandate is None
        await pilot.press(*"Eva", "tab", *"ReCell")
        dialog.query_one(MandateSelect).mandate = Mandate.DECIDES
        await pilot.press("ctrl+s")
        await settle(pilot)
        added = [(p.name, p.organisation, p.mandate) for p in stored(app).participants.values()]
        assert added == [
            ("Dirk", "Gemeente Utrecht", Mandate.CONSULTS),
            ("Eva", "ReCell", Mandate.DECIDES),
        ]
