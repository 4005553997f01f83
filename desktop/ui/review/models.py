"""Item models of the review window: the proposals of an article and the statements one may answer."""

from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop.domain.extraction import Proposal
from desktop.services.extraction import AcceptProposal, Suggestion
from desktop.ui.plain_text import tooltip_text

_Index = QModelIndex | QPersistentModelIndex
_LABEL_LENGTH = 140


class Status(StrEnum):
    """Where the editor stands with one proposal."""

    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    KNOWN = "known"  # in the database before this review: stored from this passage, or the same words and speaker

    @property
    def open(self) -> bool:
        """Not stored: it may still be edited and accepted."""
        return self in (Status.PENDING, Status.REJECTED)


_MARKS = {Status.PENDING: "•", Status.ACCEPTED: "✓", Status.REJECTED: "✗", Status.KNOWN: "≡"}


@dataclass
class ReviewItem:
    """One proposal as the editor has it: possibly edited, and accepted or rejected."""

    proposal: Proposal
    status: Status = Status.PENDING
    edited: bool = False
    operation: AcceptProposal | None = None
    statement_id: int | None = None
    reason: str = ""  # why it is taken for a statement already in the database


def short(text: str, length: int = _LABEL_LENGTH) -> str:
    """The text on one line, cut to `length` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "…"


class ProposalModel(QAbstractListModel):
    """The proposals in text order, each marked pending, accepted or rejected."""

    def __init__(self, items: list[ReviewItem], parent=None):
        super().__init__(parent)
        self.items = items

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.items)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        item = self.items[index.row()]
        proposal = item.proposal
        if role == Qt.ItemDataRole.DisplayRole:
            speaker = proposal.speaker or "No speaker"
            return f"{_MARKS[item.status]} {speaker}: {short(proposal.text)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            known = f"\n\n{item.reason[:1].upper()}{item.reason[1:]}." if item.reason else ""
            return tooltip_text(f"{proposal.speaker or 'No speaker'} ({proposal.confidence:.0%} sure)\n\n{proposal.text}{known}")
        if role == Qt.ItemDataRole.ForegroundRole and item.status in (Status.REJECTED, Status.KNOWN):
            return QBrush(QColor("#8a8a8a"))
        return None

    def refresh(self, row: int | None = None) -> None:
        """Repaint one row, or all of them."""
        if not self.items:
            return
        first = self.index(0 if row is None else row, 0)
        last = self.index(len(self.items) - 1 if row is None else row, 0)
        self.dataChanged.emit(first, last)


class SuggestionModel(QAbstractListModel):
    """Statements of the other side, most alike first."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.suggestions: list[Suggestion] = []

    def set_suggestions(self, suggestions: list[Suggestion]) -> None:
        self.beginResetModel()
        self.suggestions = list(suggestions)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.suggestions)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.suggestions):
            return None
        suggestion = self.suggestions[index.row()]
        when = suggestion.said_on.isoformat() if suggestion.said_on else "undated"
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{suggestion.score:.0%}  {suggestion.speaker} ({suggestion.side}, {when}): {short(suggestion.text)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip_text(f"{suggestion.speaker} ({suggestion.side}, {when})\n\n{suggestion.text}")
        return None
