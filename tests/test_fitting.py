"""One rule fits every table to its width (tui/widgets/fitting.py): short columns as wide as
their widest cell, flexible ones sharing what is left, never below what can still be read."""

from tui.widgets.fitting import Fit, fit


def test_short_columns_keep_their_width_and_the_title_takes_the_rest() -> None:
    assert fit([Fit(11), Fit(4), Fit(flex=True, least=12)], 80) == [11, 4, 65]


def test_flexible_columns_share_equally() -> None:
    assert fit([Fit(flex=True, least=6)] * 4, 70) == [17, 17, 17, 17]


def test_a_flexible_column_is_never_narrower_than_it_can_be_read() -> None:
    assert fit([Fit(30), Fit(30), Fit(flex=True, least=20)], 50) == [30, 30, 20]


def test_a_column_with_a_most_is_cut_there_and_leaves_the_rest_to_the_flexible() -> None:
    assert fit([Fit(5), Fit(flex=True), Fit(40, most=28)], 100) == [5, 67, 28]
