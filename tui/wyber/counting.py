"""What wyber counts, one definition for every place that shows a count.

"Agreements" (afspraken) are what the group holds after the meeting: agreements, decisions and
actions. Parked items are not held, so they are counted apart. Home, History, `wyber list`, the
series overview, the replay and the summary all count with `agreed` and say it with `phrase`:
before, Home said 3, `wyber list` 4 (parked included) and the summary "1 afspraken" (plain
agreements only) for one session.
"""

from collections.abc import Iterable, Mapping
from typing import Literal

from babel.lists import format_list

from tui.wyber.events import AgreementKind
from tui.wyber.i18n import Language, tr

Noun = Literal["idea", "cluster", "agreement", "decision", "action", "parked"]
HELD = (AgreementKind.AGREEMENT, AgreementKind.DECISION, AgreementKind.ACTION)
_NOUN_OF_KIND: dict[AgreementKind, Noun] = {
    AgreementKind.AGREEMENT: "agreement",
    AgreementKind.DECISION: "decision",
    AgreementKind.ACTION: "action",
    AgreementKind.PARKED: "parked",
}
_LIST_LOCALES: dict[Language, str] = {"nl": "nl_NL", "en": "en_GB"}


def by_kind(kinds: Iterable[AgreementKind]) -> dict[AgreementKind, int]:
    """How many of each kind, every kind named (0 where there is none)."""
    counted = dict.fromkeys(AgreementKind, 0)
    for kind in kinds:
        counted[kind] += 1
    return counted


def agreed(counted: Mapping[AgreementKind, int]) -> int:
    """The agreements: agreements, decisions and actions (not the parked items)."""
    return sum(counted[kind] for kind in HELD)


def how_many(lang: Language, noun: Noun, count: int) -> str:
    """A count with its noun in the right form: "1 afspraak", "2 afspraken", "1 idea"."""
    form = "one" if count == 1 else "other"
    return tr(lang, f"table2.noun.{noun}.{form}", count=count)


def of_which(counted: Mapping[AgreementKind, int], lang: Language) -> str:
    """The decisions and actions among the agreements: "waarvan 1 besluit en 2 acties"; "" when
    there are none."""
    parts = [
        how_many(lang, _NOUN_OF_KIND[kind], counted[kind])
        for kind in (AgreementKind.DECISION, AgreementKind.ACTION)
        if counted[kind]
    ]
    if not parts:
        return ""
    return tr(lang, "table2.of_which", parts=format_list(parts, locale=_LIST_LOCALES[lang]))


def phrase(counted: Mapping[AgreementKind, int], lang: Language) -> str:
    """The agreements as said: "4 afspraken (waarvan 1 besluit en 2 acties)", "1 afspraak"."""
    total = how_many(lang, "agreement", agreed(counted))
    among = of_which(counted, lang)
    return tr(lang, "table2.agreed_of_which", total=total, of_which=among) if among else total
