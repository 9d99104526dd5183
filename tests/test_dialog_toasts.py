"""A toast never stands over a dialog: the dialog's own warning (the consent round's "no
objection of …") covered its people and keys at 80×24 and at 160×48, docked at the foot.

Every dialog places its toasts through WyberModal (tui/dialogs/base.py, tui/toast_room.py).
"""

from pathlib import Path

import pytest

from tests.test_layout_fits import seen
from tests.test_snapshots import AGREED, meeting_of, resumed
from tui.dialogs.consent import ConsentRoundDialog
from tui.wyber.i18n import tr

MORE = ("Dirk", "Eva", "Fatima", "Gert", "Hanna")


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
async def test_a_toast_stands_clear_of_the_dialog(tmp_path: Path, size: tuple[int, int]) -> None:
    app = resumed(tmp_path, "nl", AGREED)
    async with app.run_test(size=size, notifications=True) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        for name in MORE:
            meeting_of(pilot).add_participant(name)
        await pilot.press("down", "down", "i")
        await pilot.pause()
        assert isinstance(app.screen, ConsentRoundDialog)
        await pilot.press("w")  # nobody objected: the dialog says so, in a toast
        for _ in range(3):
            await pilot.pause()
        toasts = [seen(app, toast) for toast in app.screen.query("Toast")]
        assert toasts and all(toasts)
        words = " ".join(str(toast.render()) for toast in app.screen.query("Toast"))
        assert tr("nl", "consent.no_objection_of", name="Anna de Vries") in words
        dialog = seen(app, app.screen.query_one("#consent-round"))
        assert all(not toast.overlaps(dialog) for toast in toasts), (toasts, dialog)
