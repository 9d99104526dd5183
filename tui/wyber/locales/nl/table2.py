"""Nederlandse teksten: aan tafel (2): tellingen, namen, eigenaren, de terugblik, taal."""

MESSAGES: dict[str, str] = {
    "table2.export.close_any": "Druk op een toets om dit venster te sluiten.",
    "table2.deadline_hint": "bv. 4-12, vrijdag, volgende week, over 2 weken",
    "table2.noun.idea.one": "{count} idee",
    "table2.noun.idea.other": "{count} ideeën",
    "table2.noun.cluster.one": "{count} cluster",
    "table2.noun.cluster.other": "{count} clusters",
    "table2.noun.agreement.one": "{count} afspraak",
    "table2.noun.agreement.other": "{count} afspraken",
    "table2.noun.decision.one": "{count} besluit",
    "table2.noun.decision.other": "{count} besluiten",
    "table2.noun.action.one": "{count} actie",
    "table2.noun.action.other": "{count} acties",
    "table2.noun.parked.one": "{count} geparkeerd punt",
    "table2.noun.parked.other": "{count} geparkeerde punten",
    "table2.of_which": "waarvan {parts}",
    "table2.agreed_of_which": "{total} ({of_which})",
}
