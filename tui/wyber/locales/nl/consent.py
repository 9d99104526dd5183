"""Nederlandse teksten: instemming (een instemmingsronde op naam, bezwaren en hoe elk is opgelost)."""

MESSAGES: dict[str, str] = {
    # de ronde
    "consent.title": "Instemmingsronde",
    "consent.round": "ronde {number}",
    "consent.turn": "Antwoord van {name}",
    "consent.none_present": "Er is niemand aanwezig: voeg eerst deelnemers toe (of meld ze aanwezig).",
    "consent.objection_field": "Bezwaar van {name}, in eigen woorden (Enter legt het vast)",
    "consent.amend_field": "Het aangepaste voorstel (Enter: de ronde begint opnieuw)",
    "consent.key.consent": "Instemming",
    "consent.key.aside": "Staat opzij",
    "consent.key.objection": "Bezwaar",
    "consent.key.next": "Volgende persoon",
    "consent.key.previous": "Vorige persoon",
    "consent.key.amend": "Aanpassen",
    "consent.key.withdrawn": "Ingetrokken",
    "consent.key.standing": "Blijft staan",
    "consent.key.close": "Sluiten",
    "consent.help": (
        "c instemming · s staat opzij · o bezwaar (typ het, Enter) · ↑↓ wie er aan de beurt is · "
        "bij een bezwaar: a aanpassen · w ingetrokken · t blijft staan · Esc sluiten"
    ),
    "consent.waiting": "nog niet geantwoord",
    "consent.no_objection_of": "{name} heeft in deze ronde geen bezwaar om op te lossen.",
    # antwoorden, oplossingen, mandaten
    "consent.answer.consent": "stemt in",
    "consent.answer.objection": "maakt bezwaar",
    "consent.answer.aside": "staat opzij",
    "consent.resolution.amended": "voorstel aangepast",
    "consent.resolution.withdrawn": "ingetrokken",
    "consent.resolution.standing": "blijft staan",
    "consent.resolution.open": "nog in bespreking",
    "consent.mandate.decides": "mag besluiten",
    "consent.mandate.consults": "raadpleegt eerst",
    "consent.mandate.observer": "toehoorder",
    # de ronde zoals de samenvatting en de notulen haar tonen
    "consent.state.open": "nog open",
    "consent.state.given": "✔ instemming",
    "consent.state.objected": "✖ bezwaar blijft staan",
    "consent.state.waiting_one": "{state} — {names} heeft niet geantwoord",
    "consent.state.waiting": "{state} — {names} hebben niet geantwoord",
    "consent.line.round": "Ronde {number}:",
    "consent.line.consented": "Instemming: {names}",
    "consent.line.aside": "Stond opzij: {names}",
    "consent.line.objection": "Bezwaar van {name}: ‘{objection}’ — {resolution}",
    "consent.line.reopened": "Tekst gewijzigd na de instemmingsronde; hij luidde: ‘{text}’",
    "consent.line.legacy_objections": "✖ bezwaren: {objections}",
    # weigeringen
    "consent.refused.round_not_open": (
        "De consentronde over dit voorstel is nog niet geopend: wacht op de facilitator."
    ),
    "consent.refused.not_yours": "Een deelnemer antwoordt alleen voor zichzelf.",
    "consent.refused.absent": "Alleen wie aanwezig is, antwoordt in de instemmingsronde.",
    "consent.refused.words_are_an_objection": (
        "Die woorden zijn een bezwaar: leg ze vast als bezwaar (o), niet als instemming."
    ),
    "consent.refused.no_objection": "Er is in deze ronde geen bezwaar van hen om op te lossen.",
    "consent.refused.amend_is_the_facilitators": "De facilitator legt een aangepast voorstel vast.",
    "consent.refused.same_text": "Het aangepaste voorstel luidt hetzelfde: verander de tekst.",
    # the replay's list of events names each by its type (replay.event.<type>)
    "replay.event.consent_answered": "Antwoord in de instemmingsronde",
    "replay.event.objection_resolved": "Bezwaar opgelost",
}
