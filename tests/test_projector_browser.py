"""The projector in a real browser: Playwright driving Debian's chromium (never `playwright
install`) against the headless app's own server on loopback, at 1920×1080, 1280×720 and 1024×768,
in nl and en, in every movement. Measured in the page: the clock's box is at least a quarter of the
viewport's height, nothing scrolls, no text is smaller than READABLE_PX, there is no control and no
author; the QR code, read back with zbarimg, is the join URL; and the page's clock agrees with the
terminal's within a second across pause, extend and a reconnect (on the real clock).

The screenshots go to SHOTS (the system's temporary folder), for a person to look at.
"""

import asyncio
import subprocess
import tempfile
from pathlib import Path

import pytest
from playwright.async_api import Browser, Page

from tests.factory import FakeClock
from tests.test_room_browser import browser, in_app, phone_sends
from tui.app import Clocks, WyberApp
from tui.dialogs.unvoted import NotVotedDialog
from tui.screens.run import RunScreen
from tui.wyber.events import ConsentAnswer
from tui.wyber.i18n import Language
from tui.wyber.timebox import current_clock

__all__ = ["browser"]  # the fixture, shared with the phone's browser tests

SCREENS = {"1920x1080": (1920, 1080), "1280x720": (1280, 720), "1024x768": (1024, 768)}
SHOTS = Path(tempfile.gettempdir()) / "wyber-projector"
READABLE_PX = 18  # the smallest text the page shows: readable from the middle of a meeting room
CONTROLS = "button, input, select, textarea, a, [onclick], [contenteditable]"

# What the page measures of itself: the clock's share of the height, whether anything scrolls,
# the smallest text shown, and whether any control is there.
MEASURE = """() => {
  const clock = document.getElementById("clock").getBoundingClientRect();
  const root = document.documentElement;
  let smallest = 1000;
  for (const el of document.querySelectorAll("body *")) {
    const box = el.getBoundingClientRect();
    const own = Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
    if (own && box.width > 0 && box.height > 0 && !el.closest("[hidden]"))
      smallest = Math.min(smallest, parseFloat(getComputedStyle(el).fontSize));
  }
  return {clock: clock.height / window.innerHeight, smallest,
          scrolls: root.scrollHeight > window.innerHeight || root.scrollWidth > window.innerWidth,
          controls: document.querySelectorAll(arguments_controls).length,
          text: document.body.innerText};
}""".replace("arguments_controls", repr(CONTROLS))


async def projectors(browser: Browser, app: WyberApp) -> dict[str, Page]:
    assert app.projector is not None
    pages = {}
    for name, (width, height) in SCREENS.items():
        context = await browser.new_context(viewport={"width": width, "height": height})
        pages[name] = await context.new_page()
        await pages[name].goto(app.projector.url)
    return pages


async def shown(pages: dict[str, Page], check: str) -> None:
    """Every page shows what `check` (a JS expression) says, once its view has come in."""
    for page in pages.values():
        await page.wait_for_function(f"() => document.body.dataset.seq && ({check})")


async def measured(pages: dict[str, Page], name: str) -> list[str]:
    """Screenshots kept, and every page measured: the texts each shows."""
    SHOTS.mkdir(exist_ok=True)
    texts = []
    for size, page in pages.items():
        await page.screenshot(path=str(SHOTS / f"{name}-{size}.png"))
        found = await page.evaluate(MEASURE)
        assert found["clock"] >= 0.25, (name, size, found["clock"])
        assert not found["scrolls"], (name, size)
        assert found["smallest"] >= READABLE_PX, (name, size, found["smallest"])
        assert found["controls"] == 0, (name, size)
        texts.append(found["text"])
    return texts


@pytest.mark.parametrize("lang", ["en", "nl"])
async def test_every_movement_at_three_sizes_with_no_control_and_no_author(
    tmp_path: Path, browser: Browser, lang: Language
) -> None:
    words = {
        "en": ("Ideas: 1", "PAUSED", "Diverge", "Dots: 2", "Being tested", "and ", "12 of 20 done"),
        "nl": (
            "Ideeën: 1",
            "PAUZE",
            "Divergeren",
            "Stippen: 2",
            "Wordt getoetst",
            "en nog ",
            "12 van 20 klaar",
        ),
    }[lang]

    async def meeting(app: WyberApp, pilot: object) -> None:
        assert app.room is not None and app.meeting is not None
        room, live = app.room.room, app.meeting
        pages = await projectors(browser, app)
        anna = await phone_sends(
            browser, app.room.url, "Anna de Vries", "Bike racks at the <station>"
        )
        # Silent writing: only the count; joining open: the QR code and the short code.
        await shown(pages, f"document.body.innerText.includes({words[0]!r})")
        await shown(pages, "document.getElementById('qr').getBoundingClientRect().height > 200")
        for text in await measured(pages, f"{lang}-diverge-silent"):
            assert "<station>" not in text and room.code[:4] in text and words[2] in text
        # Revealed, with 300 ideas: the newest that fit, and how many more; paused, in words.
        room.toggle(room.revealed)
        for n in range(299):
            live.add_idea(f"Idea number {n} about working together on the square")
        await pilot.press("f2")  # type: ignore[attr-defined]
        await shown(pages, f"document.body.innerText.includes({words[1]!r})")
        await shown(pages, f"document.getElementById('more').textContent.startsWith({words[5]!r})")
        for text in await measured(pages, f"{lang}-diverge-300"):
            assert "Idea number 298" in text and "Anna de Vries" not in text
        await pilot.press("f2")  # type: ignore[attr-defined]
        # The go-around's speaker and turn clock (test_projector_app.py checks F10 wires it).
        assert app.projector is not None and isinstance(app.screen, RunScreen)
        app.projector.go_around = app.screen.go_around
        await pilot.press("ctrl+r")  # type: ignore[attr-defined]
        await shown(pages, "document.getElementById('turn-name').textContent == 'Anna de Vries'")
        await shown(pages, "document.getElementById('turn-clock').textContent.includes(':')")
        await measured(pages, f"{lang}-diverge-go-around")
        await pilot.press("ctrl+r")  # type: ignore[attr-defined]
        # Readiness, as a count and never by name: 20 phones in, 12 of them done.
        for n in range(19):
            device = room.admit_secret(room.secret)
            room.join(device.token, f"Person {n}", None)
        for device in room.joined[:12]:
            room.say_done(device.token, True)
        await shown(pages, f"document.getElementById('readiness').textContent == {words[6]!r}")
        for text in await measured(pages, f"{lang}-diverge-readiness"):
            assert "Person 3" not in text

        await pilot.press("f8")  # type: ignore[attr-defined]
        room.close_joining()
        ideas = [i.id for i in live.state.ideas.values()]
        bikes = live.create_cluster("Bikes and racks", ideas[:3])
        live.create_cluster("The square", ideas[3:40])
        await shown(pages, "getComputedStyle(document.getElementById('join')).display == 'none'")
        await shown(pages, "document.body.innerText.includes('Bikes and racks')")
        await measured(pages, f"{lang}-converge-clusters")
        voter = room.joined[0].participant_id
        assert voter is not None
        live.vote(bikes, voter)
        live.vote(bikes, voter)
        live.vote(ideas[50], voter)
        live.score(ideas[50], 4, voter)
        live.score(ideas[50], 2, room.joined[1].participant_id)
        room.toggle(room.revealed)
        await shown(pages, f"document.body.innerText.includes({words[3]!r})")
        # An idea with its own number, as on the board; a score as its average on the scale.
        average = {"en": "3.0 / 5 (2 scored)", "nl": "3,0 / 5 (2 scoorden)"}[lang]
        for text in await measured(pages, f"{lang}-converge-results"):
            assert "Anna de Vries" not in text and average in text
            assert "51 Idea number 49" in text  # the idea numbered 51 on the board

        await pilot.press("f8")  # type: ignore[attr-defined]
        # The terminal asks about those who have not voted, by name; the room sees no dialog.
        assert isinstance(app.screen, NotVotedDialog)
        await asyncio.sleep(0.5)
        for text in await measured(pages, f"{lang}-converge-while-asked"):
            assert "Person 5" not in text
        await pilot.press("f8")  # type: ignore[attr-defined]
        first = live.record_agreement("Ten bike racks by the station by June")
        live.answer_consent(first.id, voter, ConsentAnswer.OBJECTION, "Too costly for us")
        await shown(pages, f"document.body.innerText.includes({words[4]!r})")
        for text in await measured(pages, f"{lang}-consolidate"):
            assert "Anna de Vries" not in text and "Too costly" not in text
        # The clock's colours, from the time boxes: amber, red, and over time counting up.
        clock = app.clocks.monotonic
        assert isinstance(clock, FakeClock)
        # The page's clock runs on the real clock from the view's figure: a second later it
        # may show a second less than the frozen test clock.
        states = (
            (540, "warn", ["01:00", "00:59"]),
            (40, "alarm", ["00:20", "00:19"]),
            (90, "over", ["+01:10", "+01:11"]),
        )
        for seconds, kind, texts in states:
            clock.advance(seconds)
            room.changed()  # no record: the room's message makes the page fetch its view
            await shown(pages, f"document.getElementById('clock').className == {kind!r}")
            await shown(pages, f"{texts!r}.includes(document.getElementById('clock').textContent)")
            await measured(pages, f"{lang}-clock-{kind}")
        await anna.context.close()
        for page in pages.values():
            await page.context.close()

    await in_app(tmp_path, meeting, lang)


async def test_the_qr_code_reads_back_as_the_join_url(tmp_path: Path, browser: Browser) -> None:
    async def meeting(app: WyberApp, pilot: object) -> None:
        assert app.room is not None and app.projector is not None
        context = await browser.new_context(viewport={"width": 1024, "height": 768})
        page = await context.new_page()
        await page.goto(app.projector.url)
        await page.wait_for_function("() => document.getElementById('qr').complete")
        shot = tmp_path / "qr.png"
        await page.locator("#qr").screenshot(path=str(shot))
        read = subprocess.run(
            ["zbarimg", "--raw", "-q", str(shot)], capture_output=True, text=True, check=True
        )
        assert read.stdout.strip() == app.room.url
        await context.close()

    await in_app(tmp_path, meeting)


async def test_the_clock_agrees_with_the_terminals_across_pause_extend_and_reconnect(
    tmp_path: Path, browser: Browser
) -> None:
    """On the real clock: the page derives its time from the view's remaining seconds and the
    time since it came; the terminal from the time boxes at its `now`."""

    async def meeting(app: WyberApp, pilot: object) -> None:
        assert app.projector is not None and app.meeting is not None
        live = app.meeting
        context = await browser.new_context(viewport={"width": 1280, "height": 720})
        page = await context.new_page()
        await page.goto(app.projector.url)

        async def agree() -> float:
            await page.wait_for_function(
                f"() => document.body.dataset.seq == '{live.state.last_seq}'"
            )
            await asyncio.sleep(0.5)  # the page's clock runs on its own a while
            shown = float(await page.evaluate("document.getElementById('clock').dataset.remaining"))
            terminal = current_clock(live.state, live.now())
            assert terminal is not None
            assert abs(shown - terminal.remaining) < 1.0, (shown, terminal.remaining)
            return shown

        await agree()
        await asyncio.sleep(1.2)
        await pilot.press("f2")  # type: ignore[attr-defined]  # pause
        paused = await agree()
        await asyncio.sleep(1.2)
        assert await agree() == paused  # a paused clock stands still on both
        await pilot.press("f2")  # type: ignore[attr-defined]
        await pilot.press("f3")  # type: ignore[attr-defined]  # a minute more
        assert await agree() > paused + 50
        # A real reconnect: the browser goes offline (which leaves an open stream be) and the
        # server ends the stream, as a dropped connection does; the page says so, and its own
        # reconnects fail until the browser is back.
        await context.set_offline(True)
        assert app.room is not None
        for consumer in app.room.room.stream._consumers:
            consumer.queue.put_nowait(None)  # the stream's end, as Stream.close sends it
        await page.wait_for_function("() => !document.getElementById('offline').hidden")
        await pilot.press("f4")  # type: ignore[attr-defined]  # five more, while it is away
        await pilot.press("f2")  # type: ignore[attr-defined]
        await asyncio.sleep(1.0)
        await context.set_offline(False)
        await page.wait_for_function(
            f"() => document.body.dataset.seq == '{live.state.last_seq}'", timeout=15_000
        )
        await agree()
        await context.close()

    await in_app(tmp_path, meeting, clocks=Clocks())
