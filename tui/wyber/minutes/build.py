"""What the minutes say: a session's state turned into a Document, in one language.

The order is that of Dutch minutes (notulen) with what facilitators add: the facts (date, time,
place, facilitator, goal), who was there, the agenda with planned against actual time, each step
(its question, the ideas by cluster, the tallies, what was recorded there), the lists people act
on, the agreements of earlier sessions of the series, and the evaluation.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import UTC, date
from itertools import chain

from tui import __version__
from tui.wyber.consent import consent_label, consent_lines
from tui.wyber.dates import compact_date, spoken_date
from tui.wyber.events import AgreementKind
from tui.wyber.figures import (
    agreement_facts,
    average_score,
    clock_time,
    meeting_date,
    signed,
    step_times,
    time_notes,
)
from tui.wyber.i18n import Language, tr
from tui.wyber.minutes.content import (
    Block,
    Bullets,
    Document,
    Facts,
    Heading,
    Inline,
    Paragraph,
    Properties,
    Span,
    Table,
)
from tui.wyber.ranking import rank
from tui.wyber.series import EarlierAgreement
from tui.wyber.state import Agreement, Cluster, ConsentState, Idea, Participant, SessionState

LANGUAGE_TAGS: dict[Language, str] = {"nl": "nl-NL", "en": "en-GB"}
# An agreement's details, in the order the tables show them, with their widths on the page (mm).
DETAILS = ("owner", "deadline", "field", "consent")
DETAIL_WIDTHS = {"owner": 32, "deadline": 25, "field": 27, "consent": 24}
NUMBER_WIDTH = 12  # "Nr." and up to four digits
REST = 0  # the column that takes the room the others leave


def with_round(agreement: Agreement, lang: Language) -> Inline:
    """An agreement's text with its consent round by name under it: who consented, who stood
    aside, each objection in its words and how it was resolved, with each one's mandate."""
    lines = consent_lines(agreement, lang)
    if not lines:
        return agreement.text
    return (
        Span(agreement.text),
        *(Span("\n" + line.text, alert=line.alert) for line in lines),
    )


class _Writer:
    """Builds the blocks of one session's minutes in one language."""

    def __init__(
        self, state: SessionState, lang: Language, earlier: Sequence[EarlierAgreement]
    ) -> None:
        self.state = state
        self.lang = lang
        self.earlier = earlier
        self.blocks: list[Block] = []
        # Grouped once: a session of 10,000 ideas must not scan every idea per step or cluster.
        self.ideas_by_step: dict[int, list[Idea]] = defaultdict(list)
        self.ideas_by_cluster: dict[str, list[Idea]] = defaultdict(list)
        for idea in state.ideas.values():
            self.ideas_by_step[idea.step].append(idea)
            if idea.cluster_id is not None:
                self.ideas_by_cluster[idea.cluster_id].append(idea)
        self.clusters_by_step: dict[int, list[Cluster]] = defaultdict(list)
        for cluster in state.clusters.values():
            self.clusters_by_step[cluster.step].append(cluster)
        self.agreements = sorted(state.agreements.values(), key=lambda a: a.number)

    def t(self, key: str, /, **params: object) -> str:
        return tr(self.lang, key, **params)

    @staticmethod
    def day(d: date, lang: Language) -> str:
        """A date in a table: '4 dec 2026'. Minutes are read months later, so with the year."""
        return compact_date(d, lang, with_year=True)

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)

    # ── the opening: facts and people ────────────────────────────────────────────────────

    def facts(self) -> None:
        state = self.state
        if not state.finished:
            self.add(
                Paragraph(
                    Span(self.t("minutes.unfinished", time=clock_time(state, state.last_t))),
                    quiet=True,
                )
            )
        lines: list[tuple[str, Inline]] = [
            (self.t("minutes.fact.date"), spoken_date(meeting_date(state), self.lang))
        ]
        if state.started_t is not None:
            end = state.finished_t if state.finished_t is not None else state.last_t
            span = self.t(
                "minutes.time_range",
                start=clock_time(state, state.started_t),
                end=clock_time(state, end),
            )
            lines.append((self.t("minutes.fact.time"), span))
        if state.place:
            lines.append((self.t("minutes.fact.place"), state.place))
        if state.facilitator:
            lines.append((self.t("minutes.fact.facilitator"), state.facilitator))
        if state.series is not None:
            lines.append((self.t("minutes.fact.series"), state.series.name))
            if state.series.goal:
                lines.append((self.t("minutes.fact.series_goal"), state.series.goal))
        if state.plan.goal:
            lines.append((self.t("minutes.fact.goal"), state.plan.goal))
        self.add(Facts(tuple(lines)))

    def people(self) -> None:
        self.add(Heading(self.t("minutes.people"), 1))
        people = list(self.state.participants.values())
        if not people:
            self.add(Paragraph(self.t("minutes.nobody"), quiet=True))
            return
        for key, group in (
            ("minutes.present", [p for p in people if p.present]),
            ("minutes.absent", [p for p in people if not p.present]),
        ):
            if group:
                self.add(Paragraph(Span(self.t(key, count=len(group)), strong=True)))
                self.add(self._people_table(group))

    def _people_table(self, group: Sequence[Participant]) -> Table:
        columns = [self.t("minutes.col.name")]
        with_organisation = any(p.organisation for p in group)
        with_role = any(p.role for p in group)
        # Who sits at the table with which mandate: a column once anyone's mandate was said.
        with_mandate = any(p.mandate is not None for p in group)
        if with_organisation:
            columns.append(self.t("minutes.col.organisation"))
        if with_role:
            columns.append(self.t("minutes.col.role"))
        if with_mandate:
            columns.append(self.t("design.mandate"))
        rows = []
        for p in group:
            row: list[Inline] = [p.name]
            if with_organisation:
                row.append(p.organisation)
            if with_role:
                row.append(p.role)
            if with_mandate:
                row.append(self.t(f"design.mandate.{p.mandate}") if p.mandate else "")
            rows.append(tuple(row))
        widths = (REST, 45, 35, 35) if with_mandate else (REST, 55, 40)
        return Table(tuple(columns), tuple(rows), widths=widths[: len(columns)])

    # ── the agenda: planned against actual time ──────────────────────────────────────────

    def agenda(self) -> None:
        self.add(Heading(self.t("minutes.agenda"), 1))
        times = step_times(self.state, self.state.last_t)
        rows: list[tuple[Inline, ...]] = []
        for step in times:
            if step.reached:
                difference = Span(signed(step.difference), alert=step.difference > 0)
                actual: Inline = str(step.actual)
            else:
                difference = Span("")
                actual = self.t("ending.time.not_reached")
            rows.append((str(step.index + 1), step.title, str(step.planned), actual, (difference,)))
        planned = sum(step.planned for step in times)
        actual_total = sum(step.actual for step in times)
        self.add(
            Table(
                (
                    self.t("minutes.col.step_number"),
                    self.t("ending.time.col.step"),
                    self.t("ending.time.col.planned"),
                    self.t("ending.time.col.actual"),
                    self.t("ending.time.col.difference"),
                ),
                tuple(rows),
                numeric=frozenset({0, 2, 3, 4}),
                widths=(NUMBER_WIDTH, REST, 25, 27, 23),
                footer=(
                    "",
                    self.t("ending.time.total"),
                    str(planned),
                    str(actual_total),
                    Span(signed(actual_total - planned), alert=actual_total > planned),
                ),
            )
        )
        for note in time_notes(self.state, self.lang):
            self.add(Paragraph(note, quiet=True))

    # ── each step: question, ideas by cluster, tallies, what was recorded ────────────────

    def steps(self) -> None:
        self.add(Heading(self.t("minutes.steps"), 1))
        for index, step in enumerate(self.state.plan.steps):
            self.add(Heading(self.t("minutes.step", number=index + 1, title=step.title), 2))
            if step.question:
                self.add(
                    Paragraph((Span(self.t("minutes.question"), strong=True), Span(step.question)))
                )
            ideas = self.ideas_by_step.get(index, [])
            agreements = [a for a in self.agreements if a.step == index]
            if not ideas and not agreements:
                self.add(Paragraph(self.t("minutes.step_empty"), quiet=True))
                continue
            if ideas:
                self._ideas(index, ideas)
                self._tallies(index, ideas)
            if agreements:
                self.add(Heading(self.t("minutes.step_agreements"), 3))
                self.add(self._agreement_table(agreements, with_kind=True))

    def _idea_item(self, idea: Idea) -> Inline:
        if not idea.author_name:
            return idea.text
        return (Span(idea.text), Span(f" — {idea.author_name}"))

    def _ideas(self, step: int, ideas: Sequence[Idea]) -> None:
        self.add(Heading(self.t("minutes.ideas", count=len(ideas)), 3))
        clusters = self.clusters_by_step.get(step, [])
        for cluster in clusters:
            members = self.ideas_by_cluster.get(cluster.id, [])
            label = self.t("minutes.cluster", name=cluster.name, count=len(members))
            self.add(Paragraph(Span(label, strong=True)))
            if members:
                self.add(Bullets(tuple(self._idea_item(idea) for idea in members)))
        loose = [idea for idea in ideas if idea.cluster_id is None]
        if loose and clusters:
            self.add(Paragraph(Span(self.t("minutes.unclustered", count=len(loose)), strong=True)))
        if loose:
            self.add(Bullets(tuple(self._idea_item(idea) for idea in loose)))

    def _tallies(self, step: int, ideas: Sequence[Idea]) -> None:
        ranked = [
            target
            for target in rank(
                self.clusters_by_step.get(step, []),
                (idea for idea in ideas if idea.cluster_id is None),
            )
            if target.dots or target.score or target.selected
        ]
        if not ranked:
            return
        rows = tuple(
            (
                str(place),
                Span(target.label, strong=target.is_cluster),
                str(target.dots),
                str(target.score),
                self.t("minutes.selected") if target.selected else "",
            )
            for place, target in enumerate(ranked, 1)
        )
        self.add(Heading(self.t("minutes.votes"), 3))
        self.add(
            Table(
                (
                    self.t("minutes.col.step_number"),
                    self.t("minutes.col.item"),
                    self.t("minutes.col.dots"),
                    self.t("minutes.col.score"),
                    self.t("minutes.col.selected"),
                ),
                rows,
                numeric=frozenset({0, 2, 3}),
                widths=(NUMBER_WIDTH, REST, 18, 16, 24),
            )
        )

    # ── the lists people act on ──────────────────────────────────────────────────────────

    def _consent(self, agreement: Agreement) -> Inline:
        label = consent_label(agreement, self.lang)
        return Span(label, alert=agreement.consent_state is ConsentState.OBJECTED)

    def _agreement_table(self, agreements: Sequence[Agreement], *, with_kind: bool) -> Table:
        """Number, text and the details some row has (owner, deadline, field, consent)."""
        cells = [
            {**agreement_facts(a, self.lang, self.day), "consent": self._consent(a)}
            for a in agreements
        ]
        details = [d for d in DETAILS if any(row[d] for row in cells)]
        owner_key = (
            "ending.col.action_owner"
            if all(a.kind is AgreementKind.ACTION for a in agreements)
            else "ending.col.owner"
        )
        columns = [self.t("ending.col.number")]
        widths = [NUMBER_WIDTH]
        if with_kind:
            columns.append(self.t("minutes.col.kind"))
            widths.append(24)
        columns.append(self.t("ending.col.text"))
        widths.append(REST)
        for detail in details:
            columns.append(self.t(owner_key if detail == "owner" else f"ending.col.{detail}"))
            widths.append(DETAIL_WIDTHS[detail])
        rows = []
        for agreement, row_cells in zip(agreements, cells, strict=True):
            row: list[Inline] = [str(agreement.number)]
            if with_kind:
                row.append(self.t(f"run.kind.{agreement.kind.value}"))
            row.append(with_round(agreement, self.lang))
            row.extend(row_cells[d] for d in details)
            rows.append(tuple(row))
        return Table(tuple(columns), tuple(rows), numeric=frozenset({0}), widths=tuple(widths))

    def agreed(self) -> None:
        self.add(Heading(self.t("minutes.agreed"), 1))
        if not self.agreements:
            self.add(Paragraph(self.t("minutes.nothing_agreed"), quiet=True))
        # Decisions first: they are what a reader looks for; then agreements, actions, parked.
        for kind in (
            AgreementKind.DECISION,
            AgreementKind.AGREEMENT,
            AgreementKind.ACTION,
            AgreementKind.PARKED,
        ):
            of_kind = [a for a in self.agreements if a.kind is kind]
            if of_kind:
                self.add(Heading(self.t(f"ending.kind.{kind.value}"), 2))
                self.add(self._agreement_table(of_kind, with_kind=False))

    # ── the series: what earlier sessions agreed and where it stands ─────────────────────

    def series(self) -> None:
        if self.state.series is None:
            return
        self.add(Heading(self.t("minutes.earlier"), 1))
        still_open = [e for e in self.earlier if e.still_open]
        reviewed = [e for e in self.earlier if e.reviewed_here]
        if not still_open:
            self.add(Paragraph(self.t("minutes.earlier_none"), quiet=True))
        else:
            self.add(self._earlier_table(still_open))
        if reviewed:
            self.add(Heading(self.t("minutes.reviewed"), 2))
            self.add(self._earlier_table(reviewed))

    def _earlier_table(self, earlier: Iterable[EarlierAgreement]) -> Table:
        rows = tuple(
            (
                str(e.number),
                e.text + (f"\n{e.note}" if e.note else ""),
                e.owner_name,
                self.day(e.deadline, self.lang) if e.deadline else "",
                Span(self.t(f"minutes.status.{e.status.value}"), strong=True),
                self.day(e.held_on, self.lang),
            )
            for e in earlier
        )
        return Table(
            (
                self.t("ending.col.number"),
                self.t("ending.col.text"),
                self.t("ending.col.owner"),
                self.t("ending.col.deadline"),
                self.t("minutes.col.status"),
                self.t("minutes.col.from"),
            ),
            rows,
            numeric=frozenset({0}),
            widths=(NUMBER_WIDTH, REST, 32, 25, 22, 25),
        )

    # ── the evaluation ───────────────────────────────────────────────────────────────────

    def evaluation(self) -> None:
        self.add(Heading(self.t("minutes.evaluation"), 1))
        evaluation = self.state.evaluation
        if evaluation is None:
            self.add(Paragraph(self.t("minutes.no_evaluation"), quiet=True))
            return
        for key, answer in (
            ("minutes.went_well", evaluation.went_well),
            ("minutes.next_step", evaluation.next_step),
        ):
            if answer:
                self.add(Paragraph((Span(self.t(key), strong=True), Span(answer))))
        average = average_score(self.state, self.lang)
        if average is not None:
            self.add(Paragraph(average))


def build_minutes(
    state: SessionState,
    lang: Language | None = None,
    earlier: Sequence[EarlierAgreement] = (),
) -> Document:
    """The minutes of `state` in `lang` (the session's own language when None).

    `earlier` holds the agreements of the series' earlier sessions, with their status as of this
    session; it is read from the archive by the caller, so building stays a pure function.
    """
    lang = lang or state.language
    writer = _Writer(state, lang, earlier)
    writer.facts()
    writer.people()
    writer.agenda()
    writer.steps()
    start = len(writer.blocks)
    writer.agreed()
    writer.series()
    actions = tuple(writer.blocks[start:])
    writer.evaluation()
    writer.add(
        Paragraph(
            tr(lang, "minutes.colophon", version=__version__, session=state.session_id),
            quiet=True,
        )
    )
    day = spoken_date(meeting_date(state), lang)
    kind = tr(lang, "minutes.kind")
    return Document(
        lang=lang,
        title=state.title,
        subtitle=f"{kind} · {day}",
        header=f"{state.title} · {day}",
        page_label=tr(lang, "minutes.page", page="{page}", pages="{pages}"),
        properties=Properties(
            title=state.title,
            author=state.facilitator,
            subject=kind,
            language=LANGUAGE_TAGS[lang],
            created=state.opened_at.astimezone(UTC),
            keywords=", ".join(chain(["wyber"], [state.series.name] if state.series else [])),
        ),
        blocks=tuple(writer.blocks),
        actions=actions,
    )
