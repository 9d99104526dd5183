"""The converge result: a step's clusters and loose ideas, ranked by dots, then by score.

The live board and the minutes rank the same way, so the order the group saw is the order the
minutes record.
"""

from collections.abc import Iterable
from dataclasses import dataclass

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


def rank(clusters: Iterable[Cluster], loose_ideas: Iterable[Idea]) -> list[Target]:
    """Clusters and ideas outside a cluster, most dots first, then highest score (stable)."""
    targets = [
        Target(c.id, c.name, True, c.tally.total_dots, c.tally.total_score, c.tally.selected)
        for c in clusters
    ] + [
        Target(i.id, i.text, False, i.tally.total_dots, i.tally.total_score, i.tally.selected)
        for i in loose_ideas
    ]
    return sorted(targets, key=lambda t: (-t.dots, -t.score))
