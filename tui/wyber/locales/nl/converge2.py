"""Nederlandse teksten: convergeren en het rondje zoals de groep ze ziet (issue 12)."""

MESSAGES: dict[str, str] = {
    "converge2.key.sort": "Sorteer",
    "converge2.order_fixed": "Rijen blijven staan tijdens stemmen · o sorteert",
    "converge2.still_to_vote": "Nog te stemmen: {names}",
    "converge2.all_voted": "Iedereen die er is heeft gestemd",
    "converge2.voted": "gestemd",
    "converge2.next_voter": "{name} heeft gestemd; nu stemt {next}.",
    "converge2.key.pass": "Pas",
    "converge2.turn.passed": "{name} past.",
    "converge2.turn.done": "Iedereen was aan de beurt · Ctrl+R stopt",
    "converge2.turn_author": "Beurt van {name}",
    "converge2.event.passed": "{name} paste voor de beurt",
    "converge2.minutes.passed": "Paste in het rondje: {names}.",
    "converge2.refused.not_yours": "Een deelnemer past alleen voor de eigen beurt.",
    "converge2.turn.keys": "^N volgende · ^L pas",
}
