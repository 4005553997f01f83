"""Paints a statement as a card: text, speaker and role, outlet and date, quote mark.

A card spanning several rows (a claim beside its answers) shows more of its text; a card
shown for context (outside the filter) is faded and dashed; an echo (a claim or answer
shown again beside what it relates to) is faded and says so; a card linked to the
selected one is outlined; a card with statements folded into it shows their count,
which a click unfolds; words searched for are marked.
"""

import re

from PySide6.QtCore import QEvent, QModelIndex, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QMouseEvent, QPainter, QPen, QTextLayout, QTextOption
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from desktop.domain.pairing import ECHO_OF_ANSWER, ECHO_OF_CLAIM, Cell
from desktop.ui.comparison_model import AnswerRole, CardRole, CellRole, GroupRole, HighlightRole

CARD_HEIGHT = 136
_MARGIN = 6
_PAD = 10
_TEXT_LINES = 4
_HIGHLIGHT = QColor("#1f6feb")
_WIDE_CARD = 420  # px of a card's inside from which its count of folded statements is said in words
_MATCH = QColor("#ffe27a")
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
    """Draws cards of a fixed row height so a long list scrolls without measuring every row."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        return QSize(320, CARD_HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        group = index.data(GroupRole) or 0
        painter.fillRect(option.rect, _BANDS[group % 2])
        card = index.data(CardRole)
        cell: Cell | None = index.data(CellRole)
        if card is not None and cell is not None:
            if cell.context or cell.echo:
                painter.setOpacity(0.55)
            self._paint_card(painter, option, index, card, cell)
        painter.restore()

    def editorEvent(self, event, model, option: QStyleOptionViewItem, index: QModelIndex) -> bool:
        """A click on a card's count of folded statements unfolds them (or folds them again)."""
        if event.type() == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent):
            cell: Cell | None = index.data(CellRole)
            if cell is not None and cell.folded and cell.echo is None and _fold_badge(option, len(cell.folded))[0].contains(event.position()):
                view = self.parent()
                if hasattr(view, "toggle_folded"):
                    view.toggle_folded(index)
                    return True
        return super().editorEvent(event, model, option, index)

    def _paint_card(self, painter, option, index, card, cell: Cell) -> None:
        rect = QRectF(option.rect).adjusted(_MARGIN, _MARGIN, -_MARGIN, -_MARGIN)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        linked = bool(index.data(HighlightRole))
        colour = QColor(card.side_colour)
        if selected:
            pen = QPen(colour, 2)
        elif linked:
            pen = QPen(_HIGHLIGHT, 2)
        else:
            pen = QPen(QColor("#d3d9e0"), 1, Qt.PenStyle.DashLine if cell.context else Qt.PenStyle.SolidLine)
        painter.setPen(pen)
        painter.setBrush(QColor("#fffdf4") if selected else QColor("#eef4ff") if linked else QColor("#ffffff"))
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
        if cell.echo == ECHO_OF_CLAIM:
            mark = "↔ Claim answered beside"
        elif cell.echo == ECHO_OF_ANSWER:
            mark = "↔ Also shown above"
        elif cell.context:
            mark = "Outside the filter"
        else:
            mark = "“ Direct quote" if card.is_quote else "Paraphrase"
        painter.setPen(colour if card.is_quote and not (cell.echo or cell.context) else _MUTED)
        painter.drawText(QRectF(inner.left(), y, inner.width(), top_metrics.height()), mark)
        badge = _paint_badge(painter, card.verdict_label, bold, QPointF(inner.right(), y))
        answer = index.data(AnswerRole)
        if answer and cell.echo != ECHO_OF_CLAIM:
            painter.setFont(bold)
            painter.setPen(QColor("#b03a2e") if cell.how == "rebuts" else _MUTED)
            room = inner.width() - badge - top_metrics.horizontalAdvance(mark) - 8
            painter.drawText(
                QRectF(inner.left(), y, inner.width() - badge, top_metrics.height()),
                Qt.AlignmentFlag.AlignRight,
                QFontMetricsF(bold).elidedText(answer, Qt.TextElideMode.ElideRight, max(room, 0)),
            )
        y += top_metrics.height() + 2

        text_metrics = QFontMetricsF(base)
        footer = 2 * top_metrics.height() + 4
        room_lines = int((inner.bottom() - footer - y) // text_metrics.height())
        lines = max(1, min(room_lines, 2 if cell.echo else 24))
        painter.setFont(base)
        text = f"“{card.text}”" if card.is_quote else card.text
        words = getattr(index.model(), "words", "")
        for line in _elided_lines(text, base, inner.width(), lines):
            for start, end in _matches(line, words):
                left = inner.left() + text_metrics.horizontalAdvance(line[:start])
                width = text_metrics.horizontalAdvance(line[start:end])
                painter.fillRect(QRectF(left, y, width, text_metrics.height()), _MATCH)
            painter.setPen(QColor("#1d232b"))
            painter.drawText(QPointF(inner.left(), y + text_metrics.ascent()), line)
            y += text_metrics.height()

        bottom = inner.bottom()
        meta_width = inner.width()
        if cell.folded and cell.echo is None:
            fold, label = _fold_badge(option, len(cell.folded))
            meta_width = fold.left() - inner.left() - 6
            painter.setPen(QPen(_HIGHLIGHT, 1))
            painter.setBrush(QColor("#eef4ff"))
            painter.drawRoundedRect(fold, 4, 4)
            painter.setFont(small)
            painter.drawText(fold, Qt.AlignmentFlag.AlignCenter, label)
        meta = f"{card.outlet_name or 'no outlet'} · {card.date_label}"
        painter.setFont(small)
        painter.setPen(_MUTED)
        painter.drawText(
            QPointF(inner.left(), bottom - top_metrics.descent()),
            top_metrics.elidedText(meta, Qt.TextElideMode.ElideRight, meta_width),
        )
        painter.setFont(bold)
        painter.setPen(QColor("#1d232b"))
        bold_metrics = QFontMetricsF(bold)
        painter.drawText(
            QPointF(inner.left(), bottom - top_metrics.height() - bold_metrics.descent()),
            bold_metrics.elidedText(card.byline, Qt.TextElideMode.ElideRight, inner.width()),
        )


def _fold_badge(option: QStyleOptionViewItem, count: int) -> tuple[QRectF, str]:
    """Where a card shows the count of statements folded into it (on its last line, at the right), and
    how: in words on a wide card, as "+N ▾" on a narrow one, so the outlet and date beside it still show."""
    rect = QRectF(option.rect).adjusted(_MARGIN, _MARGIN, -_MARGIN, -_MARGIN)
    inner = rect.adjusted(_PAD + 4, _PAD - 2, -_PAD, -_PAD + 2)
    small = QFont(option.font)
    small.setPointSizeF(option.font.pointSizeF() * 0.9)
    metrics = QFontMetricsF(small)
    label = f"+{count} saying the same ▾" if inner.width() >= _WIDE_CARD else f"+{count} ▾"
    width = metrics.horizontalAdvance(label) + 14
    height = metrics.height() + 2
    return QRectF(inner.right() - width, inner.bottom() - height + 1, width, height), label


def _matches(line: str, words: str) -> list[tuple[int, int]]:
    """Where the searched words (as prefixes, any case) occur in a line of text."""
    terms = [re.escape(word) for word in re.findall(r"\w+", words)]
    if not terms:
        return []
    return [match.span() for match in re.finditer(rf"\b(?:{'|'.join(terms)})\w*", line, re.IGNORECASE)]
