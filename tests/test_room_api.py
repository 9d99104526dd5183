"""The room over HTTP: joining with the QR's secret or the short code, ideas, votes and consent
from phones as the same commands typed ones are, and what keeps anyone out where they do not
belong (origin, size, cookies, only one's own, nothing after the end, anonymity on the files)."""

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.room_kit import ORIGIN, Phones, post, started
from tui.wyber.commands import Finish, NextMovement
from tui.wyber.events import ConsentAnswer, IdeaAdded
from tui.wyber.i18n import tr
from tui.wyber.minutes.build import build_minutes
from tui.wyber.minutes.markdown import markdown
from tui.wyber.portable import export_json


@pytest.fixture
def room(tmp_path: Path) -> Iterator[Phones]:
    with started(tmp_path / "data") as made:
        yield made


async def test_the_qr_secret_lets_a_phone_in_and_a_wrong_one_does_not(room: Phones) -> None:
    async with room.phone() as phone:
        assert phone.cookies.get("wyber_device")
        page = await phone.get("/p")
        assert page.status_code == 200
        cookie = next(h for k, h in page.request.headers.items() if k == "cookie")
        assert cookie
    async with room.phone() as good:
        answer = await good.get("/j/" + "0" * 20)
        assert answer.status_code in (303, 403)
    import httpx

    transport = httpx.ASGITransport(app=room.app)  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url=ORIGIN) as stranger:
        assert (await stranger.get("/j/" + "0" * 20)).status_code == 403
        assert "wyber_device" not in stranger.cookies
        assert (await stranger.get("/api/view")).status_code == 403
        assert (await post(stranger, "/api/ideas", {"text": "sneaky"})).status_code == 403
    assert room.meeting.state.ideas == {}


async def test_the_device_cookie_is_http_only_and_strict(room: Phones) -> None:
    async with room.phone() as phone:
        answer = await phone.get(f"/j/{room.room.secret}", follow_redirects=False)
        assert answer.status_code == 303  # known device: straight to the page
    import httpx

    transport = httpx.ASGITransport(app=room.app)  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url=ORIGIN) as fresh:
        answer = await fresh.get(f"/j/{room.room.secret}")
        cookie = answer.headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=strict" in cookie


async def test_a_phones_idea_is_the_typed_event_with_the_participant_as_actor(
    room: Phones,
) -> None:
    async with room.phone(join="Anna de Vries") as anna:
        answer = await post(anna, "/api/ideas", {"text": "More bike racks"}, key="k1")
        assert answer.status_code == 200, answer.text
    on_disk = room.meeting.on_disk()
    [idea] = on_disk.ideas.values()
    assert (idea.text, idea.author_name) == ("More bike racks", "Anna de Vries")
    records = room.meeting.archive.read(room.meeting.state.session_id)
    [added] = [r for r in records if isinstance(r.event, IdeaAdded)]
    assert added.actor == idea.author_id
    assert sum(p.name == "Anna de Vries" for p in on_disk.participants.values()) == 2  # a new one


async def test_a_prepared_participant_is_matched_and_confirmed(room: Phones) -> None:
    async with room.phone() as phone:
        found = (await post(phone, "/api/match", {"name": "anna de vries"})).json()
        assert found == {"id": "p1", "name": "Anna de Vries"}
        answer = await post(phone, "/api/join", {"name": "", "participant_id": "p1"})
        assert answer.status_code == 200
        await post(phone, "/api/ideas", {"text": "Shade trees"})
    [idea] = room.meeting.on_disk().ideas.values()
    assert idea.author_id == "p1"
    async with room.phone() as other:  # Anna is taken now
        assert (await post(other, "/api/match", {"name": "Anna de Vries"})).json() == {}
        taken = await post(other, "/api/join", {"name": "", "participant_id": "p1"})
        assert taken.status_code == 403


async def test_a_retried_request_never_counts_twice(room: Phones) -> None:
    async with room.phone(join="Bram Jansen") as bram:
        first = await post(bram, "/api/ideas", {"text": "Benches"}, key="same")
        again = await post(bram, "/api/ideas", {"text": "Benches"}, key="same")
        assert first.json() == again.json()
    assert [i.text for i in room.meeting.on_disk().ideas.values()] == ["Benches"]


async def test_one_edits_and_withdraws_only_ones_own_idea(room: Phones) -> None:
    async with room.phone(join="Anna de Vries") as anna, room.phone(join="Bram Jansen") as bram:
        made = (await post(anna, "/api/ideas", {"text": "Lights"})).json()["made"][0]
        assert (await post(bram, f"/api/ideas/{made}/edit", {"text": "x"})).status_code == 403
        assert (await post(bram, f"/api/ideas/{made}/withdraw", {})).status_code == 403
        assert (await post(anna, f"/api/ideas/{made}/edit", {"text": "Street lights"})).is_success
        assert [i["text"] for i in (await anna.get("/api/view")).json()["diverge"]["mine"]] == [
            "Street lights"
        ]
        assert (await post(anna, f"/api/ideas/{made}/withdraw", {})).is_success
    assert room.meeting.on_disk().ideas == {}


async def test_silent_writing_hides_the_others_ideas_until_revealed(room: Phones) -> None:
    async with room.phone(join="Anna de Vries") as anna, room.phone(join="Bram Jansen") as bram:
        await post(anna, "/api/ideas", {"text": "Anna's <b>idea</b>"})
        assert (await bram.get("/api/view")).json()["diverge"]["others"] is None
        room.room.toggle(room.room.revealed)
        others = (await bram.get("/api/view")).json()["diverge"]["others"]
        assert others == [{"text": "Anna's <b>idea</b>"}]  # data, never markup (textContent)


async def test_the_short_code_works_only_while_joining_is_open_and_guesses_are_limited(
    room: Phones,
) -> None:
    import httpx

    transport = httpx.ASGITransport(app=room.app)  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url=ORIGIN) as phone:
        wrong = "00000000" if room.room.code != "00000000" else "11111111"
        answers = [(await post(phone, "/api/code", {"code": wrong})).status_code for _ in range(6)]
        assert answers == [403] * 5 + [429]
        # Even the right code is refused once the guesses are spent.
        assert (await post(phone, "/api/code", {"code": room.room.code})).status_code == 429
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=room.app, client=("10.0.0.9", 1)),  # type: ignore[arg-type]
        base_url=ORIGIN,
    ) as other:
        assert (await post(other, "/api/code", {"code": room.room.code})).status_code == 200
        room.room.close_joining()
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=room.app, client=("10.0.0.10", 1)),  # type: ignore[arg-type]
        base_url=ORIGIN,
    ) as late:
        assert (await post(late, "/api/code", {"code": room.room.code})).status_code == 403
        assert (await late.get(f"/j/{room.room.secret}")).status_code == 403


async def test_those_in_stay_in_when_joining_closes(room: Phones) -> None:
    async with room.phone(join="Anna de Vries") as anna:
        room.room.close_joining()
        assert (await post(anna, "/api/ideas", {"text": "Still here"})).is_success


async def test_a_request_from_another_site_or_too_large_is_refused(room: Phones) -> None:
    async with room.phone(join="Anna de Vries") as anna:
        evil = await anna.post("/api/ideas", json={"text": "x"}, headers={"Origin": "http://evil"})
        assert evil.status_code == 403
        bare = await anna.post("/api/ideas", json={"text": "x"})
        assert bare.status_code == 403
        big = await post(anna, "/api/ideas", {"text": "x" * 10_000})
        assert big.status_code == 413
    assert room.meeting.state.ideas == {}


async def test_every_answer_has_a_self_only_content_security_policy(room: Phones) -> None:
    async with room.phone() as phone:
        for path in ("/", "/p", "/api/view", "/static/room.js", "/static/room.css"):
            answer = await phone.get(path)
            assert answer.status_code == 200, path
            assert "default-src 'self'" in answer.headers["content-security-policy"]
            assert answer.headers["referrer-policy"] == "no-referrer"


async def test_nothing_served_names_an_external_url(room: Phones) -> None:
    """Offline by construction: every page, script and style is the package's own."""
    from tui.room.server import STATIC

    outside = re.compile(r"(?:https?:|wss?:)?//[\w-]|@import|url\(\s*['\"]?(?!/static/|data:)")
    async with room.phone() as phone:
        served = ["/", "/p", *(f"/static/{file.name}" for file in STATIC.iterdir())]
        for path in served:
            answer = await phone.get(path)
            assert answer.status_code == 200, path
            assert not outside.search(answer.text), (path, outside.search(answer.text))


async def test_nothing_is_accepted_once_the_meeting_has_ended(room: Phones) -> None:
    async with room.phone(join="Anna de Vries") as anna:
        room.meeting.meeting.execute(Finish())
        assert (await post(anna, "/api/ideas", {"text": "Too late"})).status_code == 403
        assert (await anna.get("/api/view")).status_code == 403


async def test_votes_stay_within_the_plans_dots_and_results_wait_for_the_reveal(
    room: Phones,
) -> None:
    async with room.phone(join="Anna de Vries") as anna:
        idea = (await post(anna, "/api/ideas", {"text": "Trees"})).json()["made"][0]
        room.meeting.meeting.execute(NextMovement())
        answers = [(await post(anna, "/api/vote", {"target_id": idea})).status_code for _ in "abcd"]
        assert answers == [200, 200, 200, 409]  # the plan gives 3 dots each
        seen = (await anna.get("/api/view")).json()["converge"]
        assert seen["dots_left"] == 0 and "dots" not in seen["targets"][0]
        room.room.toggle(room.room.revealed)
        seen = (await anna.get("/api/view")).json()["converge"]
        assert seen["targets"][0]["dots"] == 3
    tally = room.meeting.on_disk().tally_of(idea)
    assert tally is not None and sum(tally.dots.values()) == 3


async def test_consent_and_objection_from_phones(room: Phones) -> None:
    meeting = room.meeting.meeting
    async with room.phone(join="Anna de Vries") as anna:
        meeting.execute(NextMovement())
        meeting.execute(NextMovement())
        agreement = meeting.record_agreement("Plant ten trees").id
        # Not before the facilitator opened the round: no buttons, and an answer is refused.
        [row] = (await anna.get("/api/view")).json()["consolidate"]["agreements"]
        assert row["open"] is False
        early = {"agreement_id": agreement, "answer": "consent"}
        refused = await post(anna, "/api/consent", early, **{"X-Lang": "nl"})
        assert refused.status_code == 409
        assert refused.json()["error"] == tr("nl", "consent.refused.round_not_open")
        assert not meeting.state.agreements[agreement].round.answers
        meeting.open_round(agreement)  # key i: the round's dialog
        [row] = (await anna.get("/api/view")).json()["consolidate"]["agreements"]
        assert row["open"] is True
        no_words = await post(anna, "/api/consent", {"agreement_id": agreement, "consent": False})
        assert no_words.status_code == 409  # an objection needs its words
        objected = {"agreement_id": agreement, "consent": False, "words": "Not <here>"}
        assert (await post(anna, "/api/consent", objected)).is_success
    [answer] = room.meeting.on_disk().agreements[agreement].rounds[-1].answers.values()
    assert (answer.answer, answer.objection) == (ConsentAnswer.OBJECTION, "Not <here>")
    assert answer.name == "Anna de Vries"  # by name: the phone answered for its participant


async def test_in_an_anonymous_movement_nothing_on_file_links_an_idea_to_its_sender(
    room: Phones, tmp_path: Path
) -> None:
    room.room.toggle(room.room.anonymous)
    async with room.phone() as nameless, room.phone(join="Bram Jansen") as bram:
        assert (await post(nameless, "/api/join", {"name": ""})).is_success
        await post(nameless, "/api/ideas", {"text": "Secret wish"})
        made = (await post(bram, "/api/ideas", {"text": "Bram's wish"})).json()["made"][0]
        mine = (await bram.get("/api/view")).json()["diverge"]["mine"]
        assert [i["text"] for i in mine] == ["Bram's wish"]  # still his to edit
        assert (await post(bram, f"/api/ideas/{made}/edit", {"text": "A wish"})).is_success
    assert not room.meeting.meeting.can_undo  # the facilitator's Ctrl+Z is not theirs
    state = room.meeting.on_disk()
    assert all(i.author_id is None and i.author_name == "" for i in state.ideas.values())
    records = room.meeting.archive.read(state.session_id)
    ideas = [r for r in records if getattr(r.event, "idea_id", None)]
    assert ideas and all(r.actor is None for r in ideas)
    files = [p for p in (tmp_path / "data").rglob("*") if p.is_file()]
    bram_id = next(p.id for p in state.participants.values() if p.name == "Bram Jansen")
    for file in files:
        content = file.read_bytes()
        for idea in state.ideas.values():
            if idea.text.encode() in content:
                assert bram_id.encode() not in content.split(idea.text.encode())[1][:200]
    # The exports: the minutes name no one beside an idea, the session file no author or actor.
    lines = markdown(build_minutes(state, "en")).splitlines()
    for idea in state.ideas.values():
        [line] = [line for line in lines if line.startswith("- ") and idea.text in line]
        assert "Bram" not in line, line
    exported = json.loads(export_json(state.session_id, records))["records"]
    of_ideas = [record for record in exported if "idea_id" in record["event"]]
    assert of_ideas
    assert all(r["actor"] is None and not r["event"].get("author_id") for r in of_ideas)


async def test_a_phones_text_never_names_someone_else_as_its_author(room: Phones) -> None:
    async with room.phone(join="Bram Jansen") as bram:
        made = (await post(bram, "/api/ideas", {"text": "Benches"})).json()["made"][0]
        edit = await post(bram, f"/api/ideas/{made}/edit", {"text": "Anna de Vries: benches"})
        assert edit.status_code == 403
        room.room.toggle(room.room.anonymous)
        sent = await post(bram, "/api/ideas", {"text": "Anna: more trees"})
        assert sent.status_code == 403
    assert [i.author_name for i in room.meeting.on_disk().ideas.values()] == ["Bram Jansen"]


async def test_one_in_without_a_name_gives_it_where_names_count(room: Phones) -> None:
    """Joined nameless in an anonymous diverge: once the movement is named (a consent round by
    name, say), the phone asks for the name, joining closed or not, and the ballot it cast
    nameless stays the one it votes on."""
    meeting = room.meeting.meeting
    room.room.toggle(room.room.anonymous)
    async with room.phone() as phone:
        assert (await post(phone, "/api/join", {"name": ""})).is_success
        sent = await post(phone, "/api/ideas", {"text": "Nobody's idea"})
        idea = sent.json()["made"][0]
        assert not (await phone.get("/api/view")).json()["name_needed"]
        meeting.execute(NextMovement())  # converge, anonymous: a nameless ballot
        room.room.toggle(room.room.anonymous)
        assert (await post(phone, "/api/vote", {"target_id": idea})).is_success
        room.room.toggle(room.room.anonymous)  # named now
        room.room.close_joining()
        assert (await phone.get("/api/view")).json()["name_needed"]
        assert (await post(phone, "/api/join", {"name": ""})).status_code == 409
        assert (await post(phone, "/api/join", {"name": "Dirk"})).is_success
        assert not (await phone.get("/api/view")).json()["name_needed"]
        room.room.toggle(room.room.anonymous)
        seen = (await phone.get("/api/view")).json()["converge"]
        assert seen["targets"][0]["mine"] == 1  # the nameless ballot is still Dirk's
        meeting.execute(NextMovement())  # consolidate: the consent round by name
        agreement = meeting.record_agreement("Try it for a month").id
        meeting.open_round(agreement)
        assert (
            await post(phone, "/api/consent", {"agreement_id": agreement, "answer": "consent"})
        ).is_success
    state = room.meeting.on_disk()
    [answer] = state.agreements[agreement].rounds[-1].answers.values()
    assert answer.name == "Dirk"
    assert state.ideas[idea].author_id is None and state.ideas[idea].author_name == ""


async def test_while_the_group_evaluates_a_phone_has_nothing_to_send(room: Phones) -> None:
    """The facilitator's evaluation on screen: the phone's view offers no movement, and an idea
    or a nameless one sent anyway is refused with the core's reason; the room is told at once."""
    meeting = room.meeting.meeting
    told: list[int] = []
    room.room.on_change = lambda: told.append(1)
    async with room.phone(join="Anna de Vries") as anna:
        meeting.set_evaluating(True)
        assert told  # the room's streams hear of it without a record
        seen = (await anna.get("/api/view")).json()
        assert seen["evaluating"] and "diverge" not in seen and "title" not in seen
        sent = await post(anna, "/api/ideas", {"text": "One more"})
        assert sent.status_code == 409
        assert sent.json()["error"] == tr("en", "command.refused.evaluating")
        room.room.toggle(room.room.anonymous)
        nameless = await post(anna, "/api/ideas", {"text": "Nobody's"}, **{"X-Lang": "nl"})
        assert nameless.json()["error"] == tr("nl", "command.refused.evaluating")
        meeting.set_evaluating(False)
        assert (await anna.get("/api/view")).json()["diverge"] is not None
    assert room.meeting.on_disk().ideas == {}
