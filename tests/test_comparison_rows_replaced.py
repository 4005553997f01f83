"""The comparison model takes a new layout of the same comparison by replacing only the rows that differ."""

import pytest

from desktop.domain.pairing import Cell, ComparisonRow
from desktop.ui.comparison_model import ComparisonModel, GroupRole

HEADERS = ("Left", "Right")


class _Layout:
    """Rows handed out a page at a time, like a ComparisonLayout."""

    def __init__(self, ids: list[int], page: int = 4):
        self._rows = [ComparisonRow(number, (Cell(i), None)) for number, i in enumerate(ids)]
        self._page, self._cursor = page, 0
        self.column_counts = (len(ids), 0)
        self.cards = {}

    def next_rows(self):
        rows = self._rows[self._cursor : self._cursor + self._page]
        self._cursor += len(rows)
        return rows

    def has_more(self) -> bool:
        return self._cursor < len(self._rows)

    def holds(self, statement_id: int) -> bool:
        return any(row.cells[0].id == statement_id for row in self._rows)


def _shown(model) -> list[int]:
    return [model.statement_id(model.index(row, 0)) for row in range(model.rowCount())]


def _fetch(ids):
    return {}


@pytest.mark.parametrize(
    ("old", "new", "removed", "inserted"),
    [
        # One added in the middle: the old last row, pushed past the rows laid out, goes until fetched again.
        ([1, 2, 3, 4, 5, 6, 7, 8], [1, 2, 9, 3, 4, 5, 6, 7, 8], 1, 1),
        ([1, 2, 3, 4, 5, 6, 7, 8], [1, 2, 4, 5, 6, 7, 8], 1, 0),  # one removed
        ([1, 2, 3, 4, 5, 6, 7, 8], [1, 2, 3, 5, 6, 7, 8, 4], 1, 1),  # one moved down
        ([1, 2, 3, 4, 5, 6, 7, 8], [8, 7, 6, 5, 4, 3, 2, 1], 7, 7),  # turned round: the last row is kept
        ([], [1, 2], 0, 2),  # the first statements
        ([1, 2, 3, 4], [1, 2, 3, 4, 5], 0, 0),  # the same rows: the next page is left to fetchMore
    ],
)
def test_only_the_rows_that_differ_are_removed_and_inserted(qtmodeltester, old, new, removed, inserted):
    model = ComparisonModel(_fetch)
    model.show(_Layout(old), HEADERS, "the same comparison")
    while model.canFetchMore():
        model.fetchMore()
    counted = {"reset": 0, "removed": 0, "inserted": 0}
    model.modelAboutToBeReset.connect(lambda: counted.__setitem__("reset", counted["reset"] + 1))
    model.rowsRemoved.connect(lambda _p, first, last: counted.__setitem__("removed", counted["removed"] + last - first + 1))
    model.rowsInserted.connect(lambda _p, first, last: counted.__setitem__("inserted", counted["inserted"] + last - first + 1))
    model.show(_Layout(new), HEADERS, "the same comparison")
    assert counted == {"reset": 0, "removed": removed, "inserted": inserted}
    while model.canFetchMore():
        model.fetchMore()
    assert _shown(model) == new
    assert [model.index(row, 0).data(GroupRole) for row in range(model.rowCount())] == list(range(len(new)))
    qtmodeltester.check(model)


def test_rows_past_the_old_end_are_added_at_the_end(qtmodeltester):
    model = ComparisonModel(_fetch)
    model.show(_Layout(list(range(1, 7)), page=6), HEADERS, "the same comparison")
    ends = []
    model.rowsInserted.connect(lambda _p, first, last: ends.append((first, last)))
    model.show(_Layout([1, 2, 99, 3, 4, 5, 6, 7, 8], page=8), HEADERS, "the same comparison")
    assert ends == [(2, 2), (7, 7)] and _shown(model) == [1, 2, 99, 3, 4, 5, 6, 7]
    model.fetchMore()
    assert _shown(model) == [1, 2, 99, 3, 4, 5, 6, 7, 8]
    qtmodeltester.check(model)


def test_another_comparison_starts_afresh(qtmodeltester):
    model = ComparisonModel(_fetch)
    model.show(_Layout([1, 2]), HEADERS, "one filter")
    resets = []
    model.modelAboutToBeReset.connect(lambda: resets.append(True))
    model.show(_Layout([1, 2]), HEADERS, "another filter")
    assert resets == [True]
    qtmodeltester.check(model)
