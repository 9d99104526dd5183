"""Snapshots of every screen, at a laptop's 80×24 and a projector's 160×48, in Dutch and English.

The pictures are deterministic (see tests/snapshot_kit.py): the meeting runs on a FakeClock and
FakeWall (Monday 23 November 2026, 10:00 in Amsterdam), the time zone is fixed, session ids are
pinned, cursors do not blink, toasts are cleared, and the background writer has caught up before
the picture is taken (so the "saved" line is steady).

The diverge scene is driven by the facilitator's keys from `wyber run --now`, as in
test_run_flow (text is put into an input directly, then Enter, where typing it key by key would
only be slow). The later scenes open the same meeting recorded through the core, as after a
break-off, and press only the keys of the scene itself: that keeps the whole file fast.

Update after an intended change with: pytest tests/test_snapshots.py --snapshot-update
"""

from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Select, TabbedContent, TextArea

from tests.factory import FakeClock, FakeWall
from tests.snapshot_kit import LANG, NOW, SIZE, SMALL, Drive, Snap, make_app, then
from tests.test_home_prepare import start_anyway
from tui.app import WyberApp
from tui.dialogs.agreement import AgreementDialog
from tui.screens.evaluation import EvaluationScreen
from tui.screens.help import HelpScreen
from tui.screens.home import HomeScreen
from tui.screens.prepare import PrepareScreen
from tui.screens.run import RunScreen
from tui.screens.summary import SummaryScreen
from tui.wyber.dates import parse_deadline
from tui.wyber.events import AgreementKind, ConsentAnswer
from tui.wyber.i18n import Language
from tui.wyber.meeting import Meeting
from tui.wyber.paths import shipped_plans_dir
from tui.wyber.plan import Plan
from tui.wyber.plans import load_plan
from tui.wyber.preparation import prepare
from tui.wyber.session import start_session
from tui.wyber.store import Archive
from tui.wyber.timebox import remaining

pytestmark = pytest.mark.usefixtures("amsterdam_time")

MEETING_ID = "20261123-0900-5eed"

PEOPLE = ("Anna de Vries", "Bram", "Carla")
LONG = {
    "nl": (
        "Een vaste wekelijkse inloop op donderdagmiddag waar iedereen uit alle teams zonder "
        "afspraak kan binnenlopen met vragen, ideeën en zorgen, zodat kleine problemen niet "
        "wekenlang blijven liggen tot het volgende overleg en niemand zich meer hoeft af te "
        "vragen bij wie hij of zij terecht kan"
    ),
    "en": (
        "A fixed weekly drop-in on Thursday afternoons where anyone from any team can walk in "
        "without an appointment with questions, ideas and worries, so that small problems no "
        "longer sit for weeks until the next meeting and nobody has to wonder any more who to "
        "turn to"
    ),
}
IDEAS = {
    "nl": (
        "Anna: elke week samen koffie drinken ☕",
        "een gedeelde [red]agenda[/red] 📅",
        "Bram: koffieapparaat op elke verdieping",
        "تعاون أفضل بين الفرق",
        "Carla: minder mailen, vaker even bellen 🙂",
        LONG["nl"],
    ),
    "en": (
        "Anna: coffee together every week ☕",
        "a shared [red]calendar[/red] 📅",
        "Bram: a coffee machine on every floor",
        "تعاون أفضل بين الفرق",
        "Carla: fewer emails, more quick calls 🙂",
        LONG["en"],
    ),
}
CLUSTER = {"nl": "Koffie", "en": "Coffee"}
AGREEMENTS = {
    "nl": (
        "Elke maandag om 9:30 samen koffie",
        "Koffieapparaat voor elke verdieping regelen",
        "Thuiswerkbeleid [later]",
    ),
    "en": (
        "Coffee together every Monday at 9:30",
        "Arrange a coffee machine for every floor",
        "Working-from-home policy [later]",
    ),
}
DEADLINE = {"nl": "vr 4 dec", "en": "fri 4 dec"}  # Friday 4 December 2026
EVALUATION = {
    "nl": ("Iedereen kwam aan het woord.", "Over twee weken kijken of de koffie helpt."),
    "en": ("Everyone had their say.", "In two weeks, see whether the coffee helps."),
}

# How far the recorded meeting gets.
IDEAS_WRITTEN, CONVERGED, AGREED, FINISHED = 1, 2, 3, 4


@pytest.fixture(autouse=True)
def pinned_session_ids(monkeypatch: pytest.MonkeyPatch) -> None:
    """A new session's id is its date and random hex: pinned, so nothing random can show."""
    monkeypatch.setattr(Archive, "new_id", lambda _, at: f"{at.astimezone(UTC):%Y%m%d-%H%M}-5eed")


def wyber_30(lang: Language) -> Plan:
    return load_plan(shipped_plans_dir() / f"wyber-30.{lang}.toml")


# ── the meeting, recorded straight through the core ─────────────────────────────────────────


def record_meeting(
    data: Path,
    lang: Language,
    stage: int,
    session_id: str = MEETING_ID,
    at: datetime = NOW,
    title: str | None = None,
) -> datetime:
    """The meeting of these snapshots, recorded up to `stage`; the wall time of its last record.

    The same meeting the keys make in test_run_diverge: three people, six ideas; then the coffee
    cluster with Anna's dots, selected; then three agreements, two with consent. `title`: the
    meeting's own, instead of the plan's.
    """
    clock = FakeClock()
    plan = wyber_30(lang)
    titled = plan if title is None else plan.model_copy(update={"title": title})
    opening = prepare(titled, at.date()).opening(session_id)
    with start_session(
        Archive(data), opening, monotonic=clock, wall=FakeWall(clock, at)
    ) as session:
        meeting = Meeting(session)
        anna, bram, _ = (meeting.add_participant(name).id for name in PEOPLE)
        meeting.start()
        for idea in IDEAS[lang]:
            clock.advance(50)
            meeting.add_idea(idea)
        if stage >= CONVERGED:
            clock.advance(240)
            meeting.next_movement()
            clock.advance(90)
            ideas = meeting.ideas_of_step()
            coffee = [i.id for i in ideas if i.author_id in (anna, bram)]
            cluster = meeting.create_cluster(CLUSTER[lang], coffee)
            meeting.vote(cluster, anna)
            meeting.vote(cluster, anna)
            meeting.vote(ideas[-1].id, anna)
            meeting.vote(cluster, bram)
            meeting.toggle_selected(cluster)
        if stage >= AGREED:
            clock.advance(300)
            meeting.next_movement()
            clock.advance(120)
            first, action, parked = AGREEMENTS[lang]
            deadline = parse_deadline(DEADLINE[lang], at.date())
            agreed = meeting.record_agreement(first, AgreementKind.AGREEMENT)
            clock.advance(60)
            todo = meeting.record_agreement(action, AgreementKind.ACTION, anna, deadline)
            clock.advance(60)
            meeting.record_agreement(parked, AgreementKind.PARKED)
            for agreement in (agreed, todo):
                for person in meeting.state.participants:
                    meeting.answer_consent(agreement.id, person, ConsentAnswer.CONSENT)
        if stage >= FINISHED:
            clock.advance(180)
            meeting.evaluate(*EVALUATION[lang], {anna: 8, bram: 7})
            meeting.finish()
        last = session.state.last_at
    assert last is not None
    return last


def resumed(data: Path, lang: Language, stage: int) -> WyberApp:
    """The app opening the recorded meeting, its wall clock where the meeting left off."""
    last = record_meeting(data, lang, stage)
    return make_app(data, lang, start=last, session_id=MEETING_ID)


# ── driving the app ─────────────────────────────────────────────────────────────────────────


def fake_clock(pilot: Pilot[None]) -> FakeClock:
    clock = pilot.app.clocks.monotonic  # type: ignore[attr-defined]
    assert isinstance(clock, FakeClock)
    return clock


def meeting_of(pilot: Pilot[None]) -> Meeting:
    meeting = pilot.app.meeting  # type: ignore[attr-defined]
    assert isinstance(meeting, Meeting)
    return meeting


def lang_of(pilot: Pilot[None]) -> Language:
    return pilot.app.lang  # type: ignore[attr-defined,no-any-return]


async def enter(pilot: Pilot[None], selector: str, text: str) -> None:
    """Put text into an input of the current screen and press Enter in it."""
    field = pilot.app.screen.query_one(selector, Input)
    field.focus()
    field.value = text
    await pilot.press("enter")


async def running(pilot: Pilot[None]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(pilot.app.screen, RunScreen)


async def people(pilot: Pilot[None]) -> None:
    await pilot.press("ctrl+g")
    for name in PEOPLE:
        await enter(pilot, "#new-person", name)
    await pilot.press("ctrl+s")


async def ideas(pilot: Pilot[None]) -> None:
    """Six ideas: with authors, "[markup]", emoji, right-to-left script and a very long one."""
    for idea in IDEAS[lang_of(pilot)]:
        fake_clock(pilot).advance(50)
        await enter(pilot, "#idea", idea)
    assert len(meeting_of(pilot).ideas_of_step()) == len(IDEAS["nl"])


def time_left(seconds: float) -> Drive:
    """Move the fake clock so the current time box shows `seconds` left (negative: overrun)."""

    async def step(pilot: Pilot[None]) -> None:
        meeting = meeting_of(pilot)
        index = meeting.state.current
        assert index is not None
        fake_clock(pilot).advance(remaining(meeting.state, index, meeting.now()) - seconds)
        await pilot.pause()

    return step


async def anna_votes(pilot: Pilot[None]) -> None:
    """Anna is the voter now: the status line shows her dots."""
    assert isinstance(pilot.app.screen, RunScreen)
    await pilot.press("v", "up", "enter")  # the picker opens on Bram, still to vote: Anna is above
    assert pilot.app.screen.query_one("#targets", OptionList).highlighted == 0


async def deadline_typed(pilot: Pilot[None]) -> None:
    """The agreement form, filled in as an action for Anna, "vr 4 dec" typed as its deadline."""
    await pilot.press("a")
    dialog = pilot.app.screen
    assert isinstance(dialog, AgreementDialog)
    lang = lang_of(pilot)
    dialog.query_one("#text", Input).value = AGREEMENTS[lang][1]
    dialog.query_one("#kind", Select).value = AgreementKind.ACTION
    anna = next(iter(meeting_of(pilot).state.participants.values()))
    dialog.query_one("#owner", Input).value = anna.name
    field = dialog.query_one("#deadline", Input)
    field.focus()
    field.value = DEADLINE[lang]
    await pilot.pause()


async def help_open(pilot: Pilot[None]) -> None:
    await pilot.press("f1")
    assert isinstance(pilot.app.screen, HelpScreen)


async def evaluating(pilot: Pilot[None]) -> None:
    await pilot.press("ctrl+f")
    screen = pilot.app.screen
    assert isinstance(screen, EvaluationScreen)
    went_well, next_step = EVALUATION[lang_of(pilot)]
    screen.query_one("#went-well", TextArea).text = went_well
    screen.query_one("#next-step", TextArea).text = next_step
    for index, score in enumerate(("8", "7", "")):
        screen.query_one(f"#score-{index}", Input).value = score
    await pilot.pause()


async def summary_shown(pilot: Pilot[None]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(pilot.app.screen, SummaryScreen)
    assert meeting_of(pilot).state.finished


async def home_loaded(pilot: Pilot[None]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, HomeScreen)
    assert screen.unfinished and screen.query_one("#notice").display


def tab(name: str) -> Drive:
    async def step(pilot: Pilot[None]) -> None:
        screen = pilot.app.screen
        assert isinstance(screen, PrepareScreen)
        screen.query_one(TabbedContent).active = name
        await pilot.pause()

    return step


async def meeting_details(pilot: Pilot[None]) -> None:
    screen = pilot.app.screen
    assert isinstance(screen, PrepareScreen)
    screen.query_one("#place", Input).value = "Stadhuis, zaal 3"
    screen.query_one("#facilitator", Input).value = "Fleur Jansen"
    await pilot.pause()


async def invitees(pilot: Pilot[None]) -> None:
    await tab("participants")(pilot)
    for name, organisation, role, email, mandate in (
        ("Anna de Vries", "Gemeente Rotterdam", "beleid", "anna@rotterdam.nl", "decides"),
        ("Bram", "AfvalWerk BV", "", "", "consults"),
        ("Chaima El Idrissi", "ReCell Lab", "onderzoek", "chaima@recell.example", "-"),
    ):
        for field, value in (("organisation", organisation), ("role", role), ("email", email)):
            pilot.app.screen.query_one(f"#invitee-{field}", Input).value = value
        pilot.app.screen.query_one("#invitee-mandate", Select).value = mandate
        await enter(pilot, "#invitee-name", name)
    screen = pilot.app.screen
    assert isinstance(screen, PrepareScreen)
    assert [i.name for i in screen.invitees] == ["Anna de Vries", "Bram", "Chaima El Idrissi"]


async def started_from_prepare(pilot: Pilot[None]) -> None:
    await pilot.press("ctrl+s")
    await pilot.pause()
    # The shipped plan's sample texts still stand: started anyway.
    await start_anyway(pilot)
    await running(pilot)
    assert not meeting_of(pilot).started


# ── the snapshots ───────────────────────────────────────────────────────────────────────────


@SIZE
@LANG
def test_home_with_an_unfinished_session(
    snap_compare: Snap, tmp_path: Path, lang: Language, size: tuple[int, int]
) -> None:
    record_meeting(
        tmp_path, lang, FINISHED, "20261120-1300-beef", datetime(2026, 11, 20, 13, tzinfo=UTC)
    )
    record_meeting(
        tmp_path, lang, CONVERGED, "20261123-0830-cafe", datetime(2026, 11, 23, 8, 30, tzinfo=UTC)
    )
    app = make_app(tmp_path, lang)
    assert snap_compare(app, terminal_size=size, run_before=then(home_loaded))


async def designed(pilot: Pilot[None]) -> None:
    """An agenda of one's own: the goal written, a second step added and set to scoring."""
    await tab("agenda")(pilot)
    screen = pilot.app.screen
    screen.query_one("#goal", Input).value = "Samen besluiten wat er met de accu's gebeurt"
    screen.query_one("#step-0-question", Input).focus()
    await pilot.press("ctrl+n")
    await pilot.pause()
    screen.query_one("#step-1-title", Input).value = "Kiezen"
    screen.query_one("#step-1-converge-technique", Select).value = "score"
    await pilot.pause()
    screen.query_one("#step-1-converge-setting", Input).value = "10"
    screen.query_one("#step-1-title", Input).focus()
    await pilot.pause()


PREPARE_TABS = {
    "meeting": meeting_details,
    "participants": invitees,
    "agenda": tab("agenda"),
    "designed": designed,
}


@SIZE
@LANG
@pytest.mark.parametrize("name", list(PREPARE_TABS))
def test_prepare(
    snap_compare: Snap, tmp_path: Path, lang: Language, size: tuple[int, int], name: str
) -> None:
    app = make_app(tmp_path, lang, plan=wyber_30(lang))
    assert snap_compare(app, terminal_size=size, run_before=then(PREPARE_TABS[name]))


@SIZE
@LANG
def test_run_not_started(
    snap_compare: Snap, tmp_path: Path, lang: Language, size: tuple[int, int]
) -> None:
    app = make_app(tmp_path, lang, plan=wyber_30(lang))
    assert snap_compare(app, terminal_size=size, run_before=then(started_from_prepare))


@SIZE
@LANG
def test_run_diverge(
    snap_compare: Snap, tmp_path: Path, lang: Language, size: tuple[int, int]
) -> None:
    """Started at once (`wyber run --now`), people added and ideas typed: 40% of the time left."""
    app = make_app(tmp_path, lang, plan=wyber_30(lang), run_now=True)
    drive = then(running, people, ideas, time_left(4 * 60))
    assert snap_compare(app, terminal_size=size, run_before=drive)


@SMALL
@LANG
def test_run_diverge_clock_amber(
    snap_compare: Snap, tmp_path: Path, lang: Language, size: tuple[int, int]
) -> None:
    app = resumed(tmp_path, lang, IDEAS_WRITTEN)
    assert snap_compare(app, terminal_size=size, run_before=then(time_left(90)))  # 15% left


@SMALL
@LANG
def test_run_diverge_overrun(
    snap_compare: Snap, tmp_path: Path, lang: Language, size: tuple[int, int]
) -> None:
    app = resumed(tmp_path, lang, IDEAS_WRITTEN)
    assert snap_compare(app, terminal_size=size, run_before=then(time_left(-90)))  # "+01:30"


@SIZE
@LANG
def test_run_converge(
    snap_compare: Snap, tmp_path: Path, lang: Language, size: tuple[int, int]
) -> None:
    app = resumed(tmp_path, lang, CONVERGED)
    assert snap_compare(app, terminal_size=size, run_before=then(anna_votes))


@SIZE
@LANG
def test_run_consolidate(
    snap_compare: Snap, tmp_path: Path, lang: Language, size: tuple[int, int]
) -> None:
    app = resumed(tmp_path, lang, AGREED)
    assert snap_compare(app, terminal_size=size, run_before=then(running))


@SIZE
@LANG
def test_agreement_dialog_understands_the_deadline(
    snap_compare: Snap, tmp_path: Path, lang: Language, size: tuple[int, int]
) -> None:
    app = resumed(tmp_path, lang, AGREED)
    assert snap_compare(app, terminal_size=size, run_before=then(deadline_typed))


@SIZE
@LANG
def test_help_over_the_run_screen(
    snap_compare: Snap, tmp_path: Path, lang: Language, size: tuple[int, int]
) -> None:
    app = resumed(tmp_path, lang, IDEAS_WRITTEN)
    assert snap_compare(app, terminal_size=size, run_before=then(help_open))


@SIZE
@LANG
def test_evaluation(
    snap_compare: Snap, tmp_path: Path, lang: Language, size: tuple[int, int]
) -> None:
    app = resumed(tmp_path, lang, AGREED)
    assert snap_compare(app, terminal_size=size, run_before=then(evaluating))


@SIZE
@LANG
def test_summary_of_a_finished_meeting(
    snap_compare: Snap, tmp_path: Path, lang: Language, size: tuple[int, int]
) -> None:
    """A finished meeting opened from the archive shows its summary (as after Evaluation)."""
    app = resumed(tmp_path, lang, FINISHED)
    assert snap_compare(app, terminal_size=size, run_before=then(summary_shown))
