"""Paints a statement as a card: text, speaker and role, outlet and date, quote mark."""

from PySide6.QtCore import QModelIndex, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen, QTextLayout, QTextOption
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from desktop.domain.values import LinkType
from desktop.ui.comparison_model import AnswerRole, CardRole, GroupRole

CARD_HEIGHT = 154
_MARGIN = 6
_PAD = 10
_TEXT_LINES = 4
_BANDS = (QColor("#ffffff"), QColor("#f1f4f8"))
_MUTED = QColor("#5f6b7a")


def _elided_lines(text: str, font: QFont, width: float, max_lines: int) -> list[str]:
    """Wrap text into at most max_lines lines, eliding the last one if text remains."""
    metrics = QFontMetricsF(font)
    layout = QTextLayout(" ".join(text.split()), font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.beginLayout()
    lines = []
    whole = layout.text()
    while len(lines) < max_lines:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        lines.append((line.textStart(), line.textLength()))
    layout.endLayout()
    shown = [whole[start : start + length].rstrip() for start, length in lines]
    if lines and sum(lines[-1]) < len(whole):
        rest = whole[lines[-1][0] :]
        shown[-1] = metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width)
    return shown


def _verdict_colour(verdict: str) -> QColor:
    words = verdict.casefold()
    if any(word in words for word in ("mislead", "half", "mostly false", "mixed", "unproven")):
        return QColor("#9a5b00")
    if any(word in words for word in ("false", "fake", "wrong", "incorrect", "pants")):
        return QColor("#b3261e")
    if any(word in words for word in ("true", "correct", "accurate")):
        return QColor("#2e7d32")
    return _MUTED


def _paint_badge(painter: QPainter, label: str, font: QFont, top_right: QPointF) -> float:
    """A verdict ("False") in a small rounded badge at the card's top right; returns the width it takes."""
    if not label:
        return 0.0
    metrics = QFontMetricsF(font)
    text = metrics.elidedText(label, Qt.TextElideMode.ElideRight, 140)
    rect = QRectF(0, 0, metrics.horizontalAdvance(text) + 10, metrics.height() + 2)
    rect.moveTopRight(top_right + QPointF(0, -1))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(_verdict_colour(label))
    painter.drawRoundedRect(rect, 4, 4)
    painter.setFont(font)
    painter.setPen(QColor("#ffffff"))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
    return rect.width() + 8


class CardDelegate(QStyledItemDelegate):
    """Draws cards of a fixed height so a long list scrolls without measuring every row."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        return QSize(320, CARD_HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        group = index.data(GroupRole) or 0
        painter.fillRect(option.rect, _BANDS[group % 2])
        card = index.data(CardRole)
        if card is not None:
            self._paint_join(painter, option, index)
            self._paint_card(painter, option, index, card)
        painter.restore()

    def _paint_join(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        """A line across the gap between a claim and its answer on the same row."""
        other = index.siblingAtColumn(1 - index.column())
        answers = index.data(AnswerRole) or other.data(AnswerRole)
        if other.data(CardRole) is None or not answers:
            return
        rect = QRectF(option.rect)
        y = rect.center().y()
        painter.setPen(QPen(QColor("#8a94a3"), 2, Qt.PenStyle.DashLine))
        if index.column() == 0:
            painter.drawLine(QPointF(rect.right() - _MARGIN, y), QPointF(rect.right() + 1, y))
        else:
            painter.drawLine(QPointF(rect.left(), y), QPointF(rect.left() + _MARGIN, y))

    def _paint_card(self, painter, option, index, card) -> None:
        rect = QRectF(option.rect).adjusted(_MARGIN, _MARGIN, -_MARGIN, -_MARGIN)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        colour = QColor(card.side_colour)
        painter.setPen(QPen(colour if selected else QColor("#d3d9e0"), 2 if selected else 1))
        painter.setBrush(QColor("#fffdf4") if selected else QColor("#ffffff"))
        painter.drawRoundedRect(rect, 6, 6)
        painter.fillRect(QRectF(rect.left(), rect.top() + 3, 5, rect.height() - 6), colour)

        base = QFont(option.font)
        small = QFont(base)
        small.setPointSizeF(base.pointSizeF() * 0.9)
        bold = QFont(small)
        bold.setBold(True)
        inner = rect.adjusted(_PAD + 4, _PAD - 2, -_PAD, -_PAD + 2)
        y = inner.top()

        top_metrics = QFontMetricsF(small)
        painter.setFont(small)
        mark = "“ Direct quote" if card.is_quote else "Paraphrase"
        painter.setPen(colour if card.is_quote else _MUTED)
        painter.drawText(QRectF(inner.left(), y, inner.width(), top_metrics.height()), mark)
        badge = _paint_badge(painter, card.verdict_label, bold, QPointF(inner.right(), y))
        answer = index.data(AnswerRole)
        if answer:
            painter.setFont(bold)
            painter.setPen(QColor("#b03a2e") if answer == LinkType.REBUTS else _MUTED)
            room = inner.width() - badge - top_metrics.horizontalAdvance(mark) - 8
            label = f"{LinkType(answer).label} the claim at {'left' if index.column() else 'right'}"
            painter.drawText(
                QRectF(inner.left(), y, inner.width() - badge, top_metrics.height()),
                Qt.AlignmentFlag.AlignRight,
                QFontMetricsF(bold).elidedText(label, Qt.TextElideMode.ElideRight, max(room, 0)),
            )
        y += top_metrics.height() + 2

        text_metrics = QFontMetricsF(base)
        painter.setFont(base)
        painter.setPen(QColor("#1d232b"))
        text = f"“{card.text}”" if card.is_quote else card.text
        for line in _elided_lines(text, base, inner.width(), _TEXT_LINES):
            painter.drawText(QPointF(inner.left(), y + text_metrics.ascent()), line)
            y += text_metrics.height()

        bottom = inner.bottom()
        meta = f"{card.outlet_name or 'no outlet'} · {card.date_label}"
        painter.setFont(small)
        painter.setPen(_MUTED)
        painter.drawText(
            QPointF(inner.left(), bottom - top_metrics.descent()),
            top_metrics.elidedText(meta, Qt.TextElideMode.ElideRight, inner.width()),
        )
        painter.setFont(bold)
        painter.setPen(QColor("#1d232b"))
        bold_metrics = QFontMetricsF(bold)
        painter.drawText(
            QPointF(inner.left(), bottom - top_metrics.height() - bold_metrics.descent()),
            bold_metrics.elidedText(card.byline, Qt.TextElideMode.ElideRight, inner.width()),
        )
