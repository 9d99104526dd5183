"""An error nothing caught ends the app as in Textual, and is kept for the log (run_app says it in
one line, tests/test_cli.py) through the hook tui/internals/ gives the app: the override of
Textual's private `_handle_exception` lives there alone (tests/test_layers.py)."""

from pathlib import Path

import pytest

from tui.app import WyberApp


async def test_an_error_nothing_caught_ends_the_app_and_is_kept_for_the_log(
    tmp_path: Path,
) -> None:
    app = WyberApp(tmp_path, "en")
    boom = RuntimeError("boom")

    def explode() -> None:
        raise boom

    with pytest.raises(RuntimeError):
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            app.call_later(explode)
            await pilot.pause()
    assert app.crash is boom
    assert app.return_code == 1 and not app.is_running
