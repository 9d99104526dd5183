"""What one device sees: the movement the group is in, and what it may do there, as JSON.

Only what is the device's to see: its own ideas; others' only where the movement is not silent
writing or the facilitator revealed them; the vote's results only once revealed. Texts go out as
data, and the page puts them in with textContent, so nothing a participant typed is ever markup.
"""

from tui.room.room import Device, Room
from tui.wyber.i18n import Language
from tui.wyber.plan import Movement
from tui.wyber.ranking import SCORE_WORDS, step_ranking, step_score_top, target_score_text
from tui.wyber.rules import dots_each, place_now, score_top, step_now


def view(room: Room, device: Device, lang: Language) -> dict[str, object]:
    """What `device` sees; `lang` the phone's language, for the figures written out."""
    state = room.live.state
    people = state.participants
    place = place_now(state)
    shown: dict[str, object] = {
        "seq": state.last_seq,
        "joined": device.joined,
        "name_needed": room.name_needed(device),
        "name": people[device.participant_id].name if device.participant_id in people else "",
        "joining_open": room.joining_open,
        "finished": state.finished,
        # The group evaluates the session: the phone has nothing to send, and says why.
        "evaluating": room.live.evaluating,
        "anonymous": room.here(room.anonymous),
        "movement": place[1].value if place else None,
        "technique": str(room.technique() or ""),
    }
    if place is None or room.live.evaluating:
        return shown
    step = state.plan.steps[place[0]]
    shown["title"] = step.title
    shown["question"] = step.question or step.title
    done, of = room.readiness()
    shown["done"] = device.token in room.done.get(place, set())
    shown["done_count"], shown["of"] = done, of
    match place[1]:
        case Movement.DIVERGE:
            shown["diverge"] = _diverge(room, device)
        case Movement.CONVERGE:
            shown["converge"] = _converge(room, device, lang)
        case Movement.CONSOLIDATE:
            shown["consolidate"] = _consolidate(room, device)
    return shown


def _diverge(room: Room, device: Device) -> dict[str, object]:
    state = room.live.state
    step = step_now(state)
    own = set(room.own_ideas(device))
    ideas = [i for i in state.ideas.values() if i.step == step]
    hidden = room.ideas_hidden()
    return {
        "mine": [{"id": i.id, "text": i.text} for i in ideas if i.id in own],
        "others": None if hidden else [{"text": i.text} for i in ideas if i.id not in own],
        "your_turn": device.participant_id is not None and room.turn_of() == device.participant_id,
    }


def _converge(room: Room, device: Device, lang: Language) -> dict[str, object]:
    state = room.live.state
    step = step_now(state)
    targets = step_ranking(state, step)
    top = step_score_top(state.plan.steps[step])  # the board's scale for its scores
    voter = room.voter(device)
    revealed = room.here(room.revealed)
    rows = []
    for target in targets:
        tally = state.tally_of(target.id)
        mine = tally.dots.get(voter, 0) if tally is not None and voter else 0
        score = tally.scores.get(voter) if tally is not None and voter else None
        row: dict[str, object] = {"id": target.id, "text": target.label, "mine": mine}
        row["number"] = target.number  # an idea's own, as on the board; None for a cluster
        row["my_score"] = score
        if revealed:
            # The score as the board and the minutes give it: the average on the scale and how
            # many scored, never the scores added up into a figure above the scale.
            row["dots"] = target.dots
            row["score"] = target_score_text(target, top, lang, key=SCORE_WORDS)
        rows.append(row)
    may_vote = device.joined and (device.participant_id is not None or room.here(room.anonymous))
    return {
        "targets": rows,
        "dots_left": dots_each(state) - room.dots_spent(device) if may_vote else 0,
        "nameless": room.here(room.anonymous),
        "score_top": score_top(state),
        "revealed": revealed,
    }


def _consolidate(room: Room, device: Device) -> dict[str, object]:
    state = room.live.state
    step = step_now(state)
    me = device.participant_id
    rows = []
    for a in state.agreements.values():
        if a.step != step:
            continue
        mine = a.round.answers.get(me) if me is not None else None
        rows.append(
            {
                "id": a.id,
                "number": a.number,
                "text": a.text,
                "answer": mine.answer.value if mine is not None else None,
                # The facilitator opened its consent round: until then, nothing to answer.
                "open": room.live.round_open(a.id),
            }
        )
    return {"agreements": rows}
