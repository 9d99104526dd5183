"""English messages: at the table (2): counts, names, owners, the review, language."""

MESSAGES: dict[str, str] = {
    "table2.export.close_any": "Press any key to close this window.",
    "table2.deadline_hint": "e.g. 4-12, friday, next week, in 2 weeks",
    "table2.noun.idea.one": "{count} idea",
    "table2.noun.idea.other": "{count} ideas",
    "table2.noun.cluster.one": "{count} cluster",
    "table2.noun.cluster.other": "{count} clusters",
    "table2.noun.agreement.one": "{count} agreement",
    "table2.noun.agreement.other": "{count} agreements",
    "table2.noun.decision.one": "{count} decision",
    "table2.noun.decision.other": "{count} decisions",
    "table2.noun.action.one": "{count} action",
    "table2.noun.action.other": "{count} actions",
    "table2.noun.parked.one": "{count} parked item",
    "table2.noun.parked.other": "{count} parked items",
    "table2.of_which": "of which {parts}",
    "table2.agreed_of_which": "{total} ({of_which})",
}
