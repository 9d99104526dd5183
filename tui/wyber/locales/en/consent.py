"""English messages: consent (a consent round by name, objections and how each was resolved)."""

MESSAGES: dict[str, str] = {
    # the round dialog
    "consent.title": "Consent round",
    "consent.round": "round {number}",
    "consent.turn": "{name}'s answer",
    "consent.none_present": "Nobody is present: add participants (or mark them present) first.",
    "consent.objection_field": "{name}'s objection, in their words (Enter records it)",
    "consent.amend_field": "The amended proposal (Enter: the round starts again)",
    "consent.key.consent": "Consent",
    "consent.key.aside": "Stand aside",
    "consent.key.objection": "Objection",
    "consent.key.next": "Next person",
    "consent.key.previous": "Previous person",
    "consent.key.amend": "Amend",
    "consent.key.withdrawn": "Withdrawn",
    "consent.key.standing": "Standing",
    "consent.key.close": "Close",
    "consent.help": (
        "c consent · s stand aside · o objection (type it, Enter) · ↑↓ whose turn · "
        "on an objection: a amend · w withdrawn · t standing · Esc close"
    ),
    "consent.waiting": "not yet answered",
    "consent.no_objection_of": "{name} has no objection to resolve in this round.",
    # answers, resolutions, mandates
    "consent.answer.consent": "consents",
    "consent.answer.objection": "objects",
    "consent.answer.aside": "stands aside",
    "consent.resolution.amended": "proposal amended",
    "consent.resolution.withdrawn": "withdrawn",
    "consent.resolution.standing": "stands",
    "consent.resolution.open": "still being discussed",
    "consent.mandate.decides": "may decide",
    "consent.mandate.consults": "consults first",
    "consent.mandate.observer": "observer",
    # the round as the summary and the minutes show it
    "consent.state.open": "open",
    "consent.state.given": "✔ consent",
    "consent.state.objected": "✖ objection stands",
    "consent.state.waiting_one": "{state} — {names} has not answered",
    "consent.state.waiting": "{state} — {names} have not answered",
    "consent.line.round": "Round {number}:",
    "consent.line.consented": "Consent: {names}",
    "consent.line.aside": "Stood aside: {names}",
    "consent.line.objection": "Objection from {name}: “{objection}” — {resolution}",
    "consent.line.reopened": "Text changed after the consent round; it read: “{text}”",
    "consent.line.legacy_objections": "✖ objections: {objections}",
    # refusals
    "consent.refused.round_not_open": (
        "The consent round on this proposal has not been opened yet: wait for the facilitator."
    ),
    "consent.refused.not_yours": "A participant answers for themself only.",
    "consent.refused.absent": "Only someone present answers in the consent round.",
    "consent.refused.words_are_an_objection": (
        "Those words are an objection: record them as one (o), not as consent."
    ),
    "consent.refused.no_objection": "There is no objection of theirs to resolve in this round.",
    "consent.refused.amend_is_the_facilitators": "The facilitator records an amended proposal.",
    "consent.refused.same_text": "The amended proposal reads the same: change its text.",
    # the replay's list of events names each by its type (replay.event.<type>)
    "replay.event.consent_answered": "Consent round answer",
    "replay.event.objection_resolved": "Objection resolved",
}
