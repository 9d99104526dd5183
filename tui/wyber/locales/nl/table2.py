"""Nederlandse teksten: aan tafel (2): tellingen, namen, eigenaren, de terugblik, taal."""

MESSAGES: dict[str, str] = {
    "table2.export.close_any": "Druk op een toets om dit venster te sluiten.",
    "table2.deadline_hint": "bv. 4-12, vrijdag, volgende week, over 2 weken",
}
