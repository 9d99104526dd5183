"""Stored records carry a schema version; older ones are upgraded, newer ones refused."""

from typing import Any

import pytest
from pydantic import ValidationError

from tui.wyber import events
from tui.wyber.events import IdeaAdded, Record, stored

from .factory import START


def idea_record() -> Record:
    return Record(seq=2, at=START, t=1.5, event=IdeaAdded(idea_id="i1", text="Idee"))


def test_a_record_round_trips_through_its_stored_form() -> None:
    record = idea_record()
    data = stored(record)
    assert data["schema_version"] == events.SCHEMA_VERSION
    assert data["event"]["type"] == "idea_added" and data["at"] == "2026-11-23T09:00:00Z"
    assert Record.model_validate(data) == record


def test_times_are_kept_in_utc() -> None:
    data = {**stored(idea_record()), "at": "2026-11-23T10:00:00+01:00"}
    assert Record.model_validate(data).at == START


def test_a_naive_time_or_an_unknown_event_type_is_refused() -> None:
    for change in (
        {"at": "2026-11-23T09:00:00"},
        {"event": {"type": "idea_shouted", "idea_id": "i1"}},
    ):
        with pytest.raises(ValidationError):
            Record.model_validate({**stored(idea_record()), **change})


def test_a_record_from_a_newer_wyber_is_refused_not_misread() -> None:
    with pytest.raises(ValidationError, match="schema version 99"):
        Record.model_validate({**stored(idea_record()), "schema_version": 99})


def test_an_older_record_is_upgraded_on_the_way_in(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pretend schema 2 keeps idea texts in capitals: a version-1 record is upgraded to it."""

    def capitalise(data: dict[str, Any]) -> dict[str, Any]:
        event = dict(data["event"])
        if event.get("type") == "idea_added":
            event["text"] = event["text"].upper()
        return {**data, "event": event}

    monkeypatch.setattr(events, "SCHEMA_VERSION", 2)
    monkeypatch.setitem(events.UPGRADES, 1, capitalise)
    old = {**stored(idea_record()), "schema_version": 1}
    upgraded = Record.model_validate(old)
    assert upgraded.schema_version == 2
    assert isinstance(upgraded.event, IdeaAdded) and upgraded.event.text == "IDEE"
