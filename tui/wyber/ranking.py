"""The converge result: a step's clusters and loose ideas, ranked by dots, then by score.

The live board and the minutes rank the same way, so the order the group saw is the order the
minutes record.
"""

from collections.abc import Iterable
from dataclasses import dataclass

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


def rank(clusters: Iterable[Cluster], loose_ideas: Iterable[Idea]) -> list[Target]:
    """Clusters and ideas outside a cluster, most dots first, then highest score (stable)."""
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
    return sorted(targets, key=lambda t: (-t.dots, -t.score))
