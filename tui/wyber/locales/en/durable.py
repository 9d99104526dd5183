"""English messages: what is on disk and what is not (the writer, leaving, rescue files)."""

MESSAGES: dict[str, str] = {
    "durable.rail.broken": "{pending} NOT SAVED: the writer stopped",
    "durable.broken": "wyber's writer stopped on an internal error ({error}), not a disk failure. Records not on disk: {pending}; they are kept in memory. Quit (Ctrl+Q) to keep them in a rescue file, and please report this: the details are in the log.",
    "durable.leave.title": "Not on disk yet — records waiting: {count}.",
    "durable.leave.ideas": "Ideas: {texts}",
    "durable.leave.other": "Other changes (clusters, votes, agreements, the clock): {count}",
    "durable.leave.retry": "Keep retrying and stay (free some space, then try again)",
    "durable.leave.rescue": "Leave them in a rescue file beside the session, to add back later",
    "durable.leave.retrying": "wyber keeps retrying; the records stay in memory until they are on disk.",
    "durable.leave.rescued": "Kept in {path} — records: {count}. The next time this session is opened (wyber run {session}) wyber offers to add them back.",
    "durable.leave.rescue_failed": "The rescue file could not be written either: {reason}. Nothing was left behind; wyber keeps retrying.",
    "durable.restore.title": "Left in a rescue file when the disk refused them ({path}) — records: {count}.",
    "durable.restore.add": "Add them back (recorded again, in order, after what is on disk)",
    "durable.restore.aside": "Set them aside (moved to set-aside/, not added)",
    "durable.restore.added": "Added back from the rescue file — records: {count}.",
    "durable.restore.moved": "The rescue file was moved to {path}.",
    "durable.restore.later": "The rescue file stays where it is; it is offered again next time.",
    "durable.rescue.damaged": "The rescue file {path} cannot be read: {reason}. It is left where it is.",
}
