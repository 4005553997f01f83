"""The Balance panel: per outlet, the statements it carried from each side and its right of reply."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QVBoxLayout

from desktop.domain.filters import StatementFilter
from desktop.services.dispute import balance
from desktop.services.dispute_rows import BalanceRows, OutletRow, balance_rows, days_words
from desktop.services.names import names
from desktop.services.wording import plural
from desktop.storage.database import Database
from desktop.ui.analysis.exports import save_table
from desktop.ui.analysis.panel import HOW_TO_LINK, AnalysisPanel, captioned
from desktop.ui.analysis.tables import AnalysisTable, Column, RowsModel



def _side_column(number: int, name: str) -> Column:
    return Column(name, lambda r: f"{r.per_side[number]:,}", f"Statements of {name} the outlet carried.",
                  lambda r: r.per_side[number], number=True)


def balance_columns(sides: tuple[tuple[str, str], ...]) -> list[Column]:
    """The outlet, a column per side, and the right of reply."""
    return [
        Column("Outlet", lambda r: r.name),
        *(_side_column(number, name) for number, (name, _colour) in enumerate(sides)),
        Column("Right of\nreply", lambda r: r.reply_words,
               "Of the claims the outlet carried that another side answered (anywhere), how many it also carried "
               "an answer to.", lambda r: r.reply_share, number=True),
        Column("Median days\nto reply", lambda r: days_words(r.reply_days),
               "Days from a claim to the first answer the same outlet carried, the median over its claims.",
               lambda r: (r.reply_days != r.reply_days, r.reply_days), number=True),
        Column("Claims without\ntheir answer", lambda r: f"{r.without_reply:,}",
               "Answered claims the outlet carried while carrying none of their answers.",
               lambda r: r.without_reply, number=True),
    ]


class BalancePanel(AnalysisPanel):
    """A row per outlet: statements per side, the right of reply ("2 of 3"), the median days to the reply, and
    the claims it carried without their answer; a switch lists only the outlets that did, most first."""

    title = "Balance"

    def __init__(self, window):
        super().__init__(window)
        self.outlets = RowsModel(balance_columns(()), self)
        self.table = AnalysisTable(self.outlets, "balanceTable", stretch=0)
        self.table.export_requested.connect(self._export)
        self.without_only = QCheckBox("Only outlets that carried a claim and never its answer", objectName="withoutOnly")
        self.without_only.toggled.connect(self._show_rows)
        box, _ = captioned("Statements per side and right of reply, per outlet · click a heading to sort", self.table,
                           "Export CSV…", self._export)
        layout = QVBoxLayout(self.content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.without_only)
        layout.addWidget(box)
        self._found = BalanceRows((), [])

    def work(self, db: Database, chosen: StatementFilter) -> BalanceRows:
        return balance_rows(balance(db, chosen), names(db))

    def show_result(self, found: BalanceRows) -> None:
        self._found = found
        if not found.rows:
            self.show_note("No statement the filter keeps names the outlet that carried it.")
            return
        self._show_rows()
        answered = sum(row.answered for row in found.rows)
        without = sum(1 for row in found.rows if row.without_reply)
        summary = (f"{plural(len(found.rows), 'outlet')} carried statements the filter keeps; "
                   f"{plural(without, 'outlet')} carried a claim and never its answer.")
        if not answered:
            summary += " No outlet carried a claim that was answered. " + HOW_TO_LINK
        self.show_content(summary)

    def _show_rows(self) -> None:
        rows: list[OutletRow] = self._found.rows
        columns = balance_columns(self._found.sides)
        if self.without_only.isChecked():
            rows = sorted((row for row in rows if row.without_reply), key=lambda row: (-row.without_reply, row.name.casefold()))
        self.outlets.set_rows(rows, columns)
        header = self.table.horizontalHeader()
        if self.without_only.isChecked():
            header.setSortIndicator(len(columns) - 1, Qt.SortOrder.DescendingOrder)
        else:
            header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.size_columns([0, *([8] * len(self._found.sides)), 8, 8, 8])

    def _export(self) -> None:
        save_table(self, self.outlets, "balance-per-outlet")
