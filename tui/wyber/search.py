"""Finding a recorded session: the words it holds, a query matched against them, and the period,
series and order the history lists sessions in.

Pure functions. The archive keeps each session's haystack beside its summary in its index
(store.py), computed when the session is read anyway, so searching 1,000 sessions never opens a
session file: it is a substring test on 1,000 short strings.

A haystack is the session's words, once each: its title, series (name and goal), participants
(name and organisation), ideas, clusters and agreements, case-folded ("Café" → "café"), with the
accent-free form of each word that has accents added ("café" → "cafe"). A query matches when each
of its words is part of some word of the session: "cafe" finds "Café", "café" finds "café" (and
not "cafe"), "vries anna" finds Anna de Vries, "batt" finds "batterijen".
"""

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal, get_args

from tui.wyber.errors import UserError
from tui.wyber.series_name import same_series, series_key
from tui.wyber.state import SessionState
from tui.wyber.summary import SessionSummary

# Characters stripped from the ends of a word: "(pilot)," is the word "pilot". Inside a word they
# stay: "e-mail", "9:30", "o'clock".
_EDGES = "\"'`“”‘’„«»‹›()[]{}<>.,;:!?¡¿…-–—/\\|*_#@~^+=&%$"

Order = Literal["newest", "oldest", "title", "duration"]
ORDERS: tuple[Order, ...] = get_args(Order)
Period = Literal["all", "week", "month", "year"]
PERIODS: tuple[Period, ...] = get_args(Period)

NO_SERIES = ""  # the series filter's value for sessions outside any series (a name is never "")


def fold_accents(text: str) -> str:
    """The text without its accents: "ideeën café" → "ideeen cafe"."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


def words(text: str) -> list[str]:
    """The text's words, case-folded, without the punctuation around them."""
    found = []
    for word in text.casefold().split():
        word = word.strip(_EDGES)
        if word:
            found.append(word)
    return found


def haystack_of(texts: Iterable[str]) -> str:
    """The words of `texts`, each once, in the order met, then the accent-free forms of those
    with accents: one string to search with `in`."""
    unique = dict.fromkeys(word for text in texts for word in words(text))
    folded = dict.fromkeys(f for f in map(fold_accents, unique) if f not in unique)
    return " ".join([*unique, *folded])


def haystack(state: SessionState) -> str:
    """What a search looks through in a session."""
    texts = [state.title]
    if state.series is not None:
        texts += [state.series.name, state.series.goal]
    for person in state.participants.values():
        texts += [person.name, person.organisation]
    texts += [idea.text for idea in state.ideas.values()]
    texts += [cluster.name for cluster in state.clusters.values()]
    texts += [agreement.text for agreement in state.agreements.values()]
    return haystack_of(texts)


def terms(query: str) -> list[str]:
    """The words of a typed query, as they are looked for."""
    return words(query)


def matches(query_terms: Sequence[str], hay: str) -> bool:
    """Every word of the query is (part of) a word of the session; no words match everything."""
    return all(term in hay for term in query_terms)


# ── which sessions, in what order ───────────────────────────────────────────────────────────


def opened_on(summary: SessionSummary) -> date:
    """The local day a session was opened: what the history lists and filters by."""
    return summary.opened_at.astimezone().date()


def period_start(period: Period, today: date) -> date | None:
    """The first day of the period that ends today; None for all time."""
    match period:
        case "week":
            return today - timedelta(days=6)  # today and the six days before: seven days
        case "month":
            return today - timedelta(days=29)
        case "year":
            return today.replace(month=1, day=1)
    return None


class SinceNotUnderstood(UserError):
    key = "history.since.invalid"


def parse_since(text: str, today: date) -> date:
    """A day to list sessions from: 2026-11-04, or as a deadline is typed ("4 nov", "4-11-2026",
    "today"). A day without a year is the last such day up to today, not the next one: a since-day
    lies behind, where a deadline lies ahead."""
    typed = text.strip()
    try:
        return date.fromisoformat(typed)
    except ValueError:
        pass
    from tui.wyber.dates import parse_deadline  # Babel loads only when a day is typed

    try:
        day = parse_deadline(typed, today)
    except ValueError:  # DeadlineError, or a date that does not exist
        raise SinceNotUnderstood(text=typed[:40]) from None
    if day > today:
        try:
            day = day.replace(year=day.year - 1)
        except ValueError:  # 29 February
            day = day.replace(year=day.year - 1, day=28)
    return day


@dataclass(frozen=True, slots=True)
class Filter:
    """What the history shows: sessions matching the query, of a series, since a day."""

    query: str = ""
    series: str | None = None  # None: any series or none; NO_SERIES: outside any series
    since: date | None = None

    def admits(self, summary: SessionSummary, hay: str, query_terms: Sequence[str]) -> bool:
        if self.series is not None and not same_series(summary.series, self.series):
            return False
        if self.since is not None and opened_on(summary) < self.since:
            return False
        return matches(query_terms, hay)


def select(
    sessions: Iterable[SessionSummary], haystacks: Mapping[str, str], chosen: Filter
) -> list[SessionSummary]:
    """The sessions the filter admits, in the order given. A session without a haystack (none
    should lack one) is searched by its title."""
    query_terms = terms(chosen.query)
    return [
        s
        for s in sessions
        if chosen.admits(s, haystacks.get(s.id) or haystack_of([s.title]), query_terms)
    ]


def title_key(title: str) -> str:
    return fold_accents(title.casefold())


def in_order(sessions: Iterable[SessionSummary], order: Order) -> list[SessionSummary]:
    """Newest or oldest first, by title (A-Z, accents and case aside), or longest first; the
    newest first among equals."""
    newest = sorted(sessions, key=lambda s: (s.opened_at, s.id), reverse=True)
    match order:
        case "oldest":
            return newest[::-1]
        case "title":
            return sorted(newest, key=lambda s: title_key(s.title))
        case "duration":
            return sorted(newest, key=lambda s: -s.minutes)
    return newest


def series_names(sessions: Iterable[SessionSummary]) -> list[str]:
    """The series the sessions belong to, A-Z; each once, named as its first session wrote it
    (one typed "accuketen zwolle" later is the same series)."""
    first: dict[str, str] = {}
    for s in sorted(sessions, key=lambda s: (s.opened_at, s.id)):
        if s.series:
            first.setdefault(series_key(s.series), s.series)
    return sorted(first.values(), key=title_key)
