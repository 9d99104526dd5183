"""A bracketed paste reaches the app whole and in order, whatever escape sequences it holds and
however the terminal's reads cut it."""

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from textual import events
from textual.drivers import linux_driver, linux_inline_driver
from textual.message import Message

from tests.factory import FakeClock, FakeWall
from tests.test_fields import SIZE, idea_texts, settle, started
from tests.test_run_flow import make_app, wyber_30
from tui.internals.paste_guard import PASTE_END, PASTE_START, PasteGuardParser, install
from tui.wyber.text import ESCAPE_SEQUENCE

# As tmux `paste-buffer -p` sends a line copied from a coloured terminal, then a key typed.
COLOURED = f"a{PASTE_START}voor \x1b[31mrood\x1b[0m na\r\x1b]0;title\x07!{PASTE_END}Z\r"


def parsed(*reads: str) -> list[tuple[str, str | None]]:
    parser = PasteGuardParser()
    out: list[tuple[str, str | None]] = []
    for data in reads:
        for event in parser.feed(data):
            if isinstance(event, events.Paste):
                out.append(("paste", event.text))
            elif isinstance(event, events.Key):
                out.append(("key", event.key))
    return out


def shown(messages: list[Message]) -> list[tuple[str, str | None]]:
    return [
        ("paste", m.text) if isinstance(m, events.Paste) else ("key", getattr(m, "key", None))
        for m in messages
    ]


def test_a_paste_with_escape_sequences_is_one_paste_between_the_keys_around_it() -> None:
    expected = [("key", "a"), ("paste", "voor rood na\r!"), ("key", "Z"), ("key", "enter")]
    for cut in range(len(COLOURED) + 1):
        for second in range(cut, len(COLOURED) + 1):
            reads = [COLOURED[:cut], COLOURED[cut:second], COLOURED[second:]]
            assert parsed(*[r for r in reads if r]) == expected, (cut, second)


@given(
    st.text().filter(lambda t: PASTE_END not in t),
    st.lists(st.integers(min_value=0, max_value=200), max_size=4),
)
def test_any_paste_arrives_whole_however_it_is_cut(content: str, cuts: list[int]) -> None:
    data = f"x{PASTE_START}{content}{PASTE_END}y"
    points = sorted({min(c, len(data)) for c in cuts})
    reads = [data[a:b] for a, b in zip([0, *points], [*points, len(data)], strict=True)]
    cleaned = ESCAPE_SEQUENCE.sub("", content).replace("\x1b", "").replace("\x00", "")
    assert parsed(*[r for r in reads if r]) == [("key", "x"), ("paste", cleaned), ("key", "y")]


def test_outside_a_paste_the_input_is_left_as_it_is() -> None:
    data = "ab\x1b[A\x1b[1;5Cc\r"
    assert parsed(data) == [
        ("key", "a"),
        ("key", "b"),
        ("key", "up"),
        ("key", "ctrl+right"),
        ("key", "c"),
        ("key", "enter"),
    ]


def test_install_makes_the_terminal_drivers_use_the_guard(monkeypatch: pytest.MonkeyPatch) -> None:
    for driver in (linux_driver, linux_inline_driver):
        monkeypatch.setattr(driver, "XTermParser", driver.XTermParser)  # undone after the test
    install()
    assert linux_driver.XTermParser is PasteGuardParser  # type: ignore[attr-defined]
    assert linux_inline_driver.XTermParser is PasteGuardParser  # type: ignore[attr-defined]


async def test_a_coloured_paste_in_the_idea_line_is_neither_reordered_nor_entered(
    tmp_path: Path,
) -> None:
    clock = FakeClock()
    app = make_app(tmp_path, clock, FakeWall(clock), plan=wyber_30("en"), run_now=True)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        one_line = COLOURED.replace("\r\x1b]", "\x1b]")
        for event in PasteGuardParser().feed(one_line):
            app.post_message(event)
        await settle(pilot)
        assert idea_texts(app) == ["avoor rood na!Z"]
