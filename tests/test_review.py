"""The review of a series' earlier agreements at the start of its next session, through the keys."""

from datetime import date
from pathlib import Path

from textual.pilot import Pilot

from tests.test_home_prepare import loaded, make_app
from tests.test_series import EACH_KIND, PLAN, SERIES, session
from tui.screens.review import ReviewScreen
from tui.screens.run import RunScreen
from tui.wyber.events import AgreementKind, ReviewStatus
from tui.wyber.minutes.export import export_session
from tui.wyber.preparation import Invitee, Preparation
from tui.wyber.store import Archive


def next_session(series: str = SERIES) -> Preparation:
    return Preparation(
        plan=PLAN,
        title="Tweede sessie",
        language="nl",
        held_on=date(2026, 11, 23),
        invitees=[Invitee("Anna de Vries")],
        series=series,
    )


async def review_opened(pilot: Pilot[None]) -> ReviewScreen:
    """Home, then the series' next session started: its review is on screen."""
    await loaded(pilot)
    pilot.app.start_meeting(next_session())  # type: ignore[attr-defined]
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    review = pilot.app.screen
    assert isinstance(review, ReviewScreen)
    return review


async def test_the_next_session_of_a_series_reviews_the_open_agreements_one_by_one(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    archive = Archive(data)
    session(archive, "one", date(2026, 10, 5), EACH_KIND)
    app = make_app(data, "nl")
    async with app.run_test(size=(100, 30)) as pilot:
        review = await review_opened(pilot)
        shown = str(review.query_one("#review-item").render())
        assert "Offerte opvragen" in shown and "Nr. 1" in shown and "5 okt 2026" in shown
        assert "1 van 4" in str(review.query_one("#review-count").render())  # the decision too
        await pilot.press("d")  # Offerte opvragen: done, no note
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert "We starten een pilot" in str(review.query_one("#review-item").render())
        await pilot.press("o")  # the decision: still open, its owner sees it through
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("c")  # Elke maand overleg: changed, with what changed
        await pilot.pause()
        await pilot.press(*("space" if c == " " else c for c in "Elke zes weken"))
        await pilot.press("enter", "enter", "enter")  # the note, the owner, the deadline
        await pilot.pause()
        await pilot.press("o")  # Subsidie later: still open
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert "Alle 4" in str(review.query_one("#review-item").render())
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, RunScreen)
        meeting = app.meeting
        assert meeting is not None
        reviews = [(r.number, r.status, r.note) for r in meeting.state.reviews]
        assert reviews == [
            (1, ReviewStatus.DONE, ""),
            (2, ReviewStatus.OPEN, ""),
            (3, ReviewStatus.CHANGED, "Elke zes weken"),
            (4, ReviewStatus.OPEN, ""),
        ]
        # Undo takes the last review back by recording the status it had.
        assert meeting.undo()
        assert meeting.earlier()[-1].status is ReviewStatus.OPEN
        # New agreements number on after the first session's four.
        assert meeting.state.series is not None and meeting.state.series.first_number == 5
        session_id = meeting.state.session_id
        assert app.leave_meeting()
    _, minutes = export_session(Archive(data), session_id, "md")
    text = minutes.decode()
    assert "Besproken in deze sessie" in text
    assert "Elke zes weken" in text and "gedaan" in text and "gewijzigd" in text


async def test_a_session_outside_a_series_offers_no_review(tmp_path: Path) -> None:
    data = tmp_path / "data"
    session(Archive(data), "one", date(2026, 10, 5), [("a1", AgreementKind.ACTION, "Bellen")])
    app = make_app(data, "nl")
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        app.start_meeting(next_session(series=""))
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, RunScreen)
        assert app.screen.check_action("review", ()) is False
        assert app.leave_meeting()
