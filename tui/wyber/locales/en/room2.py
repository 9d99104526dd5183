"""English messages: room2 (the room's second round on the phone: standing aside, scores and
nameless ballots)."""

MESSAGES: dict[str, str] = {
    # the phone page
    "room2.phone.aside": "I stand aside",
    "room2.phone.answered.consent": "You consented.",
    "room2.phone.answered.objection": "You objected.",
    "room2.phone.answered.aside": "You stood aside.",
    "room2.phone.score_none": "–",
    "room2.phone.ballot": "Your votes here are anonymous: they carry no name.",
    "room2.phone.evaluating": (
        "The meeting is being evaluated: there is nothing more to send. Thank you for taking part!"
    ),
    "room2.phone.round_not_open": "The consent round opens when the facilitator starts it.",
}
