"""Snapshots of the consent round, at 80×24 and 160×48, in Dutch and English: the snapshots'
meeting (tests/test_snapshots.py) in consolidate, the round on the parked item under way — Anna
consented, Bram objected in his words (still being discussed), Carla not yet answered.

Update after an intended change with: pytest tests/test_snapshots_consent.py --snapshot-update
"""

from pathlib import Path

from textual.pilot import Pilot

from tests.snapshot_kit import LANG, SIZE, Snap, then
from tests.test_snapshots import AGREED, resumed
from tui.dialogs.consent import ConsentRoundDialog
from tui.wyber.i18n import Language

OBJECTION = {"nl": "Wie betaalt de opslag?", "en": "Who pays for the storage?"}


async def round_under_way(pilot: Pilot[None]) -> None:
    await pilot.press("down", "down", "i")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, ConsentRoundDialog)
    await pilot.press("c", "o")
    field = dialog.query_one("#objection")
    field.value = OBJECTION[dialog.lang]  # type: ignore[attr-defined]
    await pilot.press("enter")
    await pilot.pause()


@SIZE
@LANG
def test_consent_round_with_an_objection(
    snap_compare: Snap, tmp_path: Path, lang: Language, size: tuple[int, int]
) -> None:
    app = resumed(tmp_path, lang, AGREED)
    assert snap_compare(app, terminal_size=size, run_before=then(round_under_way))
