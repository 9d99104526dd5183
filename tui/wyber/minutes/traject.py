"""The traject's besluitenlijst and actielijst: a whole series in one document (Word, Markdown).

Every decision, agreement, action and parked item of the series, numbered on as the sessions
numbered them, with owner, deadline, where it stands and how it got there (the reviews of later
sessions, by date); then each session's date, who was there and its evaluation. Built from the
folded sessions, so it is as pure as the minutes of one session.
"""

from collections.abc import Sequence
from datetime import UTC, date

from tui import __version__
from tui.wyber.dates import compact_date, spoken_date
from tui.wyber.events import AgreementKind
from tui.wyber.figures import average_score, meeting_date
from tui.wyber.i18n import Language, tr
from tui.wyber.minutes.build import LANGUAGE_TAGS
from tui.wyber.minutes.columns import NO_BREAK
from tui.wyber.minutes.content import (
    Block,
    Document,
    Facts,
    Heading,
    Inline,
    Paragraph,
    Properties,
    Span,
    table,
)
from tui.wyber.owners import owner_lines
from tui.wyber.presence import presence_notes, was_there
from tui.wyber.series import EarlierAgreement, earlier_agreements
from tui.wyber.state import SessionState

KINDS = (AgreementKind.AGREEMENT, AgreementKind.ACTION, AgreementKind.PARKED)


class _SeriesWriter:
    def __init__(self, name: str, sessions: Sequence[SessionState], lang: Language) -> None:
        self.name = name
        self.sessions = sessions
        self.lang = lang
        self.blocks: list[Block] = []
        self.running = earlier_agreements(sessions)

    def t(self, key: str, /, **params: object) -> str:
        return tr(self.lang, key, **params)

    def day(self, session: SessionState) -> str:
        return compact_date(meeting_date(session), self.lang, with_year=True)

    def facts(self) -> None:
        lines: list[tuple[str, Inline]] = [(self.t("minutes.fact.series"), self.name)]
        goals = [s.series.goal for s in self.sessions if s.series and s.series.goal]
        if goals:
            lines.append((self.t("minutes.fact.series_goal"), goals[-1]))
        if self.sessions:
            span = self.t(
                "traject.list.span",
                count=len(self.sessions),
                first=self.day(self.sessions[0]),
                last=self.day(self.sessions[-1]),
            )
            lines.append((self.t("traject.list.sessions"), span))
        self.blocks.append(Facts(tuple(lines)))

    def decisions(self) -> None:
        self.blocks.append(Heading(self.t("traject.list.decisions"), 1))
        rows = [
            (str(a.number), a.text, owner_lines(a.owner_name), self.day(session))
            for session in self.sessions
            for a in sorted(session.agreements.values(), key=lambda a: a.number)
            if a.kind is AgreementKind.DECISION
        ]
        if not rows:
            self.blocks.append(Paragraph(self.t("traject.list.no_decisions"), quiet=True))
            return
        columns = (
            self.t("ending.col.number"),
            self.t("ending.col.text"),
            self.t("ending.col.owner"),
            self.t("minutes.col.from"),
        )
        self.blocks.append(table(columns, rows, numeric={0}, grow={1}, keep={0, 1, 3}))

    def actions(self) -> None:
        self.blocks.append(Heading(self.t("traject.list.actions"), 1))
        if not self.running:
            self.blocks.append(Paragraph(self.t("series.nothing"), quiet=True))
        for kind in KINDS:
            of_kind = [item for item in self.running if item.kind is kind]
            if not of_kind:
                continue
            self.blocks.append(Heading(self.t(f"ending.kind.{kind.value}"), 2))
            columns = (
                self.t("ending.col.number"),
                self.t("ending.col.text"),
                self.t("ending.col.owner"),
                self.t("ending.col.deadline"),
                self.t("minutes.col.status"),
                self.t("series.col.history"),
            )
            rows = [self._item(item) for item in of_kind]
            self.blocks.append(table(columns, rows, numeric={0}, grow={1, 5}, keep={0, 1, 4, 5}))

    def _item(self, item: EarlierAgreement) -> tuple[Inline, ...]:
        def when(d: date) -> str:
            return compact_date(d, self.lang, with_year=True)

        def whole(d: date) -> str:
            """A date in the history, never broken over two lines ("23 nov / 2026:")."""
            return when(d).replace(" ", NO_BREAK)

        lines = [self.t("series.agreed_on", date=whole(item.held_on))]
        for day, status, note in item.history:
            line = f"{whole(day)}: {self.t(f'minutes.status.{status.value}')}"
            lines.append(line + (f" ({note})" if note else ""))
        return (
            str(item.number),
            item.text,
            owner_lines(item.owner_name),
            when(item.deadline) if item.deadline else "",
            Span(self.t(f"minutes.status.{item.status.value}"), strong=True),
            "\n".join(lines),
        )

    def per_session(self) -> None:
        self.blocks.append(Heading(self.t("traject.list.per_session"), 1))
        for session in self.sessions:
            day = spoken_date(meeting_date(session), self.lang)
            self.blocks.append(Heading(f"{day} · {session.title}", 2))
            people = list(session.participants.values())
            if session.started_t is None:
                # Prepared, not held: its list says who is expected, not who was there.
                self.blocks.append(Paragraph(self.t("traject.list.not_held"), quiet=True))
                if people:
                    expected = self.t("traject.list.on_the_list", count=len(people))
                    names = ", ".join(p.name for p in people)
                    self.blocks.append(Facts(((expected, names),)))
                continue
            present = [p.name for p in people if was_there(p)]
            absent = [p.name for p in people if not was_there(p)]
            lines: list[tuple[str, Inline]] = []
            if present:
                lines.append((self.t("minutes.present", count=len(present)), ", ".join(present)))
            if absent:
                lines.append((self.t("minutes.absent", count=len(absent)), ", ".join(absent)))
            lines += [(self.t(key), who) for key, who in presence_notes(session)]
            evaluation = session.evaluation
            if evaluation is not None:
                for key, answer in (
                    ("minutes.went_well", evaluation.went_well),
                    ("traject.could_be_better", evaluation.could_be_better),
                    ("minutes.next_step", evaluation.next_step),
                ):
                    if answer:
                        lines.append((self.t(key).rstrip(": "), answer))
                average = average_score(session, self.lang)
                if average is not None:
                    lines.append((self.t("minutes.evaluation"), average))
            if lines:
                self.blocks.append(Facts(tuple(lines)))
            else:
                self.blocks.append(Paragraph(self.t("minutes.nobody"), quiet=True))


def build_series(name: str, sessions: Sequence[SessionState], lang: Language) -> Document:
    """The besluitenlijst and actielijst of the series `name`: its `sessions` (at least one),
    in order."""
    writer = _SeriesWriter(name, sessions, lang)
    writer.facts()
    writer.decisions()
    writer.actions()
    writer.per_session()
    writer.blocks.append(
        Paragraph(tr(lang, "traject.list.colophon", version=__version__), quiet=True)
    )
    kind = tr(lang, "traject.list.kind")
    latest = sessions[-1]
    return Document(
        lang=lang,
        title=name,
        subtitle=f"{kind} · {spoken_date(meeting_date(latest), lang)}",
        header=f"{name} · {kind}",
        page_label=tr(lang, "minutes.page", page="{page}", pages="{pages}"),
        properties=Properties(
            title=name,
            author=latest.facilitator,
            subject=kind,
            language=LANGUAGE_TAGS[lang],
            created=latest.opened_at.astimezone(UTC),
            keywords=f"wyber, {name}",
        ),
        blocks=tuple(writer.blocks),
    )
