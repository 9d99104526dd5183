"""Nederlandse teksten: van het ene scherm naar het andere (het traject van een sessie)."""

MESSAGES: dict[str, str] = {
    "nav.key.series": "Traject",
    "nav.key.series_help": "Het traject van de gekozen sessie, of kies er een",
    "nav.series.pick": "Welk traject?",
}
