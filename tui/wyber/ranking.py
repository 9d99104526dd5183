"""The converge result: a step's clusters and loose ideas, ranked by dots, then by score.

The live board and the minutes rank the same way, so the order the group saw is the order the
minutes record, and they write a score the same way: its average on the scale, and how many
scored ("3,4 / 5 · n=7"), never the scores added up into a number above the scale.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from babel.numbers import format_decimal

from tui.wyber.figures import BABEL_LOCALES
from tui.wyber.i18n import Language, tr
from tui.wyber.plan import DEFAULT_SCORE_TOP, Step, Technique
from tui.wyber.state import Cluster, Idea


@dataclass(frozen=True, slots=True)
class Target:
    """An idea or a cluster on the board, as the converge result ranks them."""

    id: str
    label: str
    is_cluster: bool
    dots: int
    score: int
    selected: bool
    scored: int = 0  # how many people gave it a score


@dataclass(frozen=True, slots=True)
class ScoreSummary:
    """A score as the minutes give it: the average on the step's scale, and how many scored."""

    average: float
    top: int
    count: int


def step_score_top(step: Step) -> int:
    """The top of the scale a step's scores were given on: its score movement's, else the
    default (a step without a score movement can still hold scores typed on the board)."""
    for movement in step.movements:
        box = step.timebox(movement)
        if box.technique is Technique.SCORE:
            return box.score_top
    return DEFAULT_SCORE_TOP


def score_summary(target: Target, top: int) -> ScoreSummary | None:
    """The average score of `target` on a scale up to `top`; None when nobody scored it."""
    if not target.scored:
        return None
    return ScoreSummary(target.score / target.scored, top, target.scored)


def score_text(summary: ScoreSummary, lang: Language) -> str:
    """A score as the board and the minutes write it: "3,4 / 5 · n=7" (nl), "3.4 / 5 · n=7"."""
    average = format_decimal(summary.average, format="0.0", locale=BABEL_LOCALES[lang])
    return tr(lang, "traject.score_cell", average=average, top=summary.top, count=summary.count)


def target_score_text(target: Target, top: int, lang: Language) -> str:
    """The score of a target on the board, as score_text writes it; "" when nobody scored it."""
    summary = score_summary(target, top)
    return "" if summary is None else score_text(summary, lang)


def rank(clusters: Iterable[Cluster], loose_ideas: Iterable[Idea]) -> list[Target]:
    """Clusters and ideas outside a cluster, most dots first, then highest average score
    (stable): the average, as the board and the minutes show it, not the sum, which would put
    what more people scored above what scored better."""
    targets = [
        Target(
            c.id,
            c.name,
            True,
            c.tally.total_dots,
            c.tally.total_score,
            c.tally.selected,
            len(c.tally.scores),
        )
        for c in clusters
    ] + [
        Target(
            i.id,
            i.text,
            False,
            i.tally.total_dots,
            i.tally.total_score,
            i.tally.selected,
            len(i.tally.scores),
        )
        for i in loose_ideas
    ]
    return sorted(targets, key=lambda t: (-t.dots, -(t.score / t.scored if t.scored else 0.0)))
