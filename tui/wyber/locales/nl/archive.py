"""Dutch messages: files in the archive (and plans, imports) that cannot be read, said by name."""

MESSAGES: dict[str, str] = {
    "archive.unreadable": "{path} is niet te lezen: {reason}",
    "archive.why.folder": "het is een map, geen bestand",
    "archive.why.pipe": "het is een named pipe, geen bestand",
    "archive.why.device": "het is een apparaat, geen bestand",
    "archive.why.socket": "het is een socket, geen bestand",
    "archive.why.other": "het is geen gewoon bestand",
    "archive.why.link_loop": "het is een koppeling die naar zichzelf terugleidt",
    "archive.why.broken_link": "het is een koppeling naar iets dat er niet is",
    "archive.why.too_big": "het is groter dan {limit}, het meeste dat wyber van zo'n bestand leest",
    "archive.why.denied": "wyber mag het niet lezen ({detail}); dat is geen schade: geef je gebruiker leesrecht",
    "archive.why.io": "het systeem kon het niet lezen ({detail})",
    "archive.too_new": "{path} is geschreven door een nieuwere wyber ({reason}); werk wyber bij om het te lezen. Het blijft staan waar het staat.",
    "archive.misnamed.copy": "{path} bevat sessie {session}, die al in de lijst staat vanuit {original}: een kopie of een koppeling, weggelaten uit de lijst (er is niets verplaatst)",
    "archive.misnamed.rename": "{path} bevat sessie {session} onder een andere naam en is daarom weggelaten uit de lijst; hernoem het naar {expected} om het te tonen",
    "archive.unexpected": "{path} kon niet gelezen worden ({error}); het blijft staan waar het staat, en de rest van het archief wordt getoond",
    "archive.torn.end": "sessie {session} was afgerond, maar haar laatste record (het einde van de sessie) is afgebroken toen wyber stopte, dus leest ze als niet afgerond; open haar en rond haar opnieuw af",
    "archive.torn.record": "het laatste record van sessie {session} is afgebroken toen wyber stopte en niet bewaard; als de sessie was afgerond, leest ze nu als niet afgerond: open haar en rond haar opnieuw af",
    "archive.torn.resumed.end": "Deze sessie was afgerond, maar haar laatste record (het einde van de sessie) is afgebroken toen wyber stopte, dus gaat ze verder van vlak voor dat einde. Rond haar opnieuw af als je klaar bent.",
    "archive.torn.resumed.record": "Het laatste record van deze sessie is afgebroken toen wyber stopte en niet bewaard. Als de sessie was afgerond, rond haar dan opnieuw af als je klaar bent.",
    "archive.torn.title": "Het laatste record is niet bewaard",
}
