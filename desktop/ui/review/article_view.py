"""The article under review, read-only, with every proposal highlighted by its status."""

from bisect import bisect_left

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

from desktop.ui.review.models import ReviewItem, Status

# (background, background when current) per status; rejected text is greyed too.
_COLOURS = {
    Status.PENDING: ("#fff1b8", "#ffc940"),
    Status.ACCEPTED: ("#cdeccf", "#7ccf83"),
    Status.REJECTED: ("#e6e6e6", "#c4c4c4"),
    Status.KNOWN: ("#dbe7f5", "#9fc0e6"),
}


class ArticleView(QPlainTextEdit):
    """Plain text only: markup in the article shows as the characters it is made of."""

    position_chosen = Signal(int)

    def __init__(self, text: str, parent=None):
        super().__init__(parent)
        self.setObjectName("articleText")
        self.setReadOnly(True)
        self.setPlainText(text)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        # Qt counts UTF-16 units; characters beyond the BMP take two, so offsets are shifted past them.
        self._astral = [i for i, char in enumerate(text) if ord(char) > 0xFFFF]
        self._astral_qt = [i + n for n, i in enumerate(self._astral)]
        self.cursorPositionChanged.connect(self._cursor_moved)

    def _cursor_moved(self) -> None:
        self.position_chosen.emit(self._from_qt(self.textCursor().position()))

    def _to_qt(self, offset: int) -> int:
        return offset + bisect_left(self._astral, offset)

    def _from_qt(self, position: int) -> int:
        return position - bisect_left(self._astral_qt, position)

    def highlight(self, items: list[ReviewItem], current: int | None) -> None:
        """Colour every proposal's span; the current one strongest, and scroll it into view."""
        selections = []
        order = [i for i in range(len(items)) if i != current] + ([current] if current is not None else [])
        for row in order:
            item = items[row]
            background = _COLOURS[item.status][row == current]
            char_format = QTextCharFormat()
            char_format.setBackground(QColor(background))
            if item.status == Status.REJECTED:
                char_format.setForeground(QColor("#6b6b6b"))
            if row == current:
                char_format.setFontUnderline(True)
            selection = QTextEdit.ExtraSelection()
            selection.format = char_format
            selection.cursor = self._cursor(item.proposal.start, item.proposal.end)
            selections.append(selection)
        self.setExtraSelections(selections)
        if current is not None:
            self._reveal(items[current].proposal.start)

    def _cursor(self, start: int, end: int) -> QTextCursor:
        length = self.document().characterCount() - 1
        cursor = QTextCursor(self.document())
        cursor.setPosition(min(self._to_qt(start), length))
        cursor.setPosition(min(self._to_qt(end), length), QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def _reveal(self, position: int) -> None:
        self.blockSignals(True)
        cursor = self._cursor(position, position)
        self.setTextCursor(cursor)
        self.centerCursor()
        self.blockSignals(False)
