"""A board's list (tui/widgets/board_list.py) takes changes one at a time: what it draws after any
mix of added, changed and removed options is what a board's list draws given the same options
afresh (Textual's OptionList measuring them all), and a change to one option measures that
option, not every one on the list. A wrapped option goes on under its text."""

import random
from typing import Any

import pytest
from rich.text import Text
from textual.app import App, ComposeResult
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.widgets.board_list import AUTHOR, BoardList, Hanging, numbered

WORDS = ["the", "quick", "brown", "fox", "jumps", "over", "a", "lazy", "dog", "near", "our"]


def prompt(number: int, words: int, rng: random.Random) -> Text:
    text = numbered(number)
    text.append(" ".join(rng.choice(WORDS) for _ in range(words)))
    return text


class Boards(App[None]):
    CSS = "OptionList { height: 8; width: 40; }"

    def compose(self) -> ComposeResult:
        yield BoardList(id="changed")
        yield BoardList(id="fresh")


def drawn(board: OptionList) -> list[str]:
    """Every line the list draws, top to bottom, scrolled through a screenful at a time."""
    lines: list[str] = []
    height = board.scrollable_content_region.height
    for top in range(0, board.virtual_size.height, height):
        board.scroll_to(y=top, animate=False, immediate=True)
        offset = round(board.scroll_y)
        for y in range(height):
            if offset + y >= top and offset + y < board.virtual_size.height:
                lines.append(board.render_line(y).text.rstrip())
    return lines


async def same_as_fresh(pilot: Pilot[None], changed: BoardList, fresh: OptionList) -> None:
    # Twice: Textual's OptionList measures its options at the width it has when they are set,
    # and keeps that when its scroll bar then appears (a column narrower); the second time it has
    # the scroll bar the changed list has.
    for _ in range(2):
        fresh.set_options(
            Option(option.prompt.copy() if isinstance(option.prompt, Text) else option.prompt)
            for option in changed.options
        )
        await pilot.pause()
    assert changed.virtual_size == fresh.virtual_size
    assert drawn(changed) == drawn(fresh)


def number_at(board: OptionList, index: int) -> int:
    """The number the option at `index` starts with."""
    return int(str(board.get_option_at_index(index).prompt).split()[0])


async def test_any_mix_of_changes_draws_what_a_fresh_option_list_draws() -> None:
    rng = random.Random(11)
    app = Boards()
    async with app.run_test(size=(60, 20)) as pilot:
        changed = app.query_one("#changed", BoardList)
        fresh = app.query_one("#fresh", OptionList)
        changed.add_options(
            Option(prompt(n, rng.randint(1, 14), rng), id=f"i{n}") for n in range(1, 41)
        )
        await pilot.pause()
        last = 40  # the highest number given: an option keeps its number, a new one gets the next
        for round_ in range(30):
            count = changed.option_count
            kind = round_ % 3
            if kind == 0:  # a few ideas leave; the others keep their numbers
                changed.remove_at(rng.sample(range(count), rng.randint(1, 3)))
            elif kind == 1:  # a few are said again, longer or shorter (their lines change)
                picked = rng.sample(range(count), 3)
                changed.change_prompts(
                    (i, prompt(number_at(changed, i), rng.randint(1, 14), rng)) for i in picked
                )
            else:  # new ones at the end
                added = rng.randint(1, 4)
                changed.add_options(
                    Option(prompt(n, rng.randint(1, 14), rng), id=f"r{round_}-{n}")
                    for n in range(last + 1, last + 1 + added)
                )
                last += added
            await pilot.pause()
            await same_as_fresh(pilot, changed, fresh)
        numbers = [number_at(changed, i) for i in range(changed.option_count)]
        assert numbers == sorted(set(numbers)) and len(numbers) < last  # some left, none renumbered
        # An option's second line starts under its text, where no number stands.
        lines = drawn(changed)
        assert any(not line.lstrip()[:1].isdigit() for line in lines)
        assert all(line.startswith("     ") or line.lstrip()[:1].isdigit() for line in lines)


def counting_measures(monkeypatch: Any) -> list[int]:
    """Count how often an option's content is measured (wrapped to the list's width)."""
    calls: list[int] = []
    for visual in (Content, Hanging):  # a numbered prompt is measured as a Hanging one
        measure = visual.get_height

        def counted(self: Any, *args: Any, measure: Any = measure, **kwargs: Any) -> int:
            calls.append(1)
            return int(measure(self, *args, **kwargs))

        monkeypatch.setattr(visual, "get_height", counted)
    return calls


async def test_a_change_to_one_option_of_500_measures_that_option_only(monkeypatch: Any) -> None:
    rng = random.Random(5)
    app = Boards()
    async with app.run_test(size=(60, 20)) as pilot:
        changed = app.query_one("#changed", BoardList)
        changed.add_options(Option(prompt(n, 9, rng), id=f"i{n}") for n in range(1, 501))
        changed.highlighted = 499
        await pilot.pause()
        measured = counting_measures(monkeypatch)
        changed.change_prompts([(250, prompt(251, 12, rng))])  # said again
        await pilot.pause()
        assert 1 <= len(measured) <= 3  # that option, and what is drawn on screen
        measured.clear()
        changed.remove_at([100])  # the 400 after it keep their numbers and their lines
        changed.highlighted = 498
        await pilot.pause()
        assert len(measured) <= 2


@pytest.mark.parametrize("width", range(20, 60))
def test_an_ideas_author_stays_whole_on_one_line_under_its_text(width: int) -> None:
    prompt = numbered(12)
    prompt.append("Buurtopslag bij de scooterhub, met twintig accu's")
    prompt.append(f"{AUTHOR}Bram Visser", style="italic")
    hanging = Hanging(Content.from_rich_text(prompt), len(numbered(12).plain))
    lines = hanging._lines(width).plain.split("\n")
    assert hanging.get_height({}, width) == len(lines)
    assert any(line.rstrip().endswith("— Bram Visser") for line in lines), lines
    assert all(line.startswith("     ") for line in lines[1:]), lines
    assert " ".join(" ".join(lines).split()) == " ".join(prompt.plain.split())
