"""An agreement's consent in words: its state, and its rounds by name, for the summary, the
minutes and the round dialog alike (so they can never tell the round differently).

A round is shown as who consented, who stood aside and who objected, in their words, with how
each objection was resolved, each name with the mandate it answered with. When the text changed
after people had answered, the earlier round and the text it was on come first.
"""

from dataclasses import dataclass

from tui.wyber.events import ConsentAnswer, Resolution
from tui.wyber.i18n import Language, tr
from tui.wyber.state import Agreement, Answer, ConsentRound, ConsentState

# An objection withdrawn or met by an amended proposal no longer stands in the way.
SETTLED = frozenset({Resolution.WITHDRAWN, Resolution.AMENDED})


@dataclass(frozen=True, slots=True)
class ConsentLine:
    text: str
    alert: bool = False  # an objection still open or standing: the reader must see it
    heading: bool = False  # "Round 2:", above the lines of that round


def consent_label(agreement: Agreement, lang: Language) -> str:
    """The agreement's consent in a word or two ("✔ consent"); empty when nobody answered yet.
    An older session's room-wide objections are shown here in their words: they had no round."""
    state, legacy = agreement.consent_state, agreement.consent
    if state is ConsentState.OPEN and not agreement.round.answers:
        return ""
    if legacy is not None and not legacy.given and not agreement.round.answers:
        return tr(lang, "consent.line.legacy_objections", objections=legacy.objections)
    return tr(lang, f"consent.state.{state.value}")


def mandate_words(mandate: str | None, lang: Language) -> str:
    """A mandate in full, as Prepare, the summary's list of who was there and the minutes say
    it ("raadpleegt eerst de achterban"); empty when it was not said."""
    return tr(lang, f"design.mandate.{mandate}") if mandate is not None else ""


def person(name: str, mandate: str | None, lang: Language) -> str:
    """A name with its mandate at the table: "Anna (may decide)"; the name alone when unknown."""
    if mandate is None:
        return name
    return f"{name} ({tr(lang, f'consent.mandate.{mandate}')})"


def named(answer: Answer, lang: Language) -> str:
    """Who answered, with the mandate they answered with."""
    return person(answer.name, answer.mandate, lang)


def resolution_words(answer: Answer, lang: Language) -> str:
    if answer.resolution is None:
        return tr(lang, "consent.resolution.open")
    return tr(lang, f"consent.resolution.{answer.resolution.value}")


def _round_lines(r: ConsentRound, lang: Language) -> list[ConsentLine]:
    answers = [a for a in r.answers.values() if a.counts]
    lines = []
    for kind, key in ((ConsentAnswer.CONSENT, "consented"), (ConsentAnswer.ASIDE, "aside")):
        names = [named(a, lang) for a in answers if a.answer is kind]
        if names:
            lines.append(ConsentLine(tr(lang, f"consent.line.{key}", names=", ".join(names))))
    for a in answers:
        if a.answer is ConsentAnswer.OBJECTION:
            words = tr(
                lang,
                "consent.line.objection",
                name=named(a, lang),
                objection=a.objection,
                resolution=resolution_words(a, lang),
            )
            lines.append(ConsentLine(words, alert=a.resolution not in SETTLED))
    # Kept as recorded, but apart: an observer has no vote (an older round could ask them).
    observers = [
        f"{a.name}: {a.objection}" if a.objection else a.name
        for a in r.answers.values()
        if not a.counts
    ]
    if observers:
        lines.append(ConsentLine(tr(lang, "tester.consent.observers", names=", ".join(observers))))
    return lines


def consent_lines(
    agreement: Agreement, lang: Language, *, rounds: int | None = None
) -> list[ConsentLine]:
    """Every round of the agreement by name (or its first `rounds`), oldest first, with the text
    changes between them (an older session's room-wide note has no round: its label says it)."""
    lines: list[ConsentLine] = []
    several = len(agreement.rounds) > 1
    for number, r in enumerate(agreement.rounds[:rounds], 1):
        shown = _round_lines(r, lang)
        if several and shown:
            lines.append(ConsentLine(tr(lang, "consent.line.round", number=number), heading=True))
        lines.extend(shown)
        if number <= len(agreement.history):
            text = agreement.history[number - 1].previous_text
            lines.append(ConsentLine(tr(lang, "consent.line.reopened", text=text)))
    return lines
