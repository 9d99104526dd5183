"""Nederlandse teksten: het overzicht van een traject (een reeks sessies)."""

MESSAGES: dict[str, str] = {
    "series.title": "Traject: {name}",
    "series.help": "Alle sessies van dit traject op volgorde, en de lopende lijst van afspraken, acties en geparkeerde punten uit die sessies: met hun nummer, eigenaar, deadline, hoe het er nu mee staat (open, gedaan, gewijzigd, vervallen) en hoe dat zo gekomen is. Escape gaat terug.",
    "series.key.back": "Terug",
    "series.sessions": "Sessies",
    "series.running": "Lopende afspraken en acties",
    "series.nothing": "In dit traject zijn nog geen afspraken, acties of geparkeerde punten vastgelegd.",
    "series.no_sessions": "Geen sessies gevonden in dit traject.",
    "series.col.date": "Datum",
    "series.col.title": "Titel",
    "series.col.status": "Voortgang",
    "series.col.agreements": "Afspraken",
    "series.col.history": "Verloop",
    "series.status.finished": "afgerond",
    "series.status.unfinished": "niet afgerond",
    "series.agreed_on": "{date}: afgesproken",
}
