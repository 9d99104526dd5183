"""Before the next session of a series: an e-mail draft for each participant, ready to send.

A process guide calls (or mails) every participant a week ahead to check the agreements. Each
draft (.eml, as the minutes' draft) is addressed to one participant of the series, in the series'
language, and holds their own open actions with deadlines, and the agreements the group will
check. People are the same person across sessions by their name (a participant's id belongs to
one session); the address is the latest one given. Someone without an address gets no draft,
and is named, so the facilitator can call them instead.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from tui.wyber.dates import compact_date, spoken_date
from tui.wyber.events import AgreementKind
from tui.wyber.figures import meeting_date
from tui.wyber.i18n import Language, tr
from tui.wyber.minutes.export import safe_title
from tui.wyber.minutes.mail import draft, recipients
from tui.wyber.owners import owner_names
from tui.wyber.series import EarlierAgreement, earlier_agreements
from tui.wyber.state import Participant, SessionState


@dataclass(frozen=True, slots=True)
class Reminder:
    """One participant's draft: to whom, the file name it is saved under, and its bytes."""

    person: Participant
    file_name: str
    eml: bytes


@dataclass(frozen=True, slots=True)
class Reminders:
    drafts: list[Reminder]
    without_address: list[str]  # the names of those who get no draft


def people(sessions: Sequence[SessionState]) -> list[Participant]:
    """Everyone of the series once, by name, with the latest e-mail address given."""
    found: dict[str, Participant] = {}
    for session in sessions:
        for person in session.participants.values():
            key = person.name.casefold()
            earlier = found.get(key)
            if earlier is None or person.email.strip():
                found[key] = person
    return list(found.values())


def next_session(sessions: Sequence[SessionState]) -> SessionState | None:
    """The prepared session that has not started yet, if the series has one."""
    waiting = [s for s in sessions if s.started_t is None and not s.finished]
    return waiting[-1] if waiting else None


def _line(item: EarlierAgreement, lang: Language) -> str:
    parts = [f"{item.number}. {item.text}"]
    if item.owner_name:
        parts.append(item.owner_name)
    if item.deadline:
        parts.append(tr(lang, "traject.remind.due", date=compact_date(item.deadline, lang)))
    status = tr(lang, f"minutes.status.{item.status.value}")
    return " · ".join(parts) + f" ({status})"


def remind(name: str, sessions: Sequence[SessionState], now: datetime) -> Reminders:
    """The drafts for the series `name`, whose `sessions` (at least one) are in order."""
    lang = sessions[-1].language
    coming = next_session(sessions)
    held = [s for s in sessions if s is not coming]
    still_open = [item for item in earlier_agreements(held) if item.still_open]
    to_check = [item for item in still_open if item.kind is not AgreementKind.ACTION]
    facilitator = sessions[-1].facilitator
    when = spoken_date(meeting_date(coming), lang) if coming is not None else ""
    day = f"{(meeting_date(coming) if coming else now.date()):%Y-%m-%d}"
    drafts, without = [], []
    for person in people(sessions):
        addresses = recipients([person])
        if not addresses:
            without.append(person.name)
            continue
        mine = [
            item
            for item in still_open
            if item.kind is AgreementKind.ACTION
            and person.name.casefold() in {n.casefold() for n in owner_names(item.owner_name)}
        ]
        body = _body(person, name, when, mine, to_check, facilitator, lang)
        subject_key = "traject.remind.subject_on" if when else "traject.remind.subject"
        file_word = tr(lang, "traject.remind.file_word")
        drafts.append(
            Reminder(
                person,
                f"{day} {safe_title(name)} {file_word} {safe_title(person.name)}.eml",
                draft(
                    to=addresses,
                    subject=tr(lang, subject_key, series=name, date=when),
                    body=body,
                    when=now,
                ),
            )
        )
    return Reminders(drafts, without)


def _body(
    person: Participant,
    name: str,
    when: str,
    mine: Sequence[EarlierAgreement],
    to_check: Sequence[EarlierAgreement],
    facilitator: str,
    lang: Language,
) -> str:
    def t(key: str, **params: object) -> str:
        return tr(lang, key, **params)

    intro = "traject.remind.intro_on" if when else "traject.remind.intro"
    lines = [t("traject.remind.greeting", name=person.name), "", t(intro, series=name, date=when)]
    lines += ["", t("traject.remind.yours")]
    lines += [f"- {_line(item, lang)}" for item in mine] or [t("traject.remind.none_yours")]
    lines += ["", t("traject.remind.check")]
    lines += [f"- {_line(item, lang)}" for item in to_check] or [t("traject.remind.none_check")]
    lines += ["", t("traject.remind.closing"), "", t("traject.remind.regards")]
    if facilitator:
        lines.append(facilitator)
    return "\n".join(lines) + "\n"
