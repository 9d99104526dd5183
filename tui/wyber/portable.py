"""One session as a portable, documented, versioned JSON file.

`wyber export ID --format json` writes it, `wyber import FILE` reads it back into any archive,
and `wyber schema` prints its JSON Schema. The file holds the session's records exactly as
stored, so export → import → export gives the same bytes.
"""

import json
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from tui import __version__
from tui.wyber.errors import UserError
from tui.wyber.events import SCHEMA_VERSION, Record, SessionId, SessionOpened, newer_schema
from tui.wyber.invalid import Invalid, Reasons, problems

FORMAT: Literal["wyber-session"] = "wyber-session"
MAX_IMPORT_BYTES = 512 * 1024 * 1024


class BadSessionFile(UserError):
    key = "portable.bad_file"


class SessionFile(BaseModel):
    """A wyber session: its records in order, the first being the opening of the session."""

    model_config = ConfigDict(
        extra="forbid",
        title="wyber session",
        json_schema_extra={"$id": "https://wyber.invalid/schema/session-1.json"},
    )

    format: Literal["wyber-session"] = Field(FORMAT, description="always 'wyber-session'")
    schema_version: int = Field(
        SCHEMA_VERSION,
        strict=True,
        ge=1,
        description="version of the record schema the records are written in",
    )
    exported_by: str = Field(max_length=100, description="the wyber version that wrote the file")
    session_id: SessionId = Field(description="the session's id, as in `wyber list`")
    records: list[Record] = Field(
        min_length=1, description="every event of the session, in order: seq 1, 2, 3 …"
    )

    @field_validator("schema_version")
    @classmethod
    def _not_newer(cls, version: int) -> int:
        if version > SCHEMA_VERSION:
            raise newer_schema(version)
        return version

    @model_validator(mode="after")
    def _is_one_whole_session(self) -> "SessionFile":
        first = self.records[0].event
        if not isinstance(first, SessionOpened) or first.session_id != self.session_id:
            raise PydanticCustomError(
                "door_first_record", "the first record must open this session"
            )
        for expected, record in enumerate(self.records, start=1):
            if record.seq != expected:
                raise PydanticCustomError(
                    "door_out_of_order", "record {number} is out of order", {"number": expected}
                )
        return self


def export_json(session_id: str, records: list[Record]) -> bytes:
    document = SessionFile(exported_by=__version__, session_id=session_id, records=records)
    text = json.dumps(document.model_dump(mode="json"), ensure_ascii=False, indent=1)
    return (text + "\n").encode()


def import_json(data: bytes, source: str) -> SessionFile:
    if len(data) > MAX_IMPORT_BYTES:
        raise BadSessionFile(path=source, reason=f"larger than {MAX_IMPORT_BYTES} bytes")
    try:
        raw = json.loads(data)
    except (UnicodeDecodeError, ValueError) as exc:
        raise BadSessionFile(path=source, reason=f"not JSON: {exc}") from None
    except RecursionError:
        # json reads nested lists by recursion: 100,000 "[" run out of stack.
        raise BadSessionFile(path=source, reason=Reasons((Invalid("door.too_deep"),))) from None
    try:
        return SessionFile.model_validate(raw)
    except ValidationError as exc:
        found = problems(exc, records="records")[:5]
        raise BadSessionFile(path=source, reason=Reasons(tuple(found))) from None


def json_schema() -> dict[str, Any]:
    return SessionFile.model_json_schema(mode="validation")
