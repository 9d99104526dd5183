"""What a journal's torn last line was, as far as its bytes tell: a session's end, or not.

A torn line was being written when wyber stopped (a power cut, a full disk); it was never
acknowledged, so reading drops it. That is worth saying when the session now reads as unfinished:
if the torn line was its finishing record, the facilitator finished it, and must do so again.
Journal lines are compact JSON and an event's type is its first field, so the type is read from
the bytes after `"event":{"type":"`; cut inside the type, it is known when only one type begins
so ("session_f…"). Cut earlier, it may have been the end, and is said as such.
"""

from typing import Literal, get_args

from tui.wyber.errors import UserError
from tui.wyber.events import Event, SessionFinished
from tui.wyber.i18n import Language, tr

# Nothing to say (no torn line, a finished session, or a torn record known not to be the end);
# the end was torn off; a record that may have been the end was.
TornKind = Literal["", "end", "record"]

_TYPE_AT = b'"event":{"type":"'
_TYPES = tuple(str(model.model_fields["type"].default) for model in get_args(get_args(Event)[0]))
_END = str(SessionFinished.model_fields["type"].default)


class SessionEndTorn(UserError):
    """A session that reads as unfinished because its torn last line was dropped."""

    def render(self, lang: Language) -> str:
        return tr(lang, f"archive.torn.{self.params['kind']}", **self.params)


def torn_kind(tail: bytes, finished: bool) -> TornKind:
    """What the dropped tail of a session that reads as `finished` (or not) may have been."""
    if not tail or finished:
        return ""
    at = tail.find(_TYPE_AT)
    if at == -1:
        return "record"
    typed = tail[at + len(_TYPE_AT) :].split(b'"', 1)[0].decode("utf-8", "replace")
    candidates = [name for name in _TYPES if name.startswith(typed)]
    if candidates == [_END]:
        return "end"
    return "record" if _END in candidates else ""
