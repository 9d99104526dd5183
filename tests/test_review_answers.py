"""The review of earlier agreements: every status takes a note, "changed" takes a new deadline
and owner(s) that the minutes then show, and the review's time counts as a time box of its own."""

from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from tests.test_ending import screen_text
from tests.test_home_prepare import make_app
from tests.test_meeting import Room, refused, room
from tests.test_review import review_opened
from tests.test_series import EACH_KIND, session
from tui.dialogs.review import ReviewDialog
from tui.screens.run import RunScreen
from tui.screens.summary import SummaryScreen
from tui.wyber.dates import parse_deadline
from tui.wyber.events import AgreementKind, ReviewStatus
from tui.wyber.figures import actual_minutes, actual_seconds, step_times
from tui.wyber.i18n import tr
from tui.wyber.minutes.export import export_session
from tui.wyber.review_time import review_time
from tui.wyber.state import ReviewClock
from tui.wyber.store import Archive
from tui.wyber.summary import summarise

from .factory import FakeClock

__all__ = ["room"]  # a fixture of test_meeting, used here

# Three items to review (the decision left out), one for each answer this test gives.
THREE = [item for item in EACH_KIND if item[1] is not AgreementKind.DECISION]


async def type_in(pilot: object, text: str) -> None:
    await pilot.press(*("space" if c == " " else c for c in text))  # type: ignore[attr-defined]


async def test_notes_new_owners_and_deadlines_and_the_time_reach_the_minutes(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    session(Archive(data), "one", date(2026, 10, 5), THREE)
    app = make_app(data, "nl")
    clock = app.clocks.monotonic
    assert isinstance(clock, FakeClock)
    async with app.run_test(size=(100, 30)) as pilot:
        review = await review_opened(pilot)
        assert "van 3 min" in str(review.query_one("#review-clock").render())  # 3 to review

        await pilot.press("d")  # done, with a note
        await pilot.pause()
        assert isinstance(app.screen, ReviewDialog)
        await type_in(pilot, "met dank aan Bram")
        await pilot.press("enter")
        await pilot.pause()

        await pilot.press("c")  # changed: a note, two owners (one from outside), a deadline
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ReviewDialog)
        await type_in(pilot, "om de zes weken")
        await pilot.press("enter")
        owner = dialog.query_one("#review-owner", Input)
        assert app.focused is owner and owner.value == "Anna de Vries"
        owner.value = ""
        await type_in(pilot, "anna, gemeente Utrecht")
        await pilot.press("enter")
        deadline = dialog.query_one("#review-deadline", Input)
        deadline.value = ""
        await type_in(pilot, "volgende week")
        await pilot.pause()
        said = str(dialog.query_one("#review-understood").render())
        expected = parse_deadline("volgende week", app.clocks.today())
        assert f"{expected.day} " in said and "→" in said
        await pilot.press("enter")
        await pilot.pause()

        clock.advance(4 * 60)  # the group talks the last one through: over the time box
        await pilot.press("x")  # dropped, with why
        await pilot.pause()
        await type_in(pilot, "geen budget")
        await pilot.press("enter")
        await pilot.pause()
        review.show_clock()
        assert "04:" in str(review.query_one("#review-clock").render())
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, RunScreen)

        meeting = app.meeting
        assert meeting is not None
        assert [(r.status, r.note) for r in meeting.state.reviews] == [
            (ReviewStatus.DONE, "met dank aan Bram"),
            (ReviewStatus.CHANGED, "om de zes weken"),
            (ReviewStatus.DROPPED, "geen budget"),
        ]
        changed = next(i for i in meeting.earlier() if i.status is ReviewStatus.CHANGED)
        assert changed.owner_name == "Anna de Vries, gemeente Utrecht"
        assert changed.deadline == expected
        spent = review_time(meeting.state, meeting.now())
        assert spent is not None and (spent.planned, spent.actual) == (3, 4)

        clock.advance(10 * 60)  # after the review: the meeting's time, not the review's
        meeting.start()
        summary = SummaryScreen(meeting.state, meeting.now)
        await app.push_screen(summary)
        await pilot.pause()
        times = " ".join(screen_text(summary).split())
        assert "Terugblik op eerdere afspraken 3 4 +1" in times
        # The summary shows the review as the minutes do: each item's status, owners, note.
        reviewed = " ".join(str(summary.query_one("#reviewed", Static).render()).split())
        for said in ("met dank aan Bram", "geen budget", "Anna de Vries, gemeente Utrecht"):
            assert said in reviewed, reviewed
        for status in ("done", "changed", "dropped"):
            assert tr("nl", f"minutes.status.{status}") in reviewed
        session_id = meeting.state.session_id
        assert app.leave_meeting()
    _, minutes = export_session(Archive(data), session_id, "md")
    text = minutes.decode().replace("\\", "")
    assert "met dank aan Bram" in text and "geen budget" in text
    assert "Anna de Vries,<br>gemeente Utrecht" in text  # one owner a line, each name whole
    row = next(line for line in text.splitlines() if "Terugblik op eerdere afspraken" in line)
    assert [cell.strip() for cell in row.strip("|").split("|")][-3:] == ["3", "4", "**+1**"]


def test_only_a_changed_review_takes_a_new_deadline_or_owner(room: Room) -> None:
    room.meeting.earlier_sessions = [session(room.archive, "one", date(2026, 10, 5), EACH_KIND)]
    item = room.meeting.earlier()[0]
    with refused(room, "table2.review.only_changed"):
        room.meeting.review(item, ReviewStatus.DONE, deadline=date(2026, 12, 4))
    with refused(room, "table2.review.only_changed"):
        room.meeting.review(item, ReviewStatus.OPEN, owners="Bram")
    room.meeting.review(item, ReviewStatus.CHANGED, "later", owners="Bram, de buren")
    assert room.meeting.earlier()[0].owner_name == "Bram Jansen, de buren"
    room.meeting.undo()  # the owner it had is back
    assert room.meeting.earlier()[0].owner_name == item.owner_name


@pytest.mark.parametrize(
    ("spans", "started", "now", "actual"),
    [
        ([(10.0, 130.0)], None, 500.0, 2),  # opened and closed before the start
        ([(10.0, None)], None, 190.0, 3),  # still open: counts up to now
        ([(10.0, None)], 70.0, 500.0, 1),  # left open when the meeting started: up to the start
        ([(10.0, 70.0), (100.0, 160.0)], 400.0, 500.0, 2),  # twice before the start
    ],
)
def test_the_review_time_counts_what_was_on_screen_before_the_start(
    room: Room,
    spans: list[tuple[float, float | None]],
    started: float | None,
    now: float,
    actual: int,
) -> None:
    state = room.state
    state.review_clock = ReviewClock(120.0, spans)
    state.started_t = started
    spent = review_time(state, now)
    assert spent is not None and (spent.planned, spent.actual) == (2, actual)


def test_a_review_opened_only_during_a_round_is_the_rounds_time(room: Room) -> None:
    state = room.state
    state.review_clock = ReviewClock(60.0, [(100.0, 200.0)])
    state.started_t = 50.0
    assert review_time(state, 300.0) is None


def test_the_meetings_total_is_its_seconds_summed_then_rounded_once(room: Room) -> None:
    # The review 40 s, the first round 40 s: rounded per row 1 + 1 minutes, in all 80 s = 1.
    room.meeting.open_review()
    room.clock.advance(40)
    room.meeting.close_review()
    room.meeting.start()
    room.clock.advance(40)
    room.meeting.finish()
    state = room.state
    assert actual_seconds(state, state.last_t) == pytest.approx(80.0)
    assert actual_minutes(state, state.last_t) == 1
    assert step_times(state, state.last_t)[0].actual == 1  # 40 s, as its row says: 1
    # Home's "Min." is the same total, rounded the same way.
    assert f"{summarise(state, 0).minutes:.0f}" == "1"
