"""A converge row as the live board and the replay draw it, one way for both: an idea's own
number first, in the diverge board's column (so "number 4" is the same idea on every board and
in the minutes; a cluster has none), then its place in the result as a rank ("2nd", blank until
anyone voted on it), its dots, its score, its text. The rank was drawn as "1." where the idea's
number had been, and read as the idea's number."""

from rich.text import Text

from tui.widgets.board_list import numbered
from tui.wyber.i18n import Language
from tui.wyber.ranking import Target, place_text, target_score_text
from tui.wyber.state import Idea

PLACE_WIDTH = 4  # "12th"
NO_NUMBER = Text(" " * len(numbered(0)))  # a cluster's room in the numbers' column


def _ticks(selected: bool, marked: bool | None) -> Text:
    """Selected by the group, and (on the live board, not in the replay) marked to act on."""
    text = Text()
    text.append("✔ " if selected else "  ", "bold green")  # the tick's style, not the row's
    if marked is not None:
        text.append("☑ " if marked else "☐ ")
    return text


def target_row(
    target: Target,
    place: int | None,
    ideas: int,
    top: int,
    lang: Language,
    marked: bool | None,
    *,
    dots: bool = True,
) -> Text:
    """A cluster or a loose idea; `ideas` is how many a cluster holds, `top` the score's scale;
    without `dots` (a score round) no dots column."""
    text = _ticks(target.selected, marked)
    text.append_text(NO_NUMBER if target.number is None else numbered(target.number))
    rank = "" if place is None else place_text(place, lang)
    text.append(f"{rank:>{PLACE_WIDTH}} ", "bold")
    if dots:
        drawn = "●" * min(target.dots, 12) + ("…" if target.dots > 12 else "")
        text.append(f"{target.dots:>2} {drawn} ", "bold yellow" if target.dots else "dim")
    score = target_score_text(target, top, lang)
    if score:
        text.append(f"[{score}] ", "bold cyan")
    text.append(target.label, "bold" if target.is_cluster else "")
    if target.is_cluster:
        text.append(f"  ({ideas})", "dim")
    return text


def member_row(idea: Idea, marked: bool | None) -> Text:
    """An idea in a cluster, under it: its own number, its dots, its text."""
    text = Text("    ")
    text.append_text(_ticks(idea.tally.selected, marked))
    text.append_text(numbered(idea.number))
    dots = idea.tally.total_dots
    if dots:
        text.append(f"{dots} {'●' * min(dots, 12)} ", "yellow")
    text.append(f"– {idea.text}", "dim italic")
    return text
