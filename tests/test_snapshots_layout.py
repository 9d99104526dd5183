"""Snapshots of what 80×24 clipped or hid (issue 12), at 80×24 and 160×48, in Dutch and English:
the agreement form with its list of fields open, the consent round with nobody at the table, the
summary scrolled to the end of its evaluation, and a full idea board with a long idea. The run
screen's keys, Home and replay are in the snapshots of test_snapshots.py and
test_snapshots_replay.py.

Update after an intended change with: pytest tests/test_snapshots_layout.py --snapshot-update
"""

from pathlib import Path

from tests.layout_scenes import (
    consent_with_nobody,
    evaluated_summary_at_its_end,
    long_idea_on_a_full_board,
    veld_list_open,
)
from tests.snapshot_kit import LANG, SIZE, Snap, make_app, then
from tests.test_snapshots import AGREED, resumed, wyber_30
from tui.wyber.i18n import Language


@SIZE
@LANG
def test_veld_list_inside_the_agreement_form(
    snap_compare: Snap, tmp_path: Path, lang: Language, size: tuple[int, int]
) -> None:
    app = resumed(tmp_path, lang, AGREED)
    assert snap_compare(app, terminal_size=size, run_before=then(veld_list_open))


@SIZE
@LANG
def test_consent_round_with_nobody_at_the_table(
    snap_compare: Snap, tmp_path: Path, lang: Language, size: tuple[int, int]
) -> None:
    app = make_app(tmp_path, lang, plan=wyber_30(lang), run_now=True)
    assert snap_compare(app, terminal_size=size, run_before=then(consent_with_nobody))


@SIZE
@LANG
def test_summary_at_the_end_of_its_evaluation(
    snap_compare: Snap, tmp_path: Path, lang: Language, size: tuple[int, int]
) -> None:
    app = resumed(tmp_path, lang, AGREED)
    assert snap_compare(app, terminal_size=size, run_before=then(evaluated_summary_at_its_end))


@SIZE
@LANG
def test_full_idea_board_with_a_long_idea(
    snap_compare: Snap, tmp_path: Path, lang: Language, size: tuple[int, int]
) -> None:
    app = make_app(tmp_path, lang, plan=wyber_30(lang), run_now=True)
    assert snap_compare(app, terminal_size=size, run_before=then(long_idea_on_a_full_board))
