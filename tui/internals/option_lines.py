"""An OptionList's measured lines, kept across changes to a few of its options.

Textual's OptionList measures every option (wraps its prompt to the list's width) to know which
lines it takes, and keeps that in a line cache. Adding options measures only the new ones, but
replacing a prompt or removing an option clears the whole cache, and the next frame (or the next
scroll to the highlight) measures every option again: with 3,000 ideas on the board some 15 ms
per change on this machine (Textual 8.2.8, 80x24), and a board taking dozens of changes a second
never catches up. The changes here measure at most the options that changed, and lay out the
cache again only from the first option that moved. They use the OptionList's private option
indexes, line cache, render cache and an option's cached visual: look here when Textual changes.
"""

from collections.abc import Callable, Iterable
from typing import cast

from textual.css.styles import RulesMap
from textual.visual import Visual, VisualType, visualize
from textual.widgets import OptionList
from textual.widgets.option_list import Option


def _measure(option_list: OptionList, index: int) -> int:
    """The lines the option at `index` takes at the list's width, as `_update_lines` counts."""
    option = option_list.options[index]
    width = option_list.scrollable_content_region.width - option_list._get_left_gutter_width()
    padding = option_list.get_component_styles("option-list--option").padding
    visual = option_list._get_visual(option)
    rules = cast(RulesMap, option_list.styles)  # as OptionList itself passes them
    return visual.get_height(rules, width - padding.width) + option._divider


def _measured(option_list: OptionList) -> bool:
    """Whether every option's lines are in the cache (else it is filled as the list draws)."""
    return len(option_list._line_cache.heights) == option_list.option_count


def _relay(option_list: OptionList, start: int, heights: list[int], before: int) -> None:
    """Lay out the line cache again from option `start` on, whose options now take `heights`
    lines each; `before` options were in the cache. The options above `start` are not touched."""
    cache = option_list._line_cache
    first_line = cache.index_to_line.get(start, len(cache.lines))
    del cache.lines[first_line:]
    for index in range(start, before):
        cache.heights.pop(index, None)
        cache.index_to_line.pop(index, None)
    lines = cache.lines
    for index, height in enumerate(heights, start):
        cache.index_to_line[index] = len(lines)
        cache.heights[index] = height
        lines.extend((index, line) for line in range(height))
    option_list._update_lines()  # the virtual size, from the cache: nothing measured


def _forget_renders(option_list: OptionList, keep: Callable[[Option], bool]) -> None:
    """Drop the cached renders of the options `keep` says no to: the rest are drawn from the
    cache when the list scrolls, instead of being rendered again every frame."""
    cache = option_list._option_render_cache
    for key in list(cache.keys()):
        if not keep(key[0]):
            cache.discard(key)


def forget_lines(option_list: OptionList) -> None:
    """Forget every option's measured lines: they are measured again as the list next draws."""
    option_list._clear_caches()


def replace_prompts(
    option_list: OptionList, changes: Iterable[tuple[int, VisualType, bool]]
) -> None:
    """Give each option (index, prompt, same_height) its new prompt, measuring only those the
    caller does not know to take the lines they took; the others keep their lines. One repaint."""
    changes = list(changes)
    if not changes:
        return
    measured = _measured(option_list)
    heights = option_list._line_cache.heights
    moved: dict[int, int] = {}  # index → its new height, where that changed
    for index, prompt, same_height in changes:
        option_list.options[index]._set_prompt(prompt)
        if measured and not same_height:
            height = _measure(option_list, index)
            if height != heights[index]:
                moved[index] = height
    if moved:
        start = min(moved)
        count = option_list.option_count
        tail = [moved.get(index, heights[index]) for index in range(start, count)]
        _relay(option_list, start, tail, count)
    changed = {option_list.options[index] for index, _, _ in changes}
    _forget_renders(option_list, lambda option: option not in changed)
    option_list.refresh()


def remove_options(option_list: OptionList, indices: Iterable[int]) -> None:
    """Remove the options at `indices`, as `OptionList.remove_option_at_index` does one; the
    options above the first keep their lines, the ones below it are laid out from their heights."""
    gone = sorted(set(indices))
    if not gone:
        return
    measured = _measured(option_list)
    heights = option_list._line_cache.heights
    count = option_list.option_count
    start = gone[0]
    options = option_list._options
    for index in reversed(gone):
        option = options[index]
        option_list._pre_remove_option(option, index)
        if option.id is not None:
            del option_list._id_to_option[option.id]
        del option_list._option_to_index[option]
        del options[index]
    for index in range(start, len(options)):
        option_list._option_to_index[options[index]] = index
    option_list._mouse_hovering_over = None
    places = option_list._option_to_index  # a render knows its option's place: those below move
    _forget_renders(option_list, lambda option: places.get(option, start) < start)
    if measured:
        left = set(gone)
        kept = [heights[index] for index in range(start, count) if index not in left]
        _relay(option_list, start, kept, count)
    else:
        option_list._line_cache.clear()
    option_list.highlighted = option_list.highlighted  # within the list, as Textual keeps it
    option_list.refresh()


class MadeVisuals(OptionList):
    """An OptionList whose options' visuals come from `make_visual`, a public hook, cached on the
    option as Textual caches its own (`Option._visual`, read by `OptionList._get_visual`)."""

    def _get_visual(self, option: Option) -> Visual:
        if option._visual is None:
            option._visual = self.make_visual(option)
        return option._visual

    def make_visual(self, option: Option) -> Visual:
        """The option's visual: by default its prompt, as Textual makes it."""
        return visualize(self, option.prompt, markup=self._markup)
