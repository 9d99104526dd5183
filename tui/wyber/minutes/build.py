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

from babel.numbers import format_decimal

from tui import __version__
from tui.wyber.consent import consent_label, consent_lines, consent_state, mandate_words
from tui.wyber.dates import compact_date, spoken_date
from tui.wyber.events import AgreementKind, ConsentAnswer, Resolution
from tui.wyber.figures import (
    BABEL_LOCALES,
    MovementTime,
    StepTime,
    actual_minutes,
    agreement_facts,
    average_score,
    clock_time,
    meeting_date,
    movement_times,
    signed,
    step_times,
    time_notes,
)
from tui.wyber.i18n import Language, tr
from tui.wyber.minutes import charts
from tui.wyber.minutes.content import (
    Block,
    Bullets,
    Document,
    Facts,
    Heading,
    Inline,
    Paragraph,
    Picture,
    Properties,
    Span,
    Table,
    table,
)
from tui.wyber.owners import owner_lines
from tui.wyber.presence import presence_notes, was_there
from tui.wyber.ranking import (
    SCORE_WORDS,
    ScoreSummary,
    Target,
    place_text,
    places,
    score_summary,
    score_text,
    step_ranking,
    step_score_top,
)
from tui.wyber.review_time import ReviewTime, review_time
from tui.wyber.series import Around, EarlierAgreement
from tui.wyber.state import (
    Agreement,
    Cluster,
    ConsentState,
    Evaluation,
    Idea,
    Participant,
    SessionState,
    mandate_of,
)


def conclusions(evaluation: Evaluation) -> bool:
    """Whether an evaluation says anything in words (not only scores)."""
    return bool(evaluation.went_well or evaluation.could_be_better or evaluation.next_step)


def _by_owner_then_deadline(agreement: Agreement) -> tuple[bool, str, bool, date, int]:
    """Actions of one owner together (no owner last), each owner's by deadline (none last)."""
    return (
        not agreement.owner_name,
        agreement.owner_name.casefold(),
        agreement.deadline is None,
        agreement.deadline or date.max,
        agreement.number,
    )


LANGUAGE_TAGS: dict[Language, str] = {"nl": "nl-NL", "en": "en-GB"}
# An agreement's details, in the order the tables show them.
DETAILS = ("owner", "deadline", "field", "consent")
CHART_MM = 150


def round_paragraph(agreement: Agreement, lang: Language) -> Paragraph | None:
    """An agreement's consent round by name, as a paragraph of its own under the table: who
    consented, who stood aside, each objection in its words and how it was resolved, with each
    one's mandate. In the table's "What" cell it ran 25 lines down a narrow column."""
    lines = consent_lines(agreement, lang)
    if not lines:
        return None
    label = Span(tr(lang, "traject.round_of", number=agreement.number), strong=True)
    return Paragraph(
        (
            label,
            *(Span("\n" + line.text, strong=line.heading, alert=line.alert) for line in lines),
        ),
        whole=True,
    )


class _Writer:
    """Builds the blocks of one session's minutes in one language."""

    def __init__(
        self,
        state: SessionState,
        lang: Language,
        earlier: Sequence[EarlierAgreement],
        neighbours: Around,
    ) -> None:
        self.state = state
        self.lang = lang
        self.earlier = earlier
        self.neighbours = neighbours
        self.blocks: list[Block] = []
        # Grouped once: a session of 10,000 ideas must not scan every idea per step or cluster.
        self.ideas_by_step: dict[int, list[Idea]] = defaultdict(list)
        self.ideas_by_cluster: dict[str, list[Idea]] = defaultdict(list)
        # By number: an idea removed and restored is listed in its place, as the board shows it.
        for idea in sorted(state.ideas.values(), key=lambda i: (i.step, i.number)):
            self.ideas_by_step[idea.step].append(idea)
            if idea.cluster_id is not None:
                self.ideas_by_cluster[idea.cluster_id].append(idea)
        self.clusters_by_step: dict[int, list[Cluster]] = defaultdict(list)
        for cluster in state.clusters.values():
            self.clusters_by_step[cluster.step].append(cluster)
        self.agreements = sorted(state.agreements.values(), key=lambda a: a.number)
        self.numbers_explained = False
        # The previous evaluation's blocks once written: not part of the e-mail's body.
        self.previous_blocks: list[Block] = []

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
        nxt = self.neighbours.next_on
        if nxt is not None:
            when = spoken_date(nxt, self.lang)
            if self.neighbours.next_place:
                when = self.t(
                    "traject.next_meeting_at", date=when, place=self.neighbours.next_place
                )
            lines.append((self.t("traject.next_meeting"), when))
        self.add(Facts(tuple(lines)))

    def people(self) -> None:
        self.add(Heading(self.t("minutes.people"), 1))
        people = list(self.state.participants.values())
        if not people:
            self.add(Paragraph(self.t("minutes.nobody"), quiet=True))
            return
        for key, group in (
            ("minutes.present", [p for p in people if was_there(p)]),
            ("minutes.absent", [p for p in people if not was_there(p)]),
        ):
            if group:
                self.add(Paragraph(Span(self.t(key, count=len(group)), strong=True)))
                self.add(self._people_table(group))
        moved = tuple((self.t(key), who) for key, who in presence_notes(self.state))
        if moved:
            self.add(Facts(moved))

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
                row.append(mandate_words(mandate_of(p), self.lang))
            rows.append(tuple(row))
        return Table(tuple(columns), tuple(rows), grow=frozenset(range(len(columns))))

    # ── the agenda: planned against actual time ──────────────────────────────────────────

    def agenda(self) -> None:
        self.add(Heading(self.t("minutes.agenda"), 1))
        times = step_times(self.state, self.state.last_t)
        movements = movement_times(self.state, self.state.last_t)
        review = review_time(self.state, self.state.last_t)
        # "Planned" is the plan's minutes; what was added (extend) or taken (rebalance) during
        # the meeting has a column of its own, there only when some box was changed, so an
        # overrun that the group agreed to reads as such and the plan is not rewritten.
        adjusted = any(step.adjusted for step in times) or any(
            part.adjusted for parts in movements.values() for part in parts
        )
        rows: list[tuple[Inline, ...]] = []
        if review is not None:  # held before the first step, with a time box of its own
            rows.append(("", self.t("table2.review.time_row"), *self._minutes(review, adjusted)))
        for step in times:
            rows.append((str(step.index + 1), step.title, *self._minutes(step, adjusted)))
            parts = movements.get(step.index, [])
            if len(parts) > 1:  # one movement's times are the step's: said once
                for part in parts:
                    label = self.t(f"run.movement.{part.movement.value}")
                    rows.append(("", Span(f"\u2003{label}"), *self._minutes(part, adjusted)))
        planned = sum(step.planned for step in times) + (review.planned if review else 0)
        actual_total = actual_minutes(self.state, self.state.last_t)
        added = sum(step.adjusted for step in times)
        columns = [
            self.t("conv2.minutes.col.step_number"),
            self.t("conv2.minutes.col.step_title"),
            self.t("ending.time.col.planned"),
            self.t("minutes.time.col.adjusted"),
            self.t("ending.time.col.actual"),
            self.t("ending.time.col.difference"),
        ]
        footer: list[Inline] = [
            "",
            self.t("ending.time.total"),
            str(planned),
            signed(added) if added else "",
            str(actual_total),
            Span(signed(actual_total - planned), alert=actual_total > planned),
        ]
        if not adjusted:
            del columns[3], footer[3]
        self.add(
            Table(
                tuple(columns),
                tuple(rows),
                numeric=frozenset(range(len(columns))) - {1},
                grow=frozenset({1}),
                footer=tuple(footer),
            )
        )
        if adjusted:
            self.add(Paragraph(self.t("minutes.time.adjusted_note"), quiet=True))
        for note in time_notes(self.state, self.lang):
            self.add(Paragraph(note, quiet=True))
        reached = [(s.title, s.planned, s.actual if s.reached else None) for s in times]
        if review is not None:  # a row of the table above, so a row of its picture too
            reached.insert(0, (self.t("table2.review.time_row"), review.planned, review.actual))
        if any(actual for _, _, actual in reached):
            legend = (self.t("traject.legend.planned"), self.t("traject.legend.actual"))
            self.add(
                Picture(charts.timeline(reached, legend), CHART_MM, self.t("traject.chart.time"))
            )

    def _minutes(
        self, part: StepTime | MovementTime | ReviewTime, adjusted: bool
    ) -> tuple[Inline, ...]:
        """Planned, (with `adjusted`) the minutes added or taken during the meeting, actual and
        the difference against the plan (red when over) of a step, a movement or the review."""
        change: tuple[Inline, ...] = ()
        if adjusted:
            minutes = part.adjusted if isinstance(part, StepTime | MovementTime) else 0
            change = (signed(minutes) if minutes else "",)
        if not part.reached:
            return str(part.planned), *change, self.t("ending.time.not_reached"), ""
        difference = Span(signed(part.difference), alert=part.difference > 0)
        return str(part.planned), *change, str(part.actual), (difference,)

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
            # Who passed their turn in a go-around, each once, in the order they first passed.
            passed = list(dict.fromkeys(p.name for p in self.state.passes if p.step == index))
            if not ideas and not agreements and not passed:
                self.add(Paragraph(self.t("minutes.step_empty"), quiet=True))
                continue
            if ideas:
                self._ideas(index, ideas)
                self._tallies(index)
            if passed:
                names = ", ".join(passed)
                self.add(Paragraph(self.t("converge2.minutes.passed", names=names), quiet=True))
            if agreements:  # the agreements themselves are listed once, where people look
                numbers = ", ".join(str(a.number) for a in agreements)
                chapter = self.t("minutes.agreed")
                note = self.t("conv2.minutes.step_recorded", numbers=numbers, chapter=chapter)
                self.add(Paragraph(note, quiet=True))

    def _idea_item(self, idea: Idea) -> Inline:
        """An idea with the number the board gave it, so the minutes and the room agree on
        which "number 4" is meant."""
        author = (Span(f" — {idea.author_name}"),) if idea.author_name else ()
        return (Span(f"{idea.number}. "), Span(idea.text), *author)

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

    def _tallies(self, step: int) -> None:
        ranked = [
            target
            for target in step_ranking(self.state, step)
            if target.dots or target.score or target.selected
        ]
        if not ranked:
            return
        top = step_score_top(self.state.plan.steps[step])
        summaries = [score_summary(target, top) for target in ranked]
        standing = places(ranked)
        rows: list[tuple[Inline, ...]] = []
        for target, summary in zip(ranked, summaries, strict=True):
            place = place_text(standing[target.id], self.lang) if target.id in standing else ""
            rows.append(
                (
                    place,
                    self._numbers(target),
                    Span(target.label, strong=target.is_cluster),
                    *self._votes(target, summary),
                )
            )
            # A cluster's ideas that were voted on follow it, so its figure can be read back.
            rows += [
                (
                    "",
                    self._numbers(member),
                    f"– {member.label}",
                    *self._votes(member, score_summary(member, top)),
                )
                for member in target.members
                if member.dots or member.scored or member.selected
            ]
        self.add(Heading(self.t("minutes.votes"), 3))
        votes = table(
            (
                self.t("conv2.minutes.col.place"),
                self.t("conv2.minutes.col.idea_number"),
                self.t("minutes.col.item"),
                self.t("minutes.col.dots"),
                self.t("minutes.col.score"),
                self.t("minutes.col.selected"),
            ),
            tuple(rows),
            numeric={0, 1, 3, 4},
            grow={2},
            keep={0, 1, 2},
        )
        self.add(votes)
        if not self.numbers_explained:  # once: the first votes table says what "No." is
            self.numbers_explained = True
            self.add(Paragraph(self.t("conv2.minutes.number_note"), quiet=True))
        scored = any(summaries)
        if scored:
            self.add(Paragraph(self.t("traject.score_note"), quiet=True))
        dotted = any(target.dots for target in ranked)
        if dotted or scored:
            self._votes_chart(ranked, summaries, top, dotted=dotted, scored=scored)

    def _numbers(self, target: Target) -> str:
        """The own number of an idea in the votes, as its bullet above and the board give it;
        for a cluster, those of its ideas."""
        if target.number is not None:
            return str(target.number)
        return ", ".join(str(idea.number) for idea in self.ideas_by_cluster.get(target.id, []))

    def _votes(self, target: Target, summary: ScoreSummary | None) -> tuple[str, str, str]:
        """A row's dots, score and whether it was chosen."""
        chosen = self.t("minutes.selected") if target.selected else ""
        return (str(target.dots) if target.dots else "", self._score(summary), chosen)

    def _score(self, summary: ScoreSummary | None) -> str:
        return "" if summary is None else score_text(summary, self.lang, key=SCORE_WORDS)

    def _votes_chart(
        self,
        ranked: Sequence[Target],
        summaries: Sequence[ScoreSummary | None],
        top: int,
        *,
        dotted: bool,
        scored: bool,
    ) -> None:
        most_dots = max(target.dots for target in ranked)
        tops: list[float] = []
        colours: list[tuple[int, int, int]] = []
        legend: list[str] = []
        if dotted:
            tops.append(most_dots)
            colours.append(charts.DOTS)
            legend.append(self.t("traject.legend.dots"))
        if scored:
            tops.append(top)
            colours.append(charts.SCORE)
            legend.append(self.t("traject.legend.score", top=top))
        rows = []
        for target, summary in zip(ranked, summaries, strict=True):
            values: list[float | None] = [target.dots or None] if dotted else []
            if scored:
                values.append(summary.average if summary else None)
            rows.append(charts.Bar(target.label, tuple(values)))
        locale = BABEL_LOCALES[self.lang]
        png = charts.bars(
            rows, tops, colours, legend, lambda v: format_decimal(v, "0.#", locale=locale)
        )
        # The caption names what the chart shows: "Stippen en scores" stood over scores alone.
        shown = "dots_scores" if dotted and scored else "dots" if dotted else "scores"
        self.add(Picture(png, CHART_MM, self.t(f"tester.chart.{shown}")))

    # ── the lists people act on ──────────────────────────────────────────────────────────

    def _consent(self, agreement: Agreement) -> Inline:
        """The consent column's cell: the outcome in a few words, the round itself is in the
        paragraph under the table. Under the heading "Instemming" a given consent is said
        "✔ gegeven", where "✔ instemming" repeated the heading; one given after an objection
        says how that objection was settled."""
        state = consent_state(agreement, self.state)
        if state is ConsentState.GIVEN:
            settled = {
                answer.resolution
                for r in agreement.rounds
                for answer in r.answers.values()
                if answer.counts and answer.answer is ConsentAnswer.OBJECTION
            }
            for resolution in (Resolution.AMENDED, Resolution.WITHDRAWN):
                if resolution in settled:
                    return self.t(f"traject.consent.{resolution.value}")
            return self.t("tester.consent.given")
        label = consent_label(agreement, self.state, self.lang)
        return Span(label, alert=state is ConsentState.OBJECTED)

    def _agreement_table(self, agreements: Sequence[Agreement]) -> Table:
        """Number, text and the details some row has (owner, deadline, field, consent)."""
        cells = [
            {
                **agreement_facts(a, self.lang, self.day),
                "owner": owner_lines(a.owner_name),
                "consent": self._consent(a),
            }
            for a in agreements
        ]
        owner_key = (
            "ending.col.action_owner"
            if all(a.kind is AgreementKind.ACTION for a in agreements)
            else "ending.col.owner"
        )
        columns = [self.t("ending.col.number"), self.t("ending.col.text")]
        columns += [
            self.t(owner_key if detail == "owner" else f"ending.col.{detail}") for detail in DETAILS
        ]
        rows = [
            (
                str(agreement.number),
                agreement.text,
                *(row_cells[d] for d in DETAILS),
            )
            for agreement, row_cells in zip(agreements, cells, strict=True)
        ]
        # The text gets the room: the consent column holds an outcome in a few words.
        return table(columns, rows, numeric={0}, grow={1}, keep={0, 1})

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
                if kind is AgreementKind.ACTION:  # what each person has to do, together
                    of_kind.sort(key=_by_owner_then_deadline)
                self.add(self._agreement_table(of_kind))
                # Each round once, under its table, in the order of the table's rows.
                self.add(*filter(None, (round_paragraph(a, self.lang) for a in of_kind)))

    # ── the series: what earlier sessions agreed and where it stands ─────────────────────

    def series(self) -> None:
        if self.state.series is None:
            return
        self.add(Heading(self.t("minutes.earlier"), 1))
        # The meeting opened with the previous session's conclusions, then reviewed what it
        # agreed: the minutes keep that order (after this session's own evaluation it read
        # as the end of this meeting, not as where it began).
        self.previous()
        if self.neighbours.first and not self.earlier:
            self.add(Paragraph(self.t("traject.first_session"), quiet=True))
            return
        # Each once: what this session reviewed (with its new status), then what stays open.
        reviewed = [e for e in self.earlier if e.reviewed_here]
        still_open = [e for e in self.earlier if e.still_open and not e.reviewed_here]
        if reviewed:
            self.add(Heading(self.t("minutes.reviewed"), 2))
            self.add(self._earlier_table(reviewed))
        if still_open:
            if reviewed:
                self.add(Heading(self.t("traject.earlier_open"), 2))
            self.add(self._earlier_table(still_open))
        if not reviewed and not still_open:
            self.add(Paragraph(self.t("minutes.earlier_none"), quiet=True))

    def _earlier_table(self, earlier: Iterable[EarlierAgreement]) -> Table:
        rows = tuple(
            (
                str(e.number),
                # The note on a line of its own, named: after the text it read on as one
                # sentence ("…accu's op Dewi sluit aan…").
                e.text + ("\n" + self.t("tester.review_note", note=e.note) if e.note else ""),
                owner_lines(e.owner_name),
                self.day(e.deadline, self.lang) if e.deadline else "",
                Span(self.t(f"minutes.status.{e.status.value}"), strong=True),
                self.day(e.held_on, self.lang),
            )
            for e in earlier
        )
        return table(
            (
                self.t("ending.col.number"),
                self.t("ending.col.text"),
                self.t("ending.col.owner"),
                self.t("ending.col.deadline"),
                self.t("minutes.col.status"),
                self.t("minutes.col.from"),
            ),
            rows,
            numeric={0},
            grow={1},
            keep={0, 1, 4, 5},
        )

    # ── the evaluation ───────────────────────────────────────────────────────────────────

    def evaluation(self) -> None:
        self.add(Heading(self.t("minutes.evaluation"), 1))
        evaluation = self.state.evaluation
        if evaluation is None:
            self.add(Paragraph(self.t("minutes.no_evaluation"), quiet=True))
            return
        self._conclusions(evaluation)
        average = average_score(self.state, self.lang)
        if average is not None:
            self.add(Paragraph(average))

    def _conclusions(self, evaluation: Evaluation) -> None:
        for key, answer in (
            ("minutes.went_well", evaluation.went_well),
            ("traject.could_be_better", evaluation.could_be_better),
            ("minutes.next_step", evaluation.next_step),
        ):
            if answer:
                self.add(Paragraph((Span(self.t(key), strong=True), Span(answer))))

    def previous(self) -> None:
        """The previous session's evaluation, which this session started from: once, at the
        head of the series' chapter (a session outside a series has it after its own)."""
        evaluation, day = self.neighbours.previous, self.neighbours.previous_on
        if evaluation is None or day is None or not conclusions(evaluation):
            return
        start = len(self.blocks)
        self.add(Heading(self.t("traject.previous", date=spoken_date(day, self.lang)), 2))
        self._conclusions(evaluation)
        self.previous_blocks = self.blocks[start:]

    # ── who gets the minutes ─────────────────────────────────────────────────────────────

    def distribution(self) -> None:
        people = list(self.state.participants.values())
        if not people:
            return
        self.add(Heading(self.t("traject.distribution"), 1))
        rows = [
            (
                p.name,
                p.email.strip() or Span(self.t("traject.no_address"), alert=True),
            )
            for p in people
        ]
        self.add(
            Table(
                (self.t("minutes.col.name"), self.t("traject.col.address")),
                tuple(rows),
                grow=frozenset({0, 1}),
            )
        )


def build_minutes(
    state: SessionState,
    lang: Language | None = None,
    earlier: Sequence[EarlierAgreement] = (),
    neighbours: Around | None = None,
) -> Document:
    """The minutes of `state` in `lang` (the session's own language when None).

    `earlier` holds the agreements of the series' earlier sessions, with their status as of this
    session, and `neighbours` what the sessions around it say (the previous evaluation, the
    next meeting); both are read from the archive by the caller, so building stays a pure
    function. Without `neighbours` a session of a series with no `earlier` agreements is the
    series' first.
    """
    lang = lang or state.language
    writer = _Writer(state, lang, earlier, neighbours or Around())
    writer.facts()
    writer.people()
    writer.agenda()
    writer.steps()
    start = len(writer.blocks)
    writer.agreed()
    writer.series()
    shown = {id(block) for block in writer.previous_blocks}
    actions = tuple(block for block in writer.blocks[start:] if id(block) not in shown)
    writer.evaluation()
    if state.series is None:  # no chapter of the series to open with it
        writer.previous()
    writer.distribution()
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
