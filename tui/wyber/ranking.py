"""The converge result: a step's clusters and loose ideas, ranked by dots, then by score.

The live board and the minutes rank the same way, so the order the group saw is the order the
minutes record, and they write a score the same way: its average on the scale, and how many
scored ("3,4 / 5 · n=7"), never the scores added up into a number above the scale.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from babel.numbers import format_decimal

from tui.wyber.figures import BABEL_LOCALES
from tui.wyber.i18n import Language, tr
from tui.wyber.plan import DEFAULT_SCORE_TOP, Step, Technique
from tui.wyber.state import Cluster, Idea, SessionState


@dataclass(frozen=True, slots=True)
class Target:
    """An idea or a cluster on the board, as the converge result ranks them."""

    id: str
    label: str
    is_cluster: bool
    dots: int
    score: float  # the scores added up (a cluster's per person, see _cluster_target)
    selected: bool
    scored: int = 0  # how many people gave it a score
    # An idea's own number, the one the diverge board gave it for good; None for a cluster.
    number: int | None = None
    members: tuple["Target", ...] = ()  # a cluster's ideas, each with its own tally

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


def step_counts_dots(step: Step) -> bool:
    """Whether a step's board counts dots: not where the group votes by scores (a "0" dots
    column there read as a vote nobody was asked to cast)."""
    return all(step.timebox(m).technique is not Technique.SCORE for m in step.movements)


def score_summary(target: Target, top: int) -> ScoreSummary | None:
    """The average score of `target` on a scale up to `top`; None when nobody scored it."""
    if not target.scored:
        return None
    return ScoreSummary(target.score / target.scored, top, target.scored)


def score_text(summary: ScoreSummary, lang: Language, *, key: str = "traject.score_cell") -> str:
    """A score as the board writes it: "3,4 / 5 · n=7" (nl), "3.4 / 5 · n=7" (short, for a
    row of the board); `key` "tester.score_words" as the minutes write it, in words."""
    average = format_decimal(summary.average, format="0.0", locale=BABEL_LOCALES[lang])
    form = f"{key}_one" if key == SCORE_WORDS and summary.count == 1 else key
    return tr(lang, form, average=average, top=summary.top, count=summary.count)


# The minutes' score, its count in words: "4,5 / 5 (2 scoorden)", as their caption explains,
# where a reader of the minutes took "· n=2" for jargon.
SCORE_WORDS = "tester.score_words"


def target_score_text(
    target: Target, top: int, lang: Language, *, key: str = "traject.score_cell"
) -> str:
    """The score of a target on the board, as score_text writes it; "" when nobody scored it."""
    summary = score_summary(target, top)
    return "" if summary is None else score_text(summary, lang, key=key)


def _idea_target(idea: Idea) -> Target:
    t = idea.tally
    return Target(
        idea.id,
        idea.text,
        False,
        t.total_dots,
        t.total_score,
        t.selected,
        len(t.scores),
        idea.number,
    )


def _cluster_target(cluster: Cluster, members: Sequence[Idea]) -> Target:
    """A cluster as the group counts it: the dots on the cluster and on every idea in it (dots
    placed before the ideas were clustered stay theirs: the tester's 15 dots showed as 8), and
    per person their score of the cluster, else the average of their scores of its ideas, so
    "how many scored" counts people, not scores. Its ideas follow it with their own tallies."""
    tallies = [cluster.tally, *(m.tally for m in members)]
    scores: dict[str, float] = {}
    for voter in dict.fromkeys(v for t in tallies for v in t.scores):
        own = cluster.tally.scores.get(voter)
        given = [m.tally.scores[voter] for m in members if voter in m.tally.scores]
        scores[voter] = own if own is not None else sum(given) / len(given)
    return Target(
        cluster.id,
        cluster.name,
        True,
        sum(t.total_dots for t in tallies),
        sum(scores.values()),
        cluster.tally.selected,
        len(scores),
        members=tuple(_idea_target(m) for m in members),
    )


def rank(
    clusters: Iterable[Cluster],
    loose_ideas: Iterable[Idea],
    members: Mapping[str, Sequence[Idea]] | None = None,
) -> list[Target]:
    """Clusters (with the ideas in them, from `members`) and ideas outside a cluster, most dots
    first, then highest average score (stable): the average, as the board and the minutes show
    it, not the sum, which would put what more people scored above what scored better."""
    inside = members or {}
    targets = [_cluster_target(c, inside.get(c.id, ())) for c in clusters]
    targets += [_idea_target(i) for i in loose_ideas]
    return sorted(targets, key=_standing)


def step_ranking(state: SessionState, step: int) -> list[Target]:
    """A step's converge result, the one the board, the room's phones and projector, the replay
    and the minutes all show: its clusters with their ideas, and its ideas outside a cluster."""
    ideas = state.ideas_of(step)
    inside: dict[str, list[Idea]] = {}
    for idea in ideas:
        if idea.cluster_id is not None:
            inside.setdefault(idea.cluster_id, []).append(idea)
    clusters = (c for c in state.clusters.values() if c.step == step)
    return rank(clusters, (i for i in ideas if i.cluster_id is None), inside)


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
