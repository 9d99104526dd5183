"""Dutch messages: run."""

MESSAGES: dict[str, str] = {
    "run.refused.started": "De bijeenkomst is al begonnen.",
    "run.refused.not_started": "De bijeenkomst is nog niet begonnen.",
    "run.refused.finished": "De bijeenkomst is afgerond; er kan niets meer worden vastgelegd.",
    "run.refused.no_such_movement": "Die beweging staat niet op de agenda.",
    "run.refused.no_name": "Een deelnemer heeft een naam nodig.",
    "run.refused.no_such_participant": "Die deelnemer bestaat niet.",
    "run.refused.empty_idea": "Typ eerst het idee.",
    "run.refused.no_such_idea": "Dat idee staat niet meer op het bord.",
    "run.refused.no_cluster_name": "Een cluster heeft een naam nodig.",
    "run.refused.no_such_cluster": "Dat cluster staat niet meer op het bord.",
    "run.refused.merge_needs_two": "Kies minstens twee clusters om samen te voegen.",
    "run.refused.no_such_target": "Dat staat niet meer op het bord.",
    "run.refused.no_dots_left": "Geen stippen meer: {dots} per persoon.",
    "run.refused.no_dot_here": "Hier staat geen stip om weg te halen.",
    "run.refused.score_range": "Een score loopt van 0 tot en met {top}.",
    "run.refused.empty_agreement": "Typ eerst de afspraak.",
    "run.refused.no_such_agreement": "Die afspraak is er niet meer.",
    "run.refused.objection_needs_text": "Schrijf het bezwaar op, zodat het verslag het bevat.",
    "run.refused.evaluation_score": "Een evaluatiecijfer loopt van 1 tot en met 10.",
}
