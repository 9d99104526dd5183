"""The consent round through the facilitator's keys: "i" on the agreements board opens the round;
c, s and o answer for the person under the cursor; an objection typed and Enter is an objection,
never consent; a amends (the round starts again), w withdraws, t records it as standing.

The meeting is the snapshots' (tests/test_snapshots.py): Anna, Bram and Carla in consolidate,
three agreements, the parked item (the third) without a round yet. What a test asserts it reads
from the journal on disk.
"""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input

from tests.layout_scenes import meeting_of
from tests.snapshot_kit import LANG, SIZE, settle
from tests.test_layout_fits import drawn_words
from tests.test_snapshots import AGREED, LONG, PEOPLE, resumed
from tests.test_typed_ahead import burst
from tui.app import WyberApp
from tui.dialogs.consent import ConsentRoundDialog
from tui.dialogs.finish import FinishEarlyDialog
from tui.widgets.cursor import cursor_key
from tui.wyber.consent import consent_state
from tui.wyber.events import ConsentAnswer, ConsentAnswered, Resolution
from tui.wyber.i18n import Language, counted, tr
from tui.wyber.state import Agreement, ConsentState, SessionState
from tui.wyber.store import Archive

from .test_run_flow import stored

WORDS = "Wie betaalt de opslag, is nog niet besproken"
AMENDED = "De opslag betaalt de gemeente; we bespreken het in januari"


@asynccontextmanager
async def round_open(tmp_path: Path) -> AsyncIterator[Pilot[None]]:
    """The round dialog open on the parked item, its cursor on Anna (the first not answered)."""
    app = resumed(tmp_path, "nl", AGREED)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("down", "down", "i")
        await pilot.pause()
        assert isinstance(app.screen, ConsentRoundDialog)
        assert isinstance(app.focused, DataTable)  # the people have the focus, no button
        yield pilot


def on_disk(pilot: Pilot[None]) -> SessionState:
    app = pilot.app
    assert isinstance(app, WyberApp)
    return stored(app)


def parked(pilot: Pilot[None]) -> Agreement:
    """The parked item as the journal on disk has it."""
    return list(on_disk(pilot).agreements.values())[2]


def consent_of(pilot: Pilot[None]) -> ConsentState:
    """The parked item's consent, by who is present as the journal on disk has it."""
    return consent_state(parked(pilot), on_disk(pilot))


async def type_text(pilot: Pilot[None], text: str) -> None:
    await pilot.press(*("space" if c == " " else c for c in text))


async def object_with_words(pilot: Pilot[None]) -> None:
    """Anna consents; Bram objects, his words typed key by key, then Enter."""
    await pilot.press("c", "o")
    await type_text(pilot, WORDS)
    await pilot.press("enter")
    await pilot.pause()


async def test_an_objection_typed_and_enter_is_an_objection_never_consent(tmp_path: Path) -> None:
    async with round_open(tmp_path) as pilot:
        await object_with_words(pilot)
        answers = parked(pilot).round.answers
        names = {p: a.name for p, a in answers.items()}
        assert [(a.name, a.answer, a.objection) for a in answers.values()] == [
            (PEOPLE[0], ConsentAnswer.CONSENT, ""),
            (PEOPLE[1], ConsentAnswer.OBJECTION, WORDS),  # the c, s, o and t in it were typed
        ]
        assert consent_of(pilot) is ConsentState.OPEN
        app = pilot.app
        assert isinstance(app, WyberApp) and app.meeting is not None
        journal = Archive(app.data).read(app.meeting.state.session_id)
        objector = next(p for p, name in names.items() if name == PEOPLE[1])
        said = [
            r.event.answer
            for r in journal
            if isinstance(r.event, ConsentAnswered)
            and (r.event.agreement_id, r.event.participant_id) == (parked(pilot).id, objector)
        ]
        assert said == [ConsentAnswer.OBJECTION]  # one answer, the objection: never a consent


async def test_key_i_opens_the_round_to_the_participants_own_answers(tmp_path: Path) -> None:
    """Until the facilitator opens the round on a proposal, a participant's phone has nothing to
    answer there; the dialog (key i) opens it, and closing the dialog does not close it."""
    app = resumed(tmp_path, "nl", AGREED)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.meeting is not None
        item = list(app.meeting.state.agreements.values())[2]
        assert not item.round.answers and not app.meeting.round_open(item.id)
        await pilot.press("down", "down", "i")
        await pilot.pause()
        assert isinstance(app.screen, ConsentRoundDialog)
        assert app.meeting.round_open(item.id)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ConsentRoundDialog)
        assert app.meeting.round_open(item.id)
        others = app.meeting.state.agreements.values()
        unanswered = [a.id for a in others if a.id != item.id and not a.round.answers]
        assert not any(app.meeting.round_open(a) for a in unanswered)  # only the one opened


async def test_escape_in_the_objection_field_keeps_the_words_and_records_nothing(
    tmp_path: Path,
) -> None:
    async with round_open(tmp_path) as pilot:
        await pilot.press("o")
        await type_text(pilot, "nog niet")
        await pilot.press("escape")
        await pilot.pause()
        dialog = pilot.app.screen
        assert isinstance(pilot.app.focused, DataTable)
        assert dialog.query_one("#objection", Input).value == "nog niet"
        assert not parked(pilot).round.answers
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, ConsentRoundDialog)
        assert not parked(pilot).round.answers


async def test_an_amended_proposal_starts_the_round_again(tmp_path: Path) -> None:
    async with round_open(tmp_path) as pilot:
        await object_with_words(pilot)
        await pilot.press("up")  # back to Bram, the objector
        await pilot.press("a")
        await pilot.pause()
        field = pilot.app.screen.query_one("#amend", Input)
        assert field.has_focus and field.value  # the proposal as it reads, to change
        field.value = AMENDED
        await pilot.press("enter")
        await pilot.pause()
        agreement = parked(pilot)
        assert agreement.text == AMENDED
        assert len(agreement.rounds) == 2 and not agreement.round.answers
        app = pilot.app
        assert isinstance(app, WyberApp) and app.meeting is not None
        assert app.meeting.round_open(agreement.id)  # the new round, on screen: open to phones
        bram = next(a for a in agreement.rounds[0].answers.values() if a.name == PEOPLE[1])
        assert bram.resolution is Resolution.AMENDED
        assert len(agreement.history) == 1
        await pilot.press("c", "c", "c")
        assert consent_of(pilot) is ConsentState.GIVEN
        assert "ronde 2" in str(pilot.app.screen.query_one("#round-title").render())
        before = str(pilot.app.screen.query_one("#round-before").render())
        assert WORDS in before and "voorstel aangepast" in before  # the first round, in sight


@pytest.mark.parametrize(
    ("key", "resolution", "state"),
    [
        ("w", Resolution.WITHDRAWN, ConsentState.GIVEN),
        ("t", Resolution.STANDING, ConsentState.OBJECTED),
    ],
)
async def test_an_objection_is_withdrawn_or_recorded_as_standing(
    tmp_path: Path, key: str, resolution: Resolution, state: ConsentState
) -> None:
    async with round_open(tmp_path) as pilot:
        await object_with_words(pilot)
        await pilot.press("s")  # Carla stands aside
        await pilot.press("up", key)  # on Bram
        await pilot.pause()
        agreement = parked(pilot)
        bram = next(a for a in agreement.round.answers.values() if a.name == PEOPLE[1])
        assert (bram.objection, bram.resolution) == (WORDS, resolution)
        assert consent_of(pilot) is state


# A group large enough that, after two amendments, the round's list runs past the dialog's edge
# at both sizes (under the clock the dialog has some thirteen rows at 80×24).
LATECOMERS = tuple(f"Deelnemer {n}" for n in range(1, 16))


async def drawn(pilot: Pilot[None]) -> None:
    """The dialog drawn after a key: it scrolls to the turn once laid out (after a refresh),
    which a loaded machine did later than a bare pause returns."""
    for _ in range(2):
        pilot.app.screen.refresh(layout=True)
        await pilot.pause()


@SIZE
@LANG
async def test_whose_turn_it_is_stays_in_view_after_an_amendment(
    tmp_path: Path, lang: Language, size: tuple[int, int]
) -> None:
    app = resumed(tmp_path, lang, AGREED)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        for name in LATECOMERS:
            meeting_of(pilot).add_participant(name)
        await pilot.press("down", "down", "i")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConsentRoundDialog)
        for objection, amended in ((WORDS, AMENDED), (LONG[lang], AMENDED + ".")):
            await pilot.press("c", "o")
            dialog.query_one("#objection", Input).value = objection
            await pilot.press("enter", "up", "a")
            await pilot.pause()
            dialog.query_one("#amend", Input).value = amended
            await pilot.press("enter")
            await drawn(pilot)
        assert len(parked(pilot).rounds) == 3  # the round started again, twice
        people = dialog.people()
        for turn in people:
            cursor = dialog.query_one("#round-people", DataTable).cursor_row
            assert people[cursor] == turn
            inside = drawn_words(app, dialog.query_one("#consent-round").content_region)
            assert turn.name in inside, f"{turn.name}'s turn, not in view: {inside}"
            await pilot.press("c")
            await drawn(pilot)
        assert consent_of(pilot) is ConsentState.GIVEN


@pytest.mark.parametrize("field", ["objection", "amend"])
async def test_words_typed_at_once_after_the_key_land_in_the_field_never_as_answers(
    tmp_path: Path, field: str
) -> None:
    async with round_open(tmp_path) as pilot:
        if field == "amend":
            await object_with_words(pilot)  # Bram's objection, open: a resolves it
        before = {p: a.answer for p, a in parked(pilot).round.answers.items()}
        key = "o" if field == "objection" else "a"
        burst(pilot, key + "Costs so much")
        await settle(pilot)
        typed = pilot.app.screen.query_one(f"#{field}", Input)
        assert typed.has_focus
        assert typed.value.endswith("Costs so much")
        after = {p: a.answer for p, a in parked(pilot).round.answers.items()}
        assert after == before  # the c and the s's typed were words, not answers


async def test_a_round_not_through_is_open_on_the_board_and_ctrl_f_says_so(
    tmp_path: Path,
) -> None:
    async with round_open(tmp_path) as pilot:
        await pilot.press("c")  # Anna consents; Bram and Carla have not answered
        await pilot.press("escape")
        await pilot.pause()
        app = pilot.app
        names = f"{PEOPLE[1]}, {PEOPLE[2]}"
        open_ = counted("nl", "consent.state.waiting", 2, state="nog open", names=names)
        assert consent_of(pilot) is ConsentState.OPEN
        board = app.screen.query_one("#agreements", DataTable)
        assert open_ in [str(cell) for cell in board.get_row_at(2)]  # never "✔ instemming"
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert isinstance(app.screen, FinishEarlyDialog)
        waiting = counted("nl", "polish.finish.not_answered", 2, names=names)
        asked = str(app.screen.query_one("#question").render())
        assert tr("nl", "polish.finish.round", number=3, why=waiting) in asked


async def test_a_resolves_the_one_open_objection_and_says_at_once_when_there_is_none(
    tmp_path: Path,
) -> None:
    async with round_open(tmp_path) as pilot:
        dialog = pilot.app.screen
        amend = dialog.query_one("#amend", Input)
        await pilot.press("a")  # nobody objected: said at once, no field to type in
        await pilot.pause()
        said = [n.message for n in pilot.app._notifications]
        assert tr("nl", "consent.no_objection_of", name=PEOPLE[0]) in said
        assert not amend.has_focus and amend.has_class("hidden")
        await object_with_words(pilot)  # the cursor moves on to Carla, who has not answered
        await pilot.press("a")  # Bram's is the one open objection: a resolves his
        await pilot.pause()
        assert amend.has_focus
        assert cursor_key(dialog.query_one("#round-people", DataTable)) == bram(pilot)
        amend.value = AMENDED
        await pilot.press("enter")
        await pilot.pause()
        agreement = parked(pilot)
        assert agreement.text == AMENDED and len(agreement.rounds) == 2
        assert agreement.rounds[0].answers[bram(pilot)].resolution is Resolution.AMENDED


def bram(pilot: Pilot[None]) -> str:
    return next(p.id for p in on_disk(pilot).participants.values() if p.name == PEOPLE[1])


@LANG
async def test_at_80x24_the_keys_and_the_field_being_typed_in_stay_in_view(
    tmp_path: Path, lang: Language
) -> None:
    app = resumed(tmp_path, lang, AGREED)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for name in LATECOMERS[:6]:  # the round runs past the dialog's edge
            meeting_of(pilot).add_participant(name)
        await pilot.press("down", "down", "i")
        await drawn(pilot)
        dialog = app.screen
        assert isinstance(dialog, ConsentRoundDialog)
        box = dialog.query_one("#consent-round")
        keys = tr(lang, "consent.help")[:20]
        assert keys in drawn_words(app, box.region)
        await pilot.press("c", "o")
        await drawn(pilot)
        field = dialog.query_one("#objection", Input)
        assert field.has_focus
        inside = drawn_words(app, box.region)
        assert str(field.placeholder)[:20] in inside and keys in inside
        field.value = WORDS
        await pilot.press("enter", "a")
        await drawn(pilot)
        amend = dialog.query_one("#amend", Input)
        assert amend.has_focus
        inside = drawn_words(app, box.region)
        assert amend.value[:15] in inside and keys in inside


async def test_on_a_wide_screen_the_consent_column_says_who_has_not_answered_on_one_line(
    tmp_path: Path,
) -> None:
    """At 160 columns "open — Bram, Carla have not answered" ran down three lines of twelve
    beside an agreement column with room to spare; at 80 the agreement keeps its room."""
    for size in ((160, 48), (80, 24)):
        app = resumed(tmp_path / str(size[0]), "en", AGREED)
        async with app.run_test(size=size) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("down", "down", "i", "c", "escape")  # Anna consents, no one else
            await pilot.pause()
            board = app.screen.query_one("#agreements", DataTable)
            label = str(board.get_row_at(2)[2])
            assert label.startswith("open")
            width = board.ordered_columns[board.get_column_index("consent")].width
            assert (width >= len(label)) == (size[0] == 160), (size, width, label)


async def test_which_proposal_stays_in_sight_as_a_long_round_scrolls(tmp_path: Path) -> None:
    """At 80×24 with eight people the round scrolled to whose turn it was, and its title, the
    proposal being tested, scrolled out of the dialog: pinned now, like its keys."""
    async with round_open(tmp_path) as pilot:
        for name in ("Dirk", "Eva", "Fatima", "Gert", "Hanna"):
            meeting_of(pilot).add_participant(name)
        pilot.app.screen.show()  # type: ignore[attr-defined]
        await pilot.pause()
        for _ in range(7):  # to Hanna, the eighth
            await pilot.press("c")
            await pilot.pause()
        await settle(pilot)
        shown = drawn_words(pilot.app, pilot.app.screen.query_one("#consent-round").region)
        assert "Hanna" in shown and "Anna de Vries" not in shown  # the people scrolled
        assert f"{tr('nl', 'consent.title')} · {tr('nl', 'consent.round', number=1)}" in shown
        assert parked(pilot).text.split()[0] in shown
