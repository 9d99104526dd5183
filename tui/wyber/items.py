"""Which items on the boards (ideas, clusters, agreements) an event changes, by their ids.

The run screen marks an item as pending while the last record that changed it is not yet on
disk; this says which items a record is about. Every event names the items it changes in fields
of these names (an undo is recorded as the inverse event, so it names them too).
"""

from collections.abc import Iterator

from tui.wyber.events import Event

_ONE = ("idea_id", "cluster_id", "agreement_id", "target_id")
_MANY = ("idea_ids", "merged_ids")


def changed_items(event: Event) -> Iterator[str]:
    for name in _ONE:
        value = getattr(event, name, None)
        if isinstance(value, str):
            yield value
    for name in _MANY:
        yield from getattr(event, name, ())
