"""Dragging statement cards: the ids travel as mime data of their own, which the navigator takes on a story."""

import json

from PySide6.QtCore import QByteArray, QEvent, QMimeData, QObject, QPoint, Qt
from PySide6.QtGui import QDrag, QMouseEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication

from desktop.ui.comparison_model import StatementIdRole

STATEMENTS_MIME = "application/x-parallax-statement-ids"


def statements_mime(ids: list[int]) -> QMimeData:
    """Mime data carrying statement ids."""
    data = QMimeData()
    data.setData(STATEMENTS_MIME, QByteArray(json.dumps([int(i) for i in ids]).encode()))
    return data


def dragged_statements(data: QMimeData | None) -> list[int]:
    """The statement ids mime data carries; none when it carries something else."""
    if data is None or not data.hasFormat(STATEMENTS_MIME):
        return []
    try:
        ids = json.loads(bytes(data.data(STATEMENTS_MIME)).decode())
    except ValueError:
        return []
    return [i for i in ids if isinstance(i, int)] if isinstance(ids, list) else []


def selected_statements(view: QAbstractItemView) -> list[int]:
    """The ids of the statements selected in a view of cards, in the order shown."""
    indexes = sorted(view.selectionModel().selectedIndexes(), key=lambda index: (index.row(), index.column()))
    ids = (index.data(StatementIdRole) for index in indexes)
    return list(dict.fromkeys(i for i in ids if i is not None))


class StatementDragStarter(QObject):
    """Starts a drag of statement cards from a view: the card pressed, or every selected card when it is one of them.

    It watches the view's mouse (an event filter), so the view needs no drag support of its own.
    """

    def __init__(self, view: QAbstractItemView):
        super().__init__(view)
        self._view = view
        self._pressed: tuple[QPoint, int] | None = None
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress and event.button() == Qt.MouseButton.LeftButton:
            statement_id = self._view.indexAt(event.position().toPoint()).data(StatementIdRole)
            self._pressed = (event.position().toPoint(), statement_id) if statement_id is not None else None
        elif kind == QEvent.Type.MouseButtonRelease:
            self._pressed = None
        elif kind == QEvent.Type.MouseMove and self._pressed is not None and self._far_enough(event):
            self._drag(*self._pressed)
            return True
        return False

    def _far_enough(self, event: QMouseEvent) -> bool:
        moved = event.position().toPoint() - self._pressed[0]
        return bool(event.buttons() & Qt.MouseButton.LeftButton) and moved.manhattanLength() >= QApplication.startDragDistance()

    def _drag(self, pressed_at: QPoint, statement_id: int) -> None:
        self._pressed = None
        selected = selected_statements(self._view)
        card = self._view.visualRect(self._view.indexAt(pressed_at))
        drag = QDrag(self._view)
        drag.setMimeData(statements_mime(selected if statement_id in selected else [statement_id]))
        drag.setPixmap(self._view.viewport().grab(card).scaledToWidth(min(card.width(), 320)))
        drag.setHotSpot(QPoint(0, 0))
        drag.exec(Qt.DropAction.MoveAction)
