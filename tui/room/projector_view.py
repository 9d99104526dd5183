"""What the projector shows, as JSON: the room's view of the meeting, never the facilitator's.

Only what the whole room may see, and nothing to press: the step and its question, the clock as
data (its time box's remaining seconds at the server's `now`, so the page derives the time left
exactly as the terminal does, never by counting), the movement, the QR code and short code while
joining is open, the movement's work, readiness as a count, and the go-around's speaker.

Never who wrote an idea (no author, in any movement: the projector cannot tell a named movement
from an anonymous one at a glance, and a name beside an idea is the facilitator's to show), never
who voted or scored what (only totals, and only once revealed), never who consented or objected
(only the counts of the round). Texts go out as data; the page puts them in with textContent.

Long boards are cut here, not in the page: at most IDEAS_SENT ideas and RESULTS_SENT results are
sent (the page shows those that fit at a readable size and says how many more there are), so a
board of 300 ideas costs the projector the same as one of 60.
"""

from tui.room.room import Room
from tui.widgets.clock import ALARM_FRACTION, WARN_FRACTION
from tui.wyber.consent import consent_state
from tui.wyber.events import ConsentAnswer
from tui.wyber.goaround import GoAround
from tui.wyber.i18n import Language, tr
from tui.wyber.observers import voters_present
from tui.wyber.plan import Movement
from tui.wyber.ranking import (
    SCORE_WORDS,
    Target,
    score_summary,
    score_text,
    step_ranking,
    step_score_top,
)
from tui.wyber.rules import place_now, step_now
from tui.wyber.state import Agreement, ConsentState, SessionState
from tui.wyber.timebox import current_clock

IDEAS_SENT = 80  # a 1920×1080 screen fits about 40 at a readable size; the page cuts the rest
RESULTS_SENT = 20
OTHER_AGREEMENTS_SENT = 6


def projector_view(
    room: Room, joining: dict[str, str] | None, go_around: GoAround | None
) -> dict[str, object]:
    """The projector's page data; `joining` the QR's address and the code while joining is open."""
    state = room.live.state
    now = room.live.now()
    lang = state.language
    place = place_now(state)
    shown: dict[str, object] = {
        "seq": state.last_seq,
        "lang": lang,
        "now": now,
        "finished": state.finished,
        "meeting": state.title,
        "joining": joining if room.joining_open and not room.closed else None,
        "movement": place[1].value if place else None,
    }
    clock = current_clock(state, now)
    if clock is not None:
        shown["clock"] = {
            "remaining": clock.remaining,
            "budget": clock.budget,
            "paused": clock.paused,
            "warn": WARN_FRACTION,
            "alarm": ALARM_FRACTION,
        }
    if place is None:
        return shown
    step = state.plan.steps[place[0]]
    shown["step"] = tr(lang, "projector.step", number=place[0] + 1, of=len(state.plan.steps))
    shown["title"] = step.title
    shown["question"] = step.question or step.title
    technique = room.technique()
    shown["technique"] = tr(lang, f"prepare.technique.{technique.value}") if technique else ""
    done, of = room.readiness()
    shown["readiness"] = tr(lang, "projector.ready", done=done, of=of) if of else None
    shown["turn"] = _turn(state, go_around, now, lang)
    match place[1]:
        case Movement.DIVERGE:
            shown["diverge"] = _diverge(room, lang)
        case Movement.CONVERGE:
            shown["converge"] = _converge(room, lang)
        case Movement.CONSOLIDATE:
            shown["consolidate"] = _consolidate(state, lang)
    return shown


def _turn(
    state: SessionState, go_around: GoAround | None, now: float, lang: Language
) -> dict[str, object] | None:
    """Whose turn it is in the go-around, and the turn's clock (derived like the terminal's)."""
    if go_around is None:
        return None
    person = state.participants.get(go_around.current or "")
    if person is None:
        return {"label": tr(lang, "projector.turn.done"), "name": "", "remaining": None}
    label = tr(lang, "projector.turn", number=go_around.index + 1, of=len(go_around.order))
    return {"label": label, "name": person.name, "remaining": go_around.remaining(now)}


def _diverge(room: Room, lang: Language) -> dict[str, object]:
    state = room.live.state
    step = step_now(state)
    # Each with its own number, as the board shows it: "number 4" is the same idea on the
    # board, the projector and in the minutes.
    ideas = [{"number": i.number, "text": i.text} for i in state.ideas.values() if i.step == step]
    hidden = room.ideas_hidden()
    return {
        "count": tr(lang, "projector.ideas", count=len(ideas)),
        "total": len(ideas),
        "hidden": tr(lang, "projector.silent") if hidden else None,
        "ideas": [] if hidden else ideas[::-1][:IDEAS_SENT],  # newest first
    }


def _converge(room: Room, lang: Language) -> dict[str, object]:
    state = room.live.state
    step = step_now(state)
    ideas = [i for i in state.ideas.values() if i.step == step]
    clusters = [c for c in state.clusters.values() if c.step == step]
    in_cluster = {c.id: sum(1 for i in ideas if i.cluster_id == c.id) for c in clusters}
    loose = sum(1 for i in ideas if i.cluster_id is None)
    shown: dict[str, object] = {
        "clusters": [
            {"label": c.name, "figure": tr(lang, "projector.ideas", count=in_cluster[c.id])}
            for c in clusters
        ],
        "loose": tr(lang, "projector.loose", count=loose) if loose else "",
        "results": None,
        "hidden": tr(lang, "projector.results_hidden"),
    }
    if room.here(room.revealed):
        targets = step_ranking(state, step)
        top = step_score_top(state.plan.steps[step])  # the board's scale for its scores
        shown["results"] = _bars(targets[:RESULTS_SENT], top, lang)
        shown["more_results"] = max(0, len(targets) - RESULTS_SENT)
    return shown


def _bars(targets: list[Target], top: int, lang: Language) -> list[dict[str, object]]:
    """Each result as a bar: by dots when anyone placed one, else by the average score, written
    as the minutes write it (its average on the scale and how many scored); an idea with its
    own number (a cluster has none)."""
    by_dots = any(t.dots for t in targets)
    most = max((t.dots for t in targets), default=0)
    bars: list[dict[str, object]] = []
    for target in targets:
        summary = score_summary(target, top)
        if by_dots:
            fraction = target.dots / most if most else 0.0
            figure = tr(lang, "projector.dots", count=target.dots)
            if summary is not None:  # scored as well, as the board shows both
                figure += " · " + score_text(summary, lang, key=SCORE_WORDS)
        elif summary is not None:
            fraction = summary.average / top if top else 0.0
            figure = score_text(summary, lang, key=SCORE_WORDS)
        else:
            fraction, figure = 0.0, tr(lang, "projector.no_score")
        bars.append(
            {
                "number": target.number,
                "label": target.label,
                "fraction": round(fraction, 4),
                "figure": figure,
            }
        )
    return bars


def _consolidate(state: SessionState, lang: Language) -> dict[str, object]:
    step = step_now(state)
    agreements = [a for a in state.agreements.values() if a.step == step]
    testing = [a for a in agreements if consent_state(a, state) is ConsentState.OPEN]
    proposal = (testing or agreements)[-1] if agreements else None
    others = [a for a in agreements if a is not proposal][-OTHER_AGREEMENTS_SENT:]
    return {
        "proposal": _proposal(state, proposal, lang) if proposal is not None else None,
        "none": tr(lang, "projector.no_proposal"),
        "others": [
            {"text": f"{a.number}. {a.text}", "state": _state_words(state, a, lang)} for a in others
        ],
    }


def _state_words(state: SessionState, agreement: Agreement, lang: Language) -> str:
    return tr(lang, f"projector.consent.{consent_state(agreement, state).value}")


def _proposal(state: SessionState, agreement: Agreement, lang: Language) -> dict[str, object]:
    """The proposal being tested and its round as counts: never who answered what."""
    answers = list(agreement.round.answers.values()) if agreement.rounds else []

    def counted(kind: ConsentAnswer) -> int:
        return sum(1 for a in answers if a.answer is kind)

    present = len(voters_present(state))  # who is asked: an observer is not
    round_words = tr(
        lang,
        "projector.round",
        consent=counted(ConsentAnswer.CONSENT),
        aside=counted(ConsentAnswer.ASIDE),
        objections=counted(ConsentAnswer.OBJECTION),
        answered=len(answers),
        present=present,
    )
    return {
        "text": f"{agreement.number}. {agreement.text}",
        "state": _state_words(state, agreement, lang),
        "state_kind": consent_state(agreement, state).value,
        "round": round_words,
    }
