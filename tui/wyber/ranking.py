"""The converge result: a step's clusters and loose ideas, ranked by dots, then by score.

The live board and the minutes rank the same way, so the order the group saw is the order the
minutes record, and they write a score the same way: its average on the scale, and how many
scored ("3,4 / 5 · n=7"), never the scores added up into a number above the scale.
"""

from collections.abc import Iterable, Sequence
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
    # An idea's own number, the one the diverge board gave it for good; None for a cluster.
    number: int | None = None

    @property
    def average(self) -> float:
        return self.score / self.scored if self.scored else 0.0

    @property
    def voted_on(self) -> bool:
        """Whether anyone gave it a dot or a score: only then does it have a place."""
        return bool(self.dots or self.scored)


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
            i.number,
        )
        for i in loose_ideas
    ]
    return sorted(targets, key=_standing)


def _standing(target: Target) -> tuple[int, float]:
    return -target.dots, -target.average


def places(ranked: Sequence[Target]) -> dict[str, int]:
    """The place of each ranked target that anyone voted on, as a rank, not a row: targets with
    as many dots and the same average share a place, and the next place skips ("1, 1, 3"), so a
    tie is never read as a win. Targets nobody voted on have no place."""
    found: dict[str, int] = {}
    before: tuple[int, float] | None = None
    place = 0
    for row, target in enumerate(ranked, 1):
        if not target.voted_on:
            continue
        standing = _standing(target)
        if standing != before:
            place, before = row, standing
        found[target.id] = place
    return found


def place_text(place: int, lang: Language) -> str:
    """A place as a rank reads, not as a number: "1e" (nl), "1st", "2nd", "11th" (en). The
    English ending decides which key; the Dutch catalog writes "e" for every one."""
    ending = "other"
    if place % 100 not in (11, 12, 13):
        ending = {1: "one", 2: "two", 3: "few"}.get(place % 10, "other")
    return tr(lang, f"conv2.place.{ending}", place=place)
