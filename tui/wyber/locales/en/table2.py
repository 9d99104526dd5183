"""English messages: at the table (2): counts, names, owners, the review, language."""

MESSAGES: dict[str, str] = {
    "table2.export.close_any": "Press any key to close this window.",
    "table2.deadline_hint": "e.g. 4-12, friday, next week, in 2 weeks",
}
