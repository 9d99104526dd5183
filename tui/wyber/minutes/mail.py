"""The minutes as an e-mail draft (.eml, RFC 5322): a facilitator double-clicks it and sends it.

Addressed to the participants who have an e-mail address, with the subject and a short body in
the session's language, the decisions, agreements and actions in the body (what people act on,
readable without opening anything), and the Word minutes attached. `X-Unsent: 1` makes Outlook
open it as a draft to send; Thunderbird and Apple Mail open it as a message to forward or edit.
"""

import re
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import datetime
from email.errors import HeaderParseError
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from urllib.parse import quote

from tui.wyber.minutes.content import Block, Bullets, Facts, Heading, Paragraph, Table, plain
from tui.wyber.state import Participant

DOCX_TYPE = ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document")


# local@domain.tld, with no empty label in the domain: what a mail program can send to.
_ADDRESS = re.compile(r"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$")
# Headers are folded at the RFC 5322 limit, not at 78: Python's email package loses the spaces
# between words of non-Latin text when it folds a long To or Subject line.
_POLICY = SMTP.clone(max_line_length=998)


def recipients(participants: Iterable[Participant]) -> list[Address]:
    """An address for each participant whose e-mail address is one; others are left out."""
    found = []
    for person in participants:
        email = person.email.strip()
        if not _ADDRESS.match(email):
            continue
        try:
            found.append(Address(display_name=person.name, addr_spec=email))
        except (ValueError, IndexError, AttributeError, HeaderParseError):
            continue  # what the email package itself cannot parse is no address to send to
    return found


def plain_text(blocks: Iterable[Block]) -> str:
    """Blocks as plain text for a mail body: a table becomes one line per row."""
    lines: list[str] = []
    for block in blocks:
        match block:
            case Heading(text=text):
                lines += ["", text, "-" * min(len(text), 60)]
            case Paragraph(content=content):
                lines += [plain(content), ""]
            case Bullets(items=items):
                lines += [f"- {plain(item)}" for item in items] + [""]
            case Table(rows=rows):
                for row in rows:
                    number, *rest = (plain(cell).replace("\n", " ") for cell in row)
                    lines.append(f"{number}. " + " · ".join(cell for cell in rest if cell))
                lines.append("")
            case Facts(lines=facts):
                lines += [f"{label}: {plain(value)}" for label, value in facts] + [""]
    return "\n".join(lines).strip() + "\n"


def draft(
    *,
    to: Sequence[Address],
    subject: str,
    body: str,
    when: datetime,
    attachment: bytes | None = None,
    attachment_name: str = "",
) -> bytes:
    """The .eml bytes: headers, a plain-text body, and the .docx attached (when there is one)."""
    message = EmailMessage(policy=_POLICY)
    if to:
        message["To"] = to
    message["Subject"] = subject.replace("\n", " ")
    message["Date"] = format_datetime(when)
    message["X-Unsent"] = "1"
    message.set_content(body)
    if attachment is not None:
        message.add_attachment(attachment, maintype=DOCX_TYPE[0], subtype=DOCX_TYPE[1])
        part = next(message.iter_attachments())
        # Both names: RFC 2231's filename* for readers that know it, a plain ASCII filename=
        # for the older ones (munpack names an attachment with only filename* "part1"). Set
        # raw, since the email package re-renders a parsed header with one of the two only.
        del part["Content-Disposition"]
        part.set_raw("Content-Disposition", disposition(attachment_name))
    return message.as_bytes()


def ascii_name(name: str) -> str:
    """`name` in ASCII: accents dropped ('Überleg' → 'Uberleg'), other letters '_'."""
    decomposed = unicodedata.normalize("NFKD", name)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    safe = "".join(c if 32 <= ord(c) < 127 and c not in '"\\' else "_" for c in kept)
    return safe if safe.strip("_ .") else "wyber.docx"


def disposition(name: str) -> str:
    """The Content-Disposition of an attachment called `name`, readable by every mail reader."""
    return f"attachment; filename=\"{ascii_name(name)}\"; filename*=utf-8''{quote(name, safe='')}"
