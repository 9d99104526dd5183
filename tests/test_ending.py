"""The end of a meeting, as a facilitator goes through it: the evaluation round, then the summary.

Every meeting here records into a real archive on a fake clock, through the background writer
the app uses. The screens run in the real app (with a plain screen standing in for home, which
is not what these tests are about), are driven with keys, and each test asserts what the screen
shows and what is on disk.
"""

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.geometry import Region
from textual.notifications import SeverityLevel
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, Static, TextArea

import tui.app
from tests.test_replay import until
from tui.app import Clocks, WyberApp
from tui.screens.evaluation import EvaluationScreen
from tui.screens.summary import AgreementTable, SummaryScreen
from tui.wyber.commands import AddIdea
from tui.wyber.dates import short_date, spoken_date
from tui.wyber.events import (
    AgreementKind,
    ConsentAnswer,
    EvaluationRecorded,
    Mandate,
    ParticipantAdded,
    Resolution,
    SessionFinished,
)
from tui.wyber.fold import fold
from tui.wyber.i18n import Language, tr
from tui.wyber.meeting import Meeting
from tui.wyber.plan import Plan, VeldField
from tui.wyber.recorder import BackgroundWriter
from tui.wyber.session import resume_session, start_session
from tui.wyber.state import SessionState
from tui.wyber.store import Archive

from .factory import START, FakeClock, FakeWall, opened, two_step_plan

LANGS: list[Language] = ["en", "nl"]
APP_CSS = str(Path(tui.app.__file__).with_name("app.tcss"))
SMALL, LARGE = (80, 24), (200, 60)

PEOPLE = [
    ParticipantAdded(participant_id="p1", name="Anna de Vries", organisation="Gemeente"),
    ParticipantAdded(participant_id="p2", name="Bram [Jansen]"),
    ParticipantAdded(participant_id="p3", name="مريم الحداد"),
    ParticipantAdded(participant_id="p4", name="Dirk Boer"),
]
LONG = "Een hele lange afspraak " * 209  # 5,016 characters
LONG_ENDING = "lange afspraak"


# ── a meeting on a fake clock ───────────────────────────────────────────────────────────────


@dataclass
class Room:
    """A meeting recording into an archive, on a clock the test moves."""

    data: Path
    clock: FakeClock
    wall: FakeWall
    meeting: Meeting

    @property
    def state(self) -> SessionState:
        return self.meeting.state

    def on_disk(self) -> SessionState:
        return fold(Archive(self.data).read(self.state.session_id))


def plan_in(lang: Language) -> Plan:
    """A check-in of 5 minutes, then a full wyber of 10 + 10 + 10."""
    return two_step_plan().model_copy(update={"language": lang})


def open_room(data: Path, lang: Language, people: list[ParticipantAdded] | None = None) -> Room:
    clock = FakeClock()
    wall = FakeWall(clock)
    opening = opened(plan_in(lang)).model_copy(
        update={
            "place": "Stadhuis, zaal [3]",
            "facilitator": "Sam Visser",
            "held_on": START.astimezone().date(),
        }
    )
    live = start_session(
        Archive(data), opening, PEOPLE if people is None else people, monotonic=clock, wall=wall
    )
    return Room(data, clock, wall, Meeting(live))


def run_through(room: Room, agreements: bool = True) -> None:
    """Check-in 7 minutes (2 over), diverge 4, converge 9, consolidate 12 (5 under in all).

    Dirk leaves; ideas, a cluster, a dot; then an agreement with consent, a decision with an
    objection, two actions and a parked item.
    """
    m, clock = room.meeting, room.clock
    m.set_present("p4", False)
    m.start()
    clock.advance(7 * 60)
    m.next_movement()
    for typed in ("Meer fietsenrekken", "Anna: batterijen delen", "[bold]pilot[/bold] 🎉"):
        m.add_idea(typed)
    clock.advance(4 * 60)
    m.next_movement()
    ideas = list(m.state.ideas)
    m.create_cluster("Samen delen", ideas[:2])
    m.vote(ideas[2], "p1")
    clock.advance(9 * 60)
    m.next_movement()
    if agreements:
        a = m.record_agreement(
            "We share the pilot data [monthly] 🔋",
            owner_id="p1",
            deadline=date(2026, 12, 4),
            field=VeldField.CONNECTING,
        )
        for present in ("p1", "p2", "p3"):
            m.answer_consent(a.id, present, ConsentAnswer.CONSENT)
        b = m.record_agreement("The pilot starts in Delfshaven", kind=AgreementKind.DECISION)
        m.answer_consent(b.id, "p1", ConsentAnswer.CONSENT)
        m.answer_consent(b.id, "p2", ConsentAnswer.OBJECTION, "first tell the council")
        m.answer_consent(b.id, "p3", ConsentAnswer.ASIDE)
        m.resolve_objection(b.id, "p2", Resolution.STANDING)
        m.record_agreement(
            "Draft the letter",
            kind=AgreementKind.ACTION,
            owner_id="p2",
            deadline=date(2026, 12, 11),
            field=VeldField.COMMISSIONING,
        )
        m.record_agreement("بطاريات مستعملة", kind=AgreementKind.ACTION, owner_id="p3")
        m.record_agreement("Who pays for storage?", kind=AgreementKind.PARKED, owner_id="p2")
    clock.advance(12 * 60)


def finish(room: Room, **scores: int) -> None:
    room.meeting.evaluate("Everyone had a turn [really]\nSilent writing 👍", "Pilot plan", scores)
    room.meeting.finish()


@pytest.fixture(params=LANGS)
def lang(request: pytest.FixtureRequest) -> Language:
    value: Language = request.param
    return value


@pytest.fixture
def room(tmp_path: Path, lang: Language) -> Iterator[Room]:
    made = open_room(tmp_path / "data", lang)
    run_through(made)
    yield made
    made.meeting.session.writer.close()  # again, if the app released it already: harmless


# ── the app, with a stand-in for home ───────────────────────────────────────────────────────


class Home(Screen[None]):
    """Stands in for the home screen: where `go_home` returns to."""


class Run(Screen[None]):
    """Stands in for the run screen the evaluation is opened from."""


@dataclass
class Ending:
    app: "EndingApp"
    pilot: Pilot[None]
    room: Room
    results: list[bool | None] = field(default_factory=list)

    @property
    def screen(self) -> Screen[Any]:
        return self.app.screen

    def t(self, key: str, **params: object) -> str:
        return tr(self.room.state.language, key, **params)

    async def open_evaluation(self) -> EvaluationScreen:
        """As the run screen does: the evaluation, then the summary once the meeting is done."""

        def ended(finished: bool | None) -> None:
            self.results.append(finished)
            if finished:
                self.app.switch_screen(
                    SummaryScreen(self.room.meeting.state, self.room.meeting.now)
                )

        screen = EvaluationScreen(self.room.meeting)
        await self.app.push_screen(screen, ended)
        await self.pilot.pause()
        return screen

    async def open_summary(self) -> SummaryScreen:
        screen = SummaryScreen(self.room.meeting.state, self.room.meeting.now)
        await self.app.push_screen(screen)
        await self.pilot.pause()
        return screen

    async def type(self, text: str) -> None:
        await self.pilot.press(*("space" if c == " " else c for c in text))


class EndingApp(WyberApp):
    CSS_PATH = APP_CSS

    def __init__(self, room: Room) -> None:
        super().__init__(
            room.data,
            "en",  # the app's language; screens of the meeting speak the session's
            clocks=Clocks(monotonic=room.clock, wall=room.wall),
        )
        self.notices: list[tuple[str, SeverityLevel]] = []
        # As the app does when it runs a meeting: records go to disk on a thread of their own.
        self.writer = BackgroundWriter(room.meeting.session.writer)
        room.meeting.session.sink = self.writer.submit
        self.meeting = room.meeting

    def get_default_screen(self) -> Screen[Any]:
        return Home()  # instead of the real home screen, which reads the archive

    def on_mount(self) -> None:
        self.push_screen(Run())

    def notify(self, message: str, *args: Any, **kwargs: Any) -> None:
        self.notices.append((message, kwargs.get("severity", "information")))
        super().notify(message, *args, **kwargs)


@asynccontextmanager
async def ending(room: Room, size: tuple[int, int] = SMALL) -> AsyncIterator[Ending]:
    app = EndingApp(room)
    async with app.run_test(size=size) as pilot:
        assert [type(s) for s in app.screen_stack] == [Home, Run]
        yield Ending(app, pilot, room)
    # Everything the screens recorded is on disk once the meeting is released.
    assert app.leave_meeting()


def shown(widget: Widget) -> str:
    """The text the widget shows, at the size it has on the screen."""
    width, height = widget.outer_size
    return "\n".join(strip.text for strip in widget.render_lines(Region(0, 0, width, height)))


def screen_text(screen: Screen[Any]) -> str:
    """Everything the screen shows, scrolled into view or not, as plain text."""
    return "\n".join(shown(w) for w in screen.query("Static, AgreementTable") if w.display)


def text_column(table: str, heading: str) -> str:
    """The lines of one column of a shown table: from its heading to where the next begins."""
    header, *rows = table.splitlines()
    start = header.index(heading)
    after = header[start + len(heading) :]
    end = start + len(heading) + (len(after) - len(after.lstrip())) if after.strip() else None
    return "\n".join(row[start:end] for row in rows)


def unwrapped(text: str) -> str:
    """Shown text with its line breaks and table padding folded away, to find sentences in."""
    return " ".join(text.split())


# ── the evaluation round ────────────────────────────────────────────────────────────────────


async def test_evaluation_records_what_went_well_could_be_better_the_next_step_and_scores(
    room: Room,
) -> None:
    async with ending(room) as e:
        screen = await e.open_evaluation()
        text = screen_text(screen)
        for key in ("ending.evaluation.went_well", "traject.evaluation.better"):
            assert e.t(key) in text
        assert e.t("ending.evaluation.next_step") in text
        # One score per participant present: Dirk left.
        names = [str(label.render()) for label in screen.query(".score-name")]
        assert names == ["Anna de Vries", "Bram [Jansen]", "مريم الحداد"]

        await e.type("All voices heard")
        await e.pilot.press("tab")
        await e.type("A shorter check-in")
        await e.pilot.press("tab")
        await e.type("Next session: pilot plan")
        await e.pilot.press("tab", "8", "enter", "7", "enter")  # Enter moves to the next score
        assert screen.query_one("#score-2", Input).has_focus
        await e.pilot.press("enter")  # … and after the last one stays put, pressing nothing
        assert screen.query_one("#score-2", Input).has_focus and e.results == []
        await e.pilot.press("ctrl+s")
        await e.pilot.pause()

        assert e.results == [True]
        assert isinstance(e.screen, SummaryScreen)
        # The summary says all three answers (it left out what could be better).
        said = str(e.screen.query_one("#evaluation", Static).render())
        for label, answer in (
            ("ending.summary.went_well", "All voices heard"),
            ("ending.summary.could_be_better", "A shorter check-in"),
            ("ending.summary.next_step", "Next session: pilot plan"),
        ):
            assert f"{e.t(label)}\n{answer}" in said
    on_disk = room.on_disk()
    assert on_disk.finished
    assert on_disk.evaluation is not None
    assert on_disk.evaluation.went_well == "All voices heard"
    assert on_disk.evaluation.could_be_better == "A shorter check-in"
    assert on_disk.evaluation.next_step == "Next session: pilot plan"
    assert on_disk.evaluation.scores == {"p1": 8, "p2": 7}


@pytest.mark.parametrize("typed", ["11", "abc", "0", "7.5", "-3", "٧"])
async def test_a_score_that_is_not_1_to_10_is_named_and_nothing_is_recorded(
    room: Room, typed: str
) -> None:
    seq = room.state.last_seq
    async with ending(room) as e:
        screen = await e.open_evaluation()
        screen.query_one("#went-well", TextArea).text = "Good energy"
        screen.query_one("#score-0", Input).value = "9"
        screen.query_one("#score-1", Input).value = typed
        await e.pilot.pause()
        problem = screen.query_one("#score-problem", Static)
        message = e.t("ending.evaluation.bad_score", name="Bram [Jansen]", typed=typed)
        assert problem.display
        assert unwrapped(shown(problem)) == unwrapped(message)
        assert screen.query_one("#score-1", Input).has_class("-bad")

        await e.pilot.press("ctrl+s")
        await e.pilot.pause()
        assert e.screen is screen, "the round stays open to put the score right"
        assert e.results == []
        assert (message, "warning") in e.app.notices
        assert screen.query_one("#score-1", Input).has_focus
        assert room.state.last_seq == seq and room.state.evaluation is None
        assert not room.state.finished

        # Emptied, it is no score at all, and the meeting finishes.
        screen.query_one("#score-1", Input).value = ""
        await e.pilot.pause()
        assert not problem.display
        await e.pilot.press("ctrl+s")
        await e.pilot.pause()
        assert e.results == [True]
    on_disk = room.on_disk()
    assert on_disk.evaluation is not None and on_disk.evaluation.scores == {"p1": 9}
    assert on_disk.finished


async def test_escape_goes_back_to_the_meeting_and_records_nothing(room: Room) -> None:
    seq = room.state.last_seq
    async with ending(room) as e:
        screen = await e.open_evaluation()
        await e.type("Half an answer")
        screen.query_one("#score-0", Input).value = "6"
        await e.pilot.press("escape")
        await e.pilot.pause()
        assert e.results == [False]
        assert isinstance(e.screen, Run)
    assert room.state.last_seq == seq
    assert room.on_disk().last_seq == seq
    assert not room.on_disk().finished and room.on_disk().evaluation is None


async def test_while_the_evaluation_is_on_screen_no_contribution_is_taken(room: Room) -> None:
    """A phone's idea meanwhile is refused with the reason; Escape takes the group back to the
    agenda, where it is taken again."""
    someone = next(iter(room.state.participants))
    idea = AddIdea(actor=someone, text="Late thought")
    async with ending(room) as e:
        await e.open_evaluation()
        assert room.meeting.evaluating
        refused = room.meeting.execute(idea).refused
        assert refused is not None and refused.key == "command.refused.evaluating"
        await e.pilot.press("escape")
        await e.pilot.pause()
        assert isinstance(e.screen, Run) and not room.meeting.evaluating
        assert room.meeting.execute(idea).done


async def test_finishing_with_nothing_filled_in_records_only_the_end(room: Room) -> None:
    seq = room.state.last_seq
    async with ending(room) as e:
        await e.open_evaluation()
        await e.pilot.press("ctrl+s")
        await e.pilot.pause()
        assert e.results == [True]
    records = Archive(room.data).read(room.state.session_id)
    assert [type(r.event) for r in records[seq:]] == [SessionFinished]


async def test_the_finish_button_does_what_ctrl_s_does(room: Room) -> None:
    async with ending(room, LARGE) as e:
        screen = await e.open_evaluation()
        screen.query_one("#next-step", TextArea).text = "Bel de wethouder 📞"
        await e.pilot.click("#finish")
        await e.pilot.pause()
        assert e.results == [True]
    on_disk = room.on_disk()
    assert on_disk.evaluation is not None
    assert on_disk.evaluation.next_step == "Bel de wethouder 📞"
    assert on_disk.finished


async def test_an_earlier_evaluation_is_shown_and_kept_when_unchanged(room: Room) -> None:
    room.meeting.evaluate("Good", "Next week", {"p1": 6})
    seq = room.state.last_seq
    async with ending(room) as e:
        screen = await e.open_evaluation()
        assert screen.query_one("#went-well", TextArea).text == "Good"
        assert screen.query_one("#score-0", Input).value == "6"
        await e.pilot.press("ctrl+s")
        await e.pilot.pause()
    records = Archive(room.data).read(room.state.session_id)
    assert [type(r.event) for r in records[seq:]] == [SessionFinished]
    assert not any(isinstance(r.event, EvaluationRecorded) for r in records[seq:])


async def test_with_nobody_present_there_are_no_scores_to_give(
    tmp_path: Path, lang: Language
) -> None:
    room = open_room(tmp_path / "data", lang, people=[])
    async with ending(room) as e:
        screen = await e.open_evaluation()
        assert not screen.query(".score")
        assert e.t("ending.evaluation.nobody_present") in unwrapped(screen_text(screen))
        await e.type("Fine")
        await e.pilot.press("ctrl+s")
        await e.pilot.pause()
    on_disk = room.on_disk()
    assert on_disk.evaluation is not None and on_disk.evaluation.scores == {}


async def test_a_text_longer_than_a_record_holds_is_refused(room: Room) -> None:
    seq = room.state.last_seq
    async with ending(room) as e:
        screen = await e.open_evaluation()
        screen.query_one("#went-well", TextArea).text = "x" * 20_001
        await e.pilot.press("ctrl+s")
        await e.pilot.pause()
        what = e.t("ending.evaluation.went_well")
        assert (e.t("ending.evaluation.too_long", what=what, limit=20_000), "warning") in (
            e.app.notices
        )
        assert e.results == []
    assert room.on_disk().last_seq == seq


async def test_the_evaluation_speaks_the_sessions_language_and_keys_say_so(room: Room) -> None:
    async with ending(room) as e:
        screen = await e.open_evaluation()
        keys = {b.binding.key: b.binding.description for b in screen.active_bindings.values()}
        assert keys["ctrl+s"] == e.t("ending.key.finish")
        assert keys["escape"] == e.t("ending.key.back")
        assert screen.lang == room.state.language


# ── the summary ─────────────────────────────────────────────────────────────────────────────


async def test_the_summary_shows_who_what_and_how_long(room: Room, lang: Language) -> None:
    finish(room, p1=8, p2=7, p3=9)
    async with ending(room) as e:
        screen = await e.open_summary()
        text = unwrapped(screen_text(screen))

        assert room.state.title in text
        assert spoken_date(START.astimezone().date(), lang) in text
        assert e.t("ending.summary.place", place="Stadhuis, zaal [3]") in text
        assert e.t("ending.summary.facilitator", name="Sam Visser") in text
        assert e.t("ending.summary.present", present=3, total=4) in text
        assert "Dirk Boer" in text and "Anna de Vries (Gemeente)" in text

        # One count of agreements, as Home and `wyber list` count them: decisions and actions
        # are agreements too, named among them; parked items are not.
        counts = {
            name: unwrapped(shown(screen.query_one(f"#count-{name}", Static)))
            for name in ("ideas", "clusters", "agreements", "parked")
        }
        among = e.t("table2.of_which", parts="")
        assert counts == {
            "ideas": e.t("table2.noun.idea.other", count=3),
            "clusters": e.t("table2.noun.cluster.one", count=1),
            "agreements": e.t("table2.noun.agreement.other", count=4)
            + " "
            + among
            + (
                "1 besluit en 2 acties"
                if e.room.state.language == "nl"
                else "1 decision and 2 actions"
            ),
            "parked": e.t("table2.noun.parked.one", count=1),
        }

        # Each kind in a section of its own, numbered as the session numbers them.
        tables = {t.kind: t for t in screen.query(AgreementTable)}
        assert [a.number for a in tables[AgreementKind.AGREEMENT].agreements] == [1]
        assert [a.number for a in tables[AgreementKind.DECISION].agreements] == [2]
        assert [a.number for a in tables[AgreementKind.ACTION].agreements] == [3, 4]
        assert [a.number for a in tables[AgreementKind.PARKED].agreements] == [5]
        agreement = unwrapped(shown(tables[AgreementKind.AGREEMENT]))
        for part in (
            "1",
            "We share the pilot data [monthly] 🔋",
            "Anna de Vries",
            short_date(date(2026, 12, 4), lang),
            e.t("run.field.verbindend"),
            e.t("consent.state.given"),
            e.t("consent.line.consented", names="Anna de Vries, Bram [Jansen], مريم الحداد"),
        ):
            assert part in agreement
        decision = unwrapped(shown(tables[AgreementKind.DECISION]))
        for part in (
            e.t("consent.state.objected"),
            e.t("consent.line.consented", names="Anna de Vries"),
            e.t("consent.line.aside", names="مريم الحداد"),
            e.t(
                "consent.line.objection",
                name="Bram [Jansen]",
                objection="first tell the council",
                resolution=e.t("consent.resolution.standing"),
            ),
        ):
            assert part in decision
        actions = unwrapped(shown(tables[AgreementKind.ACTION]))
        assert e.t("ending.col.action_owner") in actions
        assert "بطاريات مستعملة" in actions and "مريم الحداد" in actions

        # Planned against actual: check-in 5 → 7 (+2), the wyber 30 → 25 (−5), 35 → 32 (−3).
        time = shown(screen.query_one("#time", Static))
        rows = [line.split() for line in time.splitlines()]
        assert ["1.", "Check-in", "5", "7", "+2"] in rows
        assert ["2.", "Samenwerken", "30", "25", "−5"] in rows
        assert [e.t("ending.time.total"), "35", "32", "−3"] in rows

        evaluation = unwrapped(shown(screen.query_one("#evaluation", Static)))
        assert "Everyone had a turn [really] Silent writing 👍" in evaluation
        assert "Pilot plan" in evaluation
        average = "8,0" if lang == "nl" else "8.0"
        assert e.t("ending.summary.average", average=average, count=3) in evaluation


async def test_a_summary_without_agreements_or_evaluation_says_so(
    tmp_path: Path, lang: Language
) -> None:
    room = open_room(tmp_path / "data", lang)
    run_through(room, agreements=False)
    room.meeting.finish()
    async with ending(room) as e:
        screen = await e.open_summary()
        text = unwrapped(screen_text(screen))
        assert e.t("ending.summary.nothing_agreed") in text
        assert e.t("ending.summary.no_evaluation") in text
        assert not screen.query(AgreementTable)


async def test_the_summary_says_who_was_there_with_their_mandate_as_the_minutes_do(
    tmp_path: Path, lang: Language
) -> None:
    people = [
        ParticipantAdded(
            participant_id="p1",
            name="Anna de Vries",
            organisation="Gemeente",
            mandate=Mandate.DECIDES,
        ),
        ParticipantAdded(participant_id="p2", name="Bram Visser", mandate=Mandate.CONSULTS),
        ParticipantAdded(participant_id="p3", name="Chris Bakker", organisation="ReCell"),
    ]
    room = open_room(tmp_path / "data", lang, people)
    room.meeting.start()
    room.meeting.finish()
    async with ending(room) as e:
        text = unwrapped(screen_text(await e.open_summary()))
        decides, consults = e.t("design.mandate.decides"), e.t("design.mandate.consults")
        assert f"Anna de Vries (Gemeente, {decides})" in text
        assert f"Bram Visser ({consults})" in text and "Chris Bakker (ReCell)" in text


async def test_one_score_is_not_called_an_average(room: Room) -> None:
    finish(room, p3=6)
    async with ending(room) as e:
        screen = await e.open_summary()
        average = "6,0" if room.state.language == "nl" else "6.0"
        expected = e.t("ending.summary.average_one", average=average)
        assert expected in unwrapped(shown(screen.query_one("#evaluation", Static)))


async def test_a_step_never_reached_shows_as_such(tmp_path: Path, lang: Language) -> None:
    room = open_room(tmp_path / "data", lang)
    room.meeting.start()
    room.clock.advance(3 * 60)
    room.meeting.finish()
    async with ending(room) as e:
        screen = await e.open_summary()
        rows = [line.split() for line in shown(screen.query_one("#time", Static)).splitlines()]
        assert ["1.", "Check-in", "5", "3", "−2"] in rows
        not_reached = e.t("ending.time.not_reached").split()
        assert ["2.", "Samenwerken", "30", *not_reached] in rows


async def test_time_away_after_a_break_off_is_noted(tmp_path: Path, lang: Language) -> None:
    room = open_room(tmp_path / "data", lang)
    room.meeting.start()
    room.clock.advance(120)
    room.meeting.add_idea("The last thing recorded before the break-off")
    room.meeting.session.close()  # the laptop's battery dies …
    room.wall.jumped += 600  # … and ten minutes later wyber is back
    live = resume_session(
        Archive(room.data), room.state.session_id, monotonic=room.clock, wall=room.wall
    )
    room.meeting = Meeting(live)
    room.meeting.finish()
    async with ending(room) as e:
        screen = await e.open_summary()
        notes = unwrapped(shown(screen.query_one("#time-notes", Static)))
        minutes = e.t("ending.duration.minutes", minutes=10)
        assert e.t("ending.time.away", duration=minutes) in notes


async def test_home_releases_the_meeting_and_goes_back_home(room: Room) -> None:
    finish(room)
    async with ending(room) as e:
        await e.open_summary()
        writer = e.app.writer
        assert writer is not None
        await e.pilot.press("h")
        await e.pilot.pause()
        assert isinstance(e.screen, Home)
        assert e.app.meeting is None and e.app.writer is None
        with pytest.raises(RuntimeError):  # the writer was closed: the session is released
            writer.submit(Archive(room.data).read(room.state.session_id)[-1])
    assert room.on_disk().finished


async def test_escape_goes_home_too(room: Room) -> None:
    finish(room)
    async with ending(room) as e:
        screen = await e.open_summary()
        keys = {b.binding.key: b.binding.description for b in screen.active_bindings.values()}
        assert keys["h"] == keys["escape"] == e.t("ending.key.home")
        await e.pilot.press("escape")
        await e.pilot.pause()
        assert isinstance(e.screen, Home)
        assert len(e.app.screen_stack) == 1  # the run screen is gone too: home is the bottom
        assert e.app.meeting is None


# ── hard texts, small and large screens ─────────────────────────────────────────────────────


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "200x60"])
async def test_hard_texts_are_shown_as_typed_at_any_size(
    tmp_path: Path, lang: Language, size: tuple[int, int]
) -> None:
    room = open_room(tmp_path / "data", lang)
    run_through(room)
    room.meeting.record_agreement(LONG, kind=AgreementKind.ACTION, owner_id="p3")
    room.meeting.record_agreement("[/] [red]not red[/red] \\[x] 🧪 👩🏽‍🔬", owner_id="p2")
    finish(room, p1=10)
    async with ending(room, size) as e:
        screen = await e.open_summary()
        summary = screen.query_one("#summary")
        # Nothing runs off to the side: what does not fit the width wraps, and the page scrolls.
        assert summary.max_scroll_x == 0
        assert summary.max_scroll_y > 0
        for table in screen.query(AgreementTable):
            assert table.outer_size.width <= summary.size.width
        text = unwrapped(screen_text(screen))
        assert "[/] [red]not red[/red] \\[x] 🧪 👩🏽‍🔬" in text
        assert "[bold]" not in text  # an idea's text is counted, not shown
        actions = shown(screen.query_one("#kind-action", AgreementTable))
        assert unwrapped(LONG) in unwrapped(text_column(actions, e.t("ending.col.text")))
        await e.pilot.press("end")
        await e.pilot.pause()
        assert summary.scroll_y == summary.max_scroll_y
        evaluation = screen.query_one("#evaluation", Static)
        assert evaluation.region.bottom <= screen.size.height - 1  # above the footer


async def test_on_a_projector_the_details_get_columns(room: Room) -> None:
    finish(room)
    async with ending(room, LARGE) as e:
        screen = await e.open_summary()
        table = screen.query_one("#kind-agreement", AgreementTable)
        header = shown(table).splitlines()[0].split()
        assert header == [
            e.t(f"ending.col.{c}")
            for c in ("number", "text", "owner", "deadline", "field", "consent")
        ]


async def test_on_a_laptop_the_details_go_under_the_text(room: Room) -> None:
    finish(room)
    async with ending(room, SMALL) as e:
        screen = await e.open_summary()
        table = screen.query_one("#kind-agreement", AgreementTable)
        lines = shown(table).splitlines()
        assert lines[0].split() == [e.t("ending.col.number"), e.t("ending.col.text")]
        below = unwrapped("\n".join(lines[3:]))
        assert f"{e.t('ending.col.owner')}: Anna de Vries" in below
        # A detail a row lacks is left out, not shown empty.
        decision = unwrapped(shown(screen.query_one("#kind-decision", AgreementTable)))
        assert e.t("ending.col.owner") not in decision


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "200x60"])
async def test_the_evaluation_fits_small_and_large_screens(
    room: Room, size: tuple[int, int]
) -> None:
    async with ending(room, size) as e:
        screen = await e.open_evaluation()
        form = screen.query_one("#evaluation")
        assert form.max_scroll_x == 0
        for score in screen.query(".score"):
            score.focus()
            # A focused score scrolls into view (after a frame or more on a loaded machine).
            await until(e.pilot, lambda score=score: form.region.contains_region(score.region))
        for area in screen.query(TextArea):
            assert area.size.height >= 3
