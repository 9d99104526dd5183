"""Nederlandse teksten: room2 (de tweede ronde van de zaal op de telefoon: opzij staan, cijfers
en naamloze stembiljetten)."""

MESSAGES: dict[str, str] = {
    # de pagina op de telefoon
    "room2.phone.aside": "Ik sta opzij",
    "room2.phone.answered.consent": "Je stemde in.",
    "room2.phone.answered.objection": "Je maakte bezwaar.",
    "room2.phone.answered.aside": "Je stond opzij.",
    "room2.phone.score_none": "–",
    "room2.phone.ballot": "Je stemmen hier zijn anoniem: ze dragen geen naam.",
    "room2.phone.evaluating": (
        "De bijeenkomst wordt geëvalueerd: er is niets meer te sturen. Dank je wel voor je inbreng!"
    ),
    "room2.phone.round_not_open": "De consentronde gaat open zodra de facilitator die start.",
}
