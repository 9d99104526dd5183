"""English messages: files in the archive (and plans, imports) that cannot be read, said by name."""

MESSAGES: dict[str, str] = {
    "archive.unreadable": "{path} cannot be read: {reason}",
    "archive.why.folder": "it is a folder, not a file",
    "archive.why.pipe": "it is a named pipe, not a file",
    "archive.why.device": "it is a device, not a file",
    "archive.why.socket": "it is a socket, not a file",
    "archive.why.other": "it is not a regular file",
    "archive.why.link_loop": "it is a link that leads back to itself",
    "archive.why.broken_link": "it is a link to something that is not there",
    "archive.why.too_big": "it is larger than {limit}, the most wyber reads of such a file",
    "archive.why.denied": "wyber may not read it ({detail}); that is no damage: give your user read access",
    "archive.why.io": "the system could not read it ({detail})",
    "archive.too_new": "{path} was written by a newer wyber ({reason}); update wyber to read it. It is left where it is.",
    "archive.misnamed.copy": "{path} holds session {session}, which is already listed from {original}: a copy or a link, left out of the list (nothing was moved)",
    "archive.misnamed.rename": "{path} holds session {session} under another name, so it is left out of the list; rename it to {expected} to list it",
    "archive.unexpected": "{path} could not be read ({error}); it is left where it is, and the rest of the archive is listed",
    "archive.torn.end": "session {session} was finished, but its last record (the end of the session) was cut off when wyber stopped, so it reads as unfinished; open it and finish it again",
    "archive.torn.record": "the last record of session {session} was cut off when wyber stopped and was not saved; if the session had been finished, it now reads as unfinished: open it and finish it again",
    "archive.torn.resumed.end": "This session had been finished, but its last record (the end of the session) was cut off when wyber stopped, so it goes on from just before its end. Finish it again when you are done.",
    "archive.torn.resumed.record": "The last record of this session was cut off when wyber stopped and was not saved. If the session had been finished, finish it again when you are done.",
    "archive.torn.title": "The last record was not saved",
}
