"""Wie later kwam en wie eerder wegging: de markeringen in het venster met mensen en het verslag."""

MESSAGES: dict[str, str] = {
    "presence.came_late": "Later gekomen",
    "presence.left_early": "Eerder vertrokken",
    "presence.key.late": "Kwam nu binnen",
    "presence.hint": (
        "Spatie markeert aanwezig of weg, vanaf nu; l: kwam net binnen (al aangevinkt); "
        "Ctrl+S bewaart."
    ),
    "presence.mark.late": "binnen {time}",
    "presence.mark.left": "weg {time}",
    "presence.not_late": "In de eerste {minutes} minuten van de bijeenkomst is niemand te laat.",
}
