"""The room in a real browser: Playwright driving Debian's chromium (`make chromium`; never
`playwright install`) against the headless app's own server on loopback. A phone opens the QR's
URL, joins, sends an idea that appears on the facilitator's board, votes, consents, objects,
stands aside, and catches up after losing its connection. The phone page at 390×844 is kept as a
screenshot (tests/artifacts/room-phone-*.png) for a person to look at."""

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest
from playwright.async_api import Browser, Locator, Page, async_playwright

from tests.factory import FakeClock, FakeWall
from tests.test_run_flow import SIZE, board_texts, wyber_30
from tui.app import Clocks, Launch, WyberApp
from tui.room.texts import phone_texts
from tui.screens.evaluation import EvaluationScreen
from tui.wyber.ballot import is_ballot
from tui.wyber.events import ConsentAnswer
from tui.wyber.i18n import Language
from tui.wyber.plan import Plan
from tui.wyber.plans import load_plan

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
PHONE = {"width": 390, "height": 844}
SHOTS = Path(__file__).parent / "artifacts"


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    assert CHROMIUM.exists(), "Debian's chromium is missing: make chromium"
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        await launched.close()


async def until(check: Callable[[], bool], pilot: object, seconds: float = 10) -> None:
    """Let the app and the browser run until `check` holds."""
    for _ in range(int(seconds / 0.05)):
        if check():
            return
        await pilot.pause()  # type: ignore[attr-defined]
        await asyncio.sleep(0.05)
    assert check()


async def phone(browser: Browser, url: str, locale: str = "en-GB") -> Page:
    context = await browser.new_context(viewport=PHONE, locale=locale, is_mobile=True)
    page = await context.new_page()
    await page.goto(url.replace("HTTP://", "http://"))
    return page


async def joined_at(browser: Browser, url: str, name: str) -> Page:
    """A phone that opened `url` (the QR's) and joined as `name`: it shows the idea form."""
    page = await phone(browser, url)
    await page.fill("#name", name)
    await page.click("#join-form button")
    await page.wait_for_selector("#idea-form", state="visible")
    return page


async def joined(browser: Browser, app: WyberApp, name: str) -> Page:
    """A phone that opened the app's room's QR URL and joined as `name`."""
    assert app.room is not None
    return await joined_at(browser, app.room.url, name)


async def phone_sends(browser: Browser, url: str, name: str, idea: str) -> Page:
    """A phone that opened the QR's URL, joined as `name` and sent `idea`."""
    page = await joined_at(browser, url, name)
    await page.fill("#idea", idea)
    await page.click("#idea-form button")
    return page


async def in_app(
    tmp_path: Path,
    body: Callable[[WyberApp, object], Awaitable[None]],
    lang: str = "en",
    clocks: Clocks | None = None,
    plan: Plan | None = None,
) -> None:
    """`body` with the headless app running `plan` (the shipped 30-minute wyber in `lang`), its
    room open on loopback, on a clock the test moves (or on `clocks`)."""
    clock = FakeClock()
    app = WyberApp(
        tmp_path,
        "en",
        clocks=clocks or Clocks(clock, FakeWall(clock)),
        launch=Launch(plan=plan or wyber_30(lang), run_now=True),
    )
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.open_room("127.0.0.1", 0)
        await body(app, pilot)
        await app.close_room()


async def test_a_phone_joins_sends_votes_consents_and_catches_up(
    tmp_path: Path, browser: Browser
) -> None:
    async def meeting(app: WyberApp, pilot: object) -> None:
        assert app.room is not None and app.meeting is not None
        page = await joined(browser, app, "Anna de Vries")
        await page.fill("#idea", "Bike racks at the <station>")
        await page.click("#idea-form button")
        await until(lambda: any("<station>" in t for t in board_texts(app, "#ideas")), pilot)
        # Her name beside it, and saved (no ◌) once the writer's word reaches the board.
        await until(lambda: board_texts(app, "#ideas")[0].endswith("— Anna de Vries"), pilot)
        await page.wait_for_selector("#mine li")
        SHOTS.mkdir(exist_ok=True)
        await page.screenshot(path=str(SHOTS / "room-phone-diverge.png"), full_page=True)

        assert await page.inner_text("#message") == "Sent."
        await pilot.press("f8")  # converge: the phone follows over its live stream
        await page.wait_for_selector("#converge", state="visible")
        assert await page.inner_text("#message") == ""  # "Sent." was about the last movement
        await page.click("#targets li button >> nth=0")
        await page.wait_for_selector("text=Dots left: 2")
        assert app.meeting.dots_used(app.room.room.joined[0].participant_id) == 1
        await page.screenshot(path=str(SHOTS / "room-phone-converge.png"), full_page=True)

        await pilot.press("f8", "f8")  # consolidate: the second F8 goes on with votes left
        first = app.meeting.record_agreement("Ten racks by June").id
        # Nothing to answer until the facilitator opens the round (key i): no buttons yet.
        await page.wait_for_selector("#agreements li >> text=The consent round opens when")
        assert await page.locator("#agreements li button").count() == 0
        app.meeting.open_round(first)
        await page.click("#agreements li button:text('I consent')")
        await until(lambda: _consent(app, first) == (ConsentAnswer.CONSENT, ""), pilot)
        await page.wait_for_selector("#agreements >> text=You consented.")

        # Offline a while: what happened meanwhile is there once the phone is back.
        await page.context.set_offline(True)
        await asyncio.sleep(0.5)
        second = app.meeting.record_agreement("A shelter for the racks").id
        app.meeting.open_round(second)
        await page.context.set_offline(False)
        await page.wait_for_selector("#agreements li >> nth=1", timeout=15_000)
        page.on("dialog", lambda dialog: asyncio.ensure_future(dialog.accept("Too costly")))
        await page.click("#agreements li >> nth=1 >> button:text('I object')")
        await until(lambda: _consent(app, second) == (ConsentAnswer.OBJECTION, "Too costly"), pilot)

        third = app.meeting.record_agreement("Paint them green").id
        app.meeting.open_round(third)
        await page.wait_for_selector("#agreements li >> nth=2")
        await page.click("#agreements li >> nth=2 >> button:text('I stand aside')")
        await until(lambda: _consent(app, third) == (ConsentAnswer.ASIDE, ""), pilot)
        await page.wait_for_selector("#agreements >> text=You stood aside.")
        await page.screenshot(path=str(SHOTS / "room-phone-consolidate.png"), full_page=True)

    await in_app(tmp_path, meeting)


def _consent(app: WyberApp, agreement_id: str) -> tuple[ConsentAnswer, str] | None:
    """The phone's answer in the agreement's round by name, with the objection's words."""
    assert app.meeting is not None
    rounds = app.meeting.state.agreements[agreement_id].rounds
    answers = list(rounds[-1].answers.values()) if rounds else []
    if not answers:
        return None
    return answers[-1].answer, answers[-1].objection


async def test_the_page_speaks_the_browsers_language_and_switches(
    tmp_path: Path, browser: Browser
) -> None:
    async def meeting(app: WyberApp, pilot: object) -> None:
        assert app.room is not None
        page = await phone(browser, app.room.url, locale="nl-NL")
        await page.wait_for_selector("text=Doe mee")
        await page.click("#switch")
        await page.wait_for_selector("#join-form button:text('Join')")

    await in_app(tmp_path, meeting)


SCORED = """
title = "Which square?"
language = "en"

[[steps]]
title = "The square"
question = "Which plan for the square?"

[steps.diverge]
minutes = 10
technique = "open"

[steps.converge]
minutes = 10
technique = "score"
max_score = 10
"""


async def test_a_phone_scores_on_the_plans_scale_on_a_nameless_ballot(
    tmp_path: Path, browser: Browser
) -> None:
    plan_file = tmp_path / "scored.toml"
    plan_file.write_text(SCORED, encoding="utf-8")

    async def meeting(app: WyberApp, pilot: object) -> None:
        assert app.room is not None and app.meeting is not None
        page = await joined(browser, app, "Kees Smit")
        made = app.meeting.add_idea("Trees and benches").id
        await pilot.press("f8")  # converge: a score on the plan's scale of 0 to 10
        app.room.room.toggle(app.room.room.anonymous)
        await page.wait_for_selector("text=Your votes here are anonymous: they carry no name.")
        await page.select_option("#targets li select", "8")
        await until(lambda: _scores(app, made) == [8], pilot)
        await page.wait_for_selector("#targets li select", state="visible")
        SHOTS.mkdir(exist_ok=True)
        await page.screenshot(path=str(SHOTS / "room-phone-score.png"), full_page=True)

    await in_app(tmp_path, meeting, plan=load_plan(plan_file))


def _scores(app: WyberApp, target_id: str) -> list[int] | None:
    """The scores on the target, when every one is on a nameless ballot."""
    assert app.meeting is not None
    tally = app.meeting.state.tally_of(target_id)
    if tally is None or not all(is_ballot(voter) for voter in tally.scores):
        return None
    return list(tally.scores.values())


async def test_a_phone_away_a_while_catches_up_with_nothing_lost_or_doubled(
    tmp_path: Path, browser: Browser, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Offline, Chromium keeps the live stream open but the phone's fetches fail: the view it was
    told to fetch never came, and the ideas typed meanwhile stayed missing once it was back. Away
    with its stream dropped too, it comes back from the last seq it saw. Once the room closes,
    the phone says so and offers nothing more to do."""

    async def meeting(app: WyberApp, pilot: object) -> None:
        assert app.room is not None and app.meeting is not None
        room, live = app.room.room, app.meeting
        page = await joined(browser, app, "Anna de Vries")
        room.toggle(room.revealed)  # silent writing: the others' ideas shown
        await page.wait_for_selector("#hidden", state="hidden")
        resumed: list[str | None] = []  # each stream's Last-Event-ID (or `after`), as served
        opening = room.stream._opening

        def opened(last_event_id: str | None) -> bytes:
            resumed.append(last_event_id)
            return opening(last_event_id)

        monkeypatch.setattr(room.stream, "_opening", opened)

        async def others() -> list[str]:
            return await page.locator("#others li").all_inner_texts()

        async def shown(texts: list[str]) -> None:
            for _ in range(300):
                if sorted(await others()) == sorted(texts):
                    return
                await pilot.pause()  # type: ignore[attr-defined]
                await asyncio.sleep(0.05)
            assert sorted(await others()) == sorted(texts)

        await page.context.set_offline(True)
        typed = [live.add_idea(f"Typed while away {n}").text for n in range(3)]
        await asyncio.sleep(1.0)  # the phone heard of them and could not fetch its view
        await page.context.set_offline(False)
        await shown(typed)

        seen = live.state.last_seq
        await page.context.set_offline(True)
        for consumer in list(room.stream._consumers):  # the Wi-Fi drops: the stream ends
            consumer.queue.put_nowait(None)
        typed += [live.add_idea(f"Typed while gone {n}").text for n in range(3)]
        await asyncio.sleep(3.0)  # past the stream's retry of 2 s
        await page.context.set_offline(False)
        await shown(typed)
        await until(lambda: room.stream.consumers == 1, pilot)  # following again, once
        # From a seq it had seen (Last-Event-ID, or `after` on a stream opened anew), not 0.
        assert resumed and seen <= int(resumed[-1] or 0) <= live.state.last_seq, (seen, resumed)

        await page.fill("#idea", "Sent as the room closes")
        await page.click("#idea-form button")
        await page.wait_for_selector("#message:text('Sent.')")
        await app.close_room()
        await page.wait_for_selector("#state:text('The room is closed.')")
        for part in ("#diverge", "#readiness", "#offline", "#message"):
            assert await page.is_hidden(part) or not await page.inner_text(part), part
        await page.screenshot(path=str(SHOTS / "room-phone-closed.png"), full_page=True)

    await in_app(tmp_path, meeting)


async def test_a_phone_in_without_a_name_is_asked_for_it_where_names_count(
    tmp_path: Path, browser: Browser
) -> None:
    async def meeting(app: WyberApp, pilot: object) -> None:
        assert app.room is not None
        room = app.room.room
        room.toggle(room.anonymous)
        page = await phone(browser, app.room.url)
        await page.wait_for_selector("#name-label:text('you may leave it empty')")
        await page.click("#join-form button")  # no name: anonymous here
        await page.wait_for_selector("#idea-form", state="visible")
        room.toggle(room.anonymous)  # named from now on
        await page.wait_for_selector("#name-label:text('here everyone takes part by name')")
        assert await page.is_hidden("#idea-form")
        await page.fill("#name", "Dirk")
        await page.click("#join-form button")
        await page.wait_for_selector("#idea-form", state="visible")
        await until(lambda: [n for n, _ in room.names()] == ["Dirk"], pilot)

    await in_app(tmp_path, meeting)


async def test_while_the_group_evaluates_the_phone_says_so_and_offers_nothing_to_send(
    tmp_path: Path, browser: Browser
) -> None:
    async def meeting(app: WyberApp, pilot: object) -> None:
        assert app.meeting is not None
        page = await joined(browser, app, "Anna de Vries")
        await app.push_screen(EvaluationScreen(app.meeting))  # as the run screen's finish does
        await page.wait_for_selector("#state:text('The meeting is being evaluated')")
        for part in ("#diverge", "#readiness", "#join"):
            assert await page.is_hidden(part), part
        await page.screenshot(path=str(SHOTS / "room-phone-evaluating.png"), full_page=True)
        await pilot.press("escape")  # type: ignore[attr-defined]
        await page.wait_for_selector("#idea-form", state="visible")
        assert await page.inner_text("#state") == ""

    await in_app(tmp_path, meeting)


@pytest.mark.parametrize(("lang", "locale"), [("en", "en-GB"), ("nl", "nl-NL")])
async def test_after_an_answer_the_phone_marks_the_one_that_stands(
    tmp_path: Path, browser: Browser, lang: Language, locale: str
) -> None:
    """After an objection, "I consent" is as plain as standing aside, and the objection is the
    one marked: a green consent beside "You objected." read as the answer expected."""
    words = phone_texts(lang)

    async def meeting(app: WyberApp, pilot: object) -> None:
        assert app.room is not None and app.meeting is not None
        page = await phone(browser, app.room.url, locale=locale)
        await page.fill("#name", "Anna de Vries")
        await page.click("#join-form button")
        await page.wait_for_selector("#idea-form", state="visible")
        app.meeting.next_movement()
        app.meeting.next_movement()  # consolidate
        proposal = app.meeting.record_agreement("Ten racks by June").id
        app.meeting.open_round(proposal)
        buttons = page.locator("#agreements li button")
        await page.wait_for_selector("#agreements li button")
        assert await classes(buttons) == ["", "secondary", "secondary"]  # before: as it was
        page.on("dialog", lambda dialog: asyncio.ensure_future(dialog.accept("Too costly")))
        await page.click(f"#agreements li button:text('{words['room.phone.object']}')")
        await page.wait_for_selector(f"text={words['room2.phone.answered.objection']}")
        assert await classes(buttons) == ["secondary", "secondary", "chosen"]
        assert await buttons.all_inner_texts() == [
            words["room.phone.consent"],
            words["room2.phone.aside"],
            "✓ " + words["room.phone.object"],
        ]
        pressed = [await b.get_attribute("aria-pressed") for b in await buttons.all()]
        assert pressed == ["false", "false", "true"]
        plain, marked = await colours(buttons)
        assert plain[0] == plain[1] != marked  # consent no greener than standing aside
        SHOTS.mkdir(exist_ok=True)
        await page.screenshot(path=str(SHOTS / f"room-phone-objected-{lang}.png"), full_page=True)
        await page.click(f"#agreements li button:text('{words['room.phone.consent']}')")
        await page.wait_for_selector(f"text={words['room2.phone.answered.consent']}")
        assert await classes(buttons) == ["chosen", "secondary", "secondary"]
        assert _consent(app, proposal) == (ConsentAnswer.CONSENT, "")

    await in_app(tmp_path, meeting, lang=lang)


async def classes(buttons: Locator) -> list[str]:
    return [await b.get_attribute("class") or "" for b in await buttons.all()]


async def colours(buttons: Locator) -> tuple[list[str], str]:
    """The background of the plain buttons, and of the marked one."""
    # In one call on the page: a view arriving meanwhile redraws the buttons, and a style read
    # from a button already replaced is empty (CI saw it).
    shown: list[tuple[str, str]] = await buttons.evaluate_all(
        "els => els.map(e => [e.className, getComputedStyle(e).backgroundColor])"
    )
    return [c for k, c in shown if k != "chosen"], next(c for k, c in shown if k == "chosen")
