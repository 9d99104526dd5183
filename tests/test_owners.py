"""An action can have more than one owner, or an owner from outside the table: typed as names
with commas, recorded as one owner line, shown in the summary, the minutes and the reminders."""

from pathlib import Path

from textual.widgets import Input, Static

from tests.test_meeting import Room, consolidating, room
from tests.test_run_flow import SIZE, add_people, make_app, stored, type_text, wyber_30
from tui.dialogs.agreement import AgreementDialog
from tui.wyber.events import AgreementKind
from tui.wyber.minutes.build import build_minutes
from tui.wyber.minutes.markdown import markdown
from tui.wyber.owners import owner_names, read_owners

from .factory import FakeClock, FakeWall

__all__ = ["room"]  # a fixture of test_meeting, used here


def test_names_with_commas_are_owners_at_the_table_or_from_outside_it(room: Room) -> None:
    people = room.state.participants.values()
    chosen = read_owners(people, "anna; Bram Jansen, gemeente Utrecht & Anna de Vries")
    assert [(o.name, o.participant.id if o.participant else None) for o in chosen.owners] == [
        ("Anna de Vries", "p1"),
        ("Bram Jansen", "p2"),
        ("gemeente Utrecht", None),
    ]
    assert chosen.owner_name == "Anna de Vries, Bram Jansen, gemeente Utrecht"
    assert chosen.owner_id is None  # several owners: no one participant owns it
    assert read_owners(people, "Bram").owner_id == "p2"
    assert read_owners(people, "Stuurgroep").owner_id is None
    assert read_owners(people, " , ").owners == ()
    assert owner_names("Anna de Vries, gemeente Utrecht") == ["Anna de Vries", "gemeente Utrecht"]


def test_an_action_of_two_owners_one_from_outside_shows_in_the_minutes(room: Room) -> None:
    meeting = consolidating(room)
    action = meeting.record_agreement(
        "Accu's ophalen", AgreementKind.ACTION, owners="Bram, gemeente Utrecht"
    )
    assert (action.owner_id, action.owner_name) == (None, "Bram Jansen, gemeente Utrecht")
    meeting.edit_agreement(
        action.id, action.text, action.kind, None, None, None, owners="Anna, Bram"
    )
    on_disk = room.on_disk()
    assert on_disk.agreements[action.id].owner_name == "Anna de Vries, Bram Jansen"
    # One owner per line in the owner column: run on, a narrow column broke the names.
    assert "Anna de Vries,<br>Bram Jansen" in markdown(build_minutes(on_disk))


async def test_the_form_takes_typed_owners_and_says_whom_it_understood(tmp_path: Path) -> None:
    clock = FakeClock()
    app = make_app(tmp_path, clock, FakeWall(clock), plan=wyber_30("nl"), run_now=True)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await add_people(pilot, "Anna de Vries", "Bram")
        # To consolidate: nobody voted, so the third F8 answers "go on anyway".
        await pilot.press("f8", "f8", "f8")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, AgreementDialog)
        dialog.query_one("#text", Input).value = "Accu's ophalen"
        dialog.query_one("#owner", Input).focus()
        await type_text(pilot, "anna, gemeente Utrecht")
        await pilot.pause()
        understood = str(dialog.query_one("#owners-understood", Static).render())
        assert "Anna de Vries, gemeente Utrecht (van buiten de tafel)" in understood
        await pilot.press("ctrl+s")
        await pilot.pause()
        (agreement,) = stored(app).agreements.values()
        assert agreement.owner_name == "Anna de Vries, gemeente Utrecht"
