"""English messages: converge and the go-around as the group sees them (issue 12)."""

MESSAGES: dict[str, str] = {
    "converge2.key.sort": "Sort",
    "converge2.order_fixed": "Rows stay put while voting · o sorts",
    "converge2.still_to_vote": "Still to vote: {names}",
    "converge2.all_voted": "Everyone present has voted",
    "converge2.voted": "voted",
    "converge2.next_voter": "{name} has voted; {next} votes now.",
    "converge2.key.pass": "Pass",
    "converge2.turn.passed": "{name} passes.",
    "converge2.turn.done": "Everyone had a turn · Ctrl+R ends",
    "converge2.turn_author": "{name}'s turn",
    "converge2.event.passed": "{name} passed their turn",
    "converge2.minutes.passed": "Passed their turn in the go-around: {names}.",
    "converge2.refused.not_yours": "A participant passes their own turn only.",
    "converge2.turn.keys": "^N next · ^L pass",
}
