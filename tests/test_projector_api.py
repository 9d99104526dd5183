"""The projector over HTTP: only at its own secret URL, and its data shows the room what the whole
room may see: no control, no author of an idea, no voter, no one's consent by name; the clock as
the time boxes give it (the same figure the terminal derives), through pause and extend."""

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.room_kit import ORIGIN, post
from tests.test_meeting import PEOPLE, open_room
from tests.test_meeting import Room as Meeting
from tests.test_run_flow import wyber_30
from tui.room.opened import OpenRoom
from tui.room.projector import Projector
from tui.room.room import Room
from tui.room.server import STATIC, RoomServer, room_app
from tui.wyber.events import ConsentAnswer
from tui.wyber.goaround import GoAround
from tui.wyber.meeting import Meeting as LiveMeeting
from tui.wyber.timebox import current_clock

NAMES = [p.name for p in PEOPLE]


@dataclass
class Projected:
    meeting: Meeting
    room: Room
    projector: Projector
    client: httpx.AsyncClient

    async def view(self) -> dict[str, object]:
        answer = await self.client.get(f"/v/{self.projector.secret}/view")
        assert answer.status_code == 200, answer.text
        shown: dict[str, object] = answer.json()
        return shown

    def phone(self) -> httpx.AsyncClient:
        transport = httpx.ASGITransport(app=self.client._transport.app)  # type: ignore[attr-defined]
        return httpx.AsyncClient(transport=transport, base_url=ORIGIN)


@asynccontextmanager
async def projecting(made: Meeting) -> AsyncIterator[Projected]:
    """The room's app with the projector's routes, over a started meeting, and a client on it."""
    made.meeting.start()
    room = Room(made.meeting, lambda: made.meeting.state.last_seq)
    projector = Projector()
    app = room_app(room, projector.routes())
    server = RoomServer(app, "127.0.0.1", 0)  # never started: the projector reads its port
    projector.opened = OpenRoom(room, server, "127.0.0.1")
    transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url=ORIGIN) as client:
        yield Projected(made, room, projector, client)
    server.socket.close()
    made.meeting.session.close()


@pytest.fixture
async def projected(tmp_path: Path) -> AsyncIterator[Projected]:
    async with projecting(open_room(tmp_path / "data", wyber_30("en"))) as made:
        yield made


def every_key(data: object) -> set[str]:
    if isinstance(data, dict):
        return set(data) | {k for value in data.values() for k in every_key(value)}
    if isinstance(data, list):
        return {k for value in data for k in every_key(value)}
    return set()


async def test_only_the_projectors_own_secret_opens_it(projected: Projected) -> None:
    secret = projected.projector.secret
    for path in ("", "/view", "/texts", "/qr.svg"):
        assert (await projected.client.get(f"/v/{secret}{path}")).status_code == 200, path
        assert (await projected.client.get(f"/v/{'0' * 20}{path}")).status_code == 404, path
        # The join secret is no projector's secret, nor the other way round.
        join = projected.room.secret
        assert (await projected.client.get(f"/v/{join}{path}")).status_code == 404, path
    assert (await projected.client.get(f"/j/{secret}")).status_code == 403
    page = await projected.client.get(f"/v/{secret}")
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["referrer-policy"] == "no-referrer"


async def test_the_page_has_no_control_and_loads_nothing_from_outside(
    projected: Projected,
) -> None:
    page = (await projected.client.get(f"/v/{projected.projector.secret}")).text
    for control in ("<button", "<input", "<form", "<textarea", "<select", "<a ", "onclick"):
        assert control not in page
    script = (STATIC / "projector.js").read_text()
    assert "innerHTML" not in script and "POST" not in script and '"click"' not in script
    for name in ("projector.html", "projector.css", "projector.js"):
        served = (STATIC / name).read_text()
        assert "http:" not in served and "https:" not in served and "url(" not in served


async def test_no_author_appears_in_any_movement_even_revealed(projected: Projected) -> None:
    room = projected.room
    room.toggle(room.anonymous)
    room.toggle(room.revealed)
    async with projected.phone() as anna:
        await anna.get(f"/j/{room.secret}")
        assert (await post(anna, "/api/join", {"name": ""})).status_code == 200
        assert (await post(anna, "/api/ideas", {"text": "Racks by the station"})).status_code == 200
    projected.meeting.idea("A shelter for bikes", author_id="p2")  # typed, with Bram as author
    shown = await projected.view()
    assert shown["diverge"]["ideas"] == [  # type: ignore[index]
        {"number": 2, "text": "A shelter for bikes"},
        {"number": 1, "text": "Racks by the station"},
    ]
    text = json.dumps(shown, ensure_ascii=False)
    assert not any(name in text for name in NAMES)
    assert not every_key(shown) & {"author", "author_id", "author_name", "voter", "mine"}


async def test_silent_writing_shows_only_the_count_until_revealed(projected: Projected) -> None:
    for n in range(3):
        projected.meeting.idea(f"Idea {n}")
    shown = (await projected.view())["diverge"]
    assert shown == {
        "count": "Ideas: 3",
        "total": 3,
        "hidden": "Silent writing: the ideas stay hidden until they are revealed.",
        "ideas": [],
    }
    projected.room.toggle(projected.room.revealed)
    ideas = (await projected.view())["diverge"]["ideas"]  # type: ignore[index]
    shown_ideas = [(i["number"], i["text"]) for i in ideas]
    assert shown_ideas == [(3, "Idea 2"), (2, "Idea 1"), (1, "Idea 0")]


async def test_a_board_of_300_ideas_sends_the_newest_eighty(projected: Projected) -> None:
    projected.room.toggle(projected.room.revealed)
    for n in range(300):
        projected.meeting.idea(f"Idea {n}")
    shown = (await projected.view())["diverge"]
    assert shown["total"] == 300  # type: ignore[index]
    newest = shown["ideas"][:2]  # type: ignore[index]
    assert newest == [{"number": 300, "text": "Idea 299"}, {"number": 299, "text": "Idea 298"}]
    assert len(shown["ideas"]) == 80  # type: ignore[index]


def two_ideas(projected: Projected) -> tuple[LiveMeeting, str, str]:
    """The meeting, with two ideas on the board to vote on: their ids."""
    first = projected.meeting.idea("Racks by the station")
    return projected.meeting.meeting, first, projected.meeting.idea("A shelter")


async def test_votes_are_totals_shown_only_once_revealed_and_never_by_whom(
    projected: Projected,
) -> None:
    meeting, first, second = two_ideas(projected)
    cluster = meeting.create_cluster("Bikes", [first])
    meeting.next_movement()
    meeting.vote(cluster, "p1")
    meeting.vote(cluster, "p2")
    meeting.vote(second, "p1")
    shown = (await projected.view())["converge"]
    assert shown["results"] is None  # type: ignore[index]
    assert shown["clusters"] == [{"label": "Bikes", "figure": "Ideas: 1"}]  # type: ignore[index]
    projected.room.toggle(projected.room.revealed)
    shown = await projected.view()
    assert shown["converge"]["results"] == [  # type: ignore[index]
        {"number": None, "label": "Bikes", "fraction": 1.0, "figure": "Dots: 2"},
        {"number": 2, "label": "A shelter", "fraction": 0.5, "figure": "Dots: 1"},
    ]
    text = json.dumps(shown, ensure_ascii=False)
    assert not any(name in text for name in NAMES) and "p1" not in text


async def test_a_score_is_its_average_on_the_scale_and_how_many_scored(
    projected: Projected,
) -> None:
    """As the board and the minutes give it: 4 and 2 of 5 are "3.0 / 5 (2 scored)", not 6."""
    meeting, first, second = two_ideas(projected)
    meeting.next_movement()
    meeting.score(first, 4, "p1")
    meeting.score(first, 2, "p2")
    meeting.score(second, 5, "p1")
    projected.room.toggle(projected.room.revealed)
    results = (await projected.view())["converge"]["results"]  # type: ignore[index]
    figures = [(r["number"], r["label"], r["fraction"], r["figure"]) for r in results]
    assert figures == [
        (2, "A shelter", 1.0, "5.0 / 5 (1 scored)"),
        (1, "Racks by the station", 0.6, "3.0 / 5 (2 scored)"),
    ]


async def test_the_proposal_and_its_round_as_counts_not_names(projected: Projected) -> None:
    meeting = projected.meeting.meeting
    meeting.next_movement()
    meeting.next_movement()
    agreement = meeting.record_agreement("Ten racks by June")
    meeting.answer_consent(agreement.id, "p1", ConsentAnswer.CONSENT)
    meeting.answer_consent(agreement.id, "p2", ConsentAnswer.OBJECTION, "Too costly")
    shown = await projected.view()
    proposal = shown["consolidate"]["proposal"]  # type: ignore[index]
    assert proposal == {
        "text": "1. Ten racks by June",
        "state": "Being tested",
        "state_kind": "open",
        "round": "Consent 1 · stood aside 0 · objections 1 — 2 of 3 answered",
    }
    text = json.dumps(shown, ensure_ascii=False)
    assert not any(name in text for name in NAMES) and "Too costly" not in text


async def test_the_clock_is_the_terminals_through_pause_and_extend(projected: Projected) -> None:
    made = projected.meeting

    async def agree() -> dict[str, object]:
        clock = (await projected.view())["clock"]
        terminal = current_clock(made.state, made.meeting.now())
        assert terminal is not None
        assert clock["remaining"] == terminal.remaining  # type: ignore[index]
        assert clock["paused"] == terminal.paused  # type: ignore[index]
        return clock  # type: ignore[return-value]

    made.clock.advance(90)
    assert (await agree())["remaining"] == 510
    made.meeting.toggle_pause()
    made.clock.advance(30)
    assert (await agree())["paused"] is True
    made.meeting.toggle_pause()
    made.meeting.extend(5)
    made.clock.advance(10)
    clock = await agree()
    assert (clock["remaining"], clock["budget"]) == (800, 900)


async def test_joining_shows_the_code_and_qr_until_it_closes(projected: Projected) -> None:
    room, secret = projected.room, projected.projector.secret
    joining = (await projected.view())["joining"]
    assert joining == {
        "address": "http://127.0.0.1:" + str(projected.projector.opened.server.port) + "/",
        "code": room.code,
        "qr": "qr.svg",
    }  # type: ignore[union-attr]
    svg = await projected.client.get(f"/v/{secret}/qr.svg")
    assert svg.headers["content-type"].startswith("image/svg+xml")
    room.close_joining()
    assert (await projected.view())["joining"] is None
    assert (await projected.client.get(f"/v/{secret}/qr.svg")).status_code == 404
    room.close()
    assert (await projected.client.get(f"/v/{secret}/view")).status_code == 410


async def test_the_go_around_speaker_and_a_turn_told_to_the_stream(projected: Projected) -> None:
    turn = GoAround(
        order=["p1", "p2"], turn_seconds=60, turn_started=projected.meeting.meeting.now()
    )
    told: list[str] = []
    projected.room.on_change = lambda: told.append("changed")
    projected.projector.go_around = lambda: turn
    projected.projector.notice_turn()
    projected.meeting.clock.advance(20)
    projected.projector.notice_turn()  # the same turn: nothing to tell
    assert told == ["changed"]
    shown = (await projected.view())["turn"]
    assert shown == {"label": "Turn 1 of 2", "name": "Anna de Vries", "remaining": 40.0}
    turn.next_turn(projected.meeting.meeting.now())
    projected.projector.notice_turn()
    assert told == ["changed", "changed"]


async def test_the_page_speaks_the_sessions_language(tmp_path: Path) -> None:
    async with projecting(open_room(tmp_path / "data", wyber_30("nl"))) as made:
        shown = await made.view()
        assert (shown["lang"], shown["step"]) == ("nl", "Stap 1 van 1")
        secret = made.projector.secret
        texts = (await made.client.get(f"/v/{secret}/texts?lang=nl")).json()["texts"]
        assert texts["projector.page.paused"] == "PAUZE"
        texts = (await made.client.get(f"/v/{secret}/texts")).json()["texts"]
        assert texts["projector.page.movement.diverge"] == "Divergeren"


def view_of(chunk: bytes) -> dict[str, object]:
    assert chunk.startswith(b"id: ") and b"\nevent: view\n" in chunk
    shown: dict[str, object] = json.loads(chunk.split(b"data: ", 1)[1])
    return shown


async def test_the_stream_sends_a_view_at_once_and_after_each_change_it_shows(
    projected: Projected,
) -> None:
    """The page's stream carries its whole view; votes while the results are hidden send none."""
    meeting, opened = projected.meeting.meeting, projected.projector.opened
    assert opened is not None
    idea = projected.meeting.idea("Racks by the station")
    meeting.next_movement()
    views = projected.projector._views(opened)
    assert await anext(views) == b"retry: 2000\n\n"
    assert view_of(await anext(views))["movement"] == "converge"
    coming = asyncio.ensure_future(anext(views))
    for _ in range(5):
        await asyncio.sleep(0)  # it follows the stream now
    meeting.vote(idea, "p1")  # hidden: nothing to send
    for _ in range(5):
        await asyncio.sleep(0)
    meeting.create_cluster("Bikes", [idea])
    shown = view_of(await coming)
    assert shown["seq"] == meeting.state.last_seq
    assert shown["converge"]["clusters"] == [{"label": "Bikes", "figure": "Ideas: 1"}]  # type: ignore[index]
    projected.room.toggle(projected.room.revealed)
    revealed = view_of(await anext(views))["converge"]
    # The dot on the idea stays the cluster's once the idea is in it.
    assert revealed["results"][0]["figure"] == "Dots: 1"  # type: ignore[index]
    meeting.vote(next(iter(meeting.state.clusters)), "p2")
    bars = view_of(await anext(views))["converge"]["results"]  # type: ignore[index]
    revealed_bar = {"number": None, "label": "Bikes", "fraction": 1.0, "figure": "Dots: 2"}
    assert bars[0] == revealed_bar  # revealed: it moves
    projected.room.close()
    assert [chunk async for chunk in views] == []
