"""Keeping every window and dialog inside the screen it opens on, from a 1280×720 laptop to a large monitor.

Windows are sized from the screen's available area (its size less task bars and docks),
never from a fixed size, and a size or place remembered from another monitor is brought
onto the screens attached now. Forms too tall for a short screen scroll inside their
dialog, with the dialog's buttons kept below the scroll area, always in view.
"""

from PySide6.QtCore import QEvent, QMargins, QObject, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QApplication, QDialog, QFrame, QScrollArea, QWidget

# What a window manager adds around a window not yet shown (a title bar, borders); Qt's own
# dialog placement assumes the same when no shown window tells it better.
_DECORATION = QMargins(10, 40, 10, 10)


def available_area(window: QWidget) -> QRect:
    """The available geometry of the screen `window` (or the window it belongs to) is on."""
    anchor = window.parentWidget().window() if window.parentWidget() is not None else window
    screen = anchor.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def _decoration(window: QWidget) -> QMargins:
    """The frame a window has around its contents: measured on the window, the window it belongs to or the active
    one, else assumed. (Not on every top-level widget: a wrapper Qt handed out for one it has since deleted, such
    as a tooltip, can outlive it, and asking it anything crashed the process.)"""
    parent = window.parentWidget()
    shown = [window, parent.window() if parent is not None else None, QApplication.activeWindow()]
    for candidate in (w for w in shown if w is not None and w.isVisible()):
        frame, inner = candidate.frameGeometry(), candidate.geometry()
        margins = QMargins(inner.left() - frame.left(), inner.top() - frame.top(),
                           frame.right() - inner.right(), frame.bottom() - inner.bottom())
        if 0 < margins.top() < 100:  # a window manager's frame, not one of a window embedded elsewhere
            return margins
    return _DECORATION


def _room(window: QWidget, area: QRect) -> QSize:
    """The largest size of `window`'s contents whose frame fits in `area`."""
    return area.marginsRemoved(_decoration(window)).size()


def fit_size(window: QWidget, preferred: QSize) -> None:
    """Resize a top-level window to `preferred`, shrunk where needed to fit its screen's available area."""
    window.resize(preferred.boundedTo(_room(window, available_area(window))))


def fit_to_screen(window: QWidget, preferred: QSize) -> None:
    """Size a top-level window as `preferred` allows on its screen and centre it there."""
    fit_size(window, preferred)
    _place(window, available_area(window), centre=True)


def _frame(window: QWidget) -> QRect:
    """Where the window's frame is, or will be once shown (its position is its frame's)."""
    if window.isVisible():
        return window.frameGeometry()
    return QRect(window.pos(), window.size().grownBy(_decoration(window)))


def _place(window: QWidget, area: QRect, *, centre: bool) -> None:
    """Move the window's frame wholly into `area`: to its centre, or only as far as it must."""
    frame = _frame(window)
    if centre:
        frame.moveCenter(area.center())
    frame.moveLeft(max(area.left(), min(frame.left(), area.right() - frame.width() + 1)))
    frame.moveTop(max(area.top(), min(frame.top(), area.bottom() - frame.height() + 1)))
    window.move(frame.topLeft())


def keep_on_screen(window: QWidget) -> None:
    """Bring a window whose geometry was restored (saved on another monitor, perhaps) wholly onto a current screen.

    It goes to the screen it overlaps most, or the primary screen when it overlaps none (a monitor no
    longer attached), and shrinks if it is larger than that screen's available area. A maximised or
    full-screen window is left to the window manager.
    """
    if window.windowState() & (Qt.WindowState.WindowMaximized | Qt.WindowState.WindowFullScreen):
        return
    frame = _frame(window)
    overlap, area = max(
        ((_area_of(frame.intersected(s.availableGeometry())), s.availableGeometry()) for s in QGuiApplication.screens()),
        key=lambda pair: pair[0],
    )
    if not overlap:
        area = QGuiApplication.primaryScreen().availableGeometry()
    window.resize(window.size().boundedTo(_room(window, area)))
    _place(window, area, centre=not overlap)


def _area_of(rect: QRect) -> int:
    return 0 if rect.isEmpty() else rect.width() * rect.height()


class ScreenFitDialog(QDialog):
    """A dialog that opens no larger than its screen's available area, so its buttons are always reachable.

    Each time it is shown it takes the size it was given (or else its size hint), shrunk to the
    room on the screen; Qt then centres it on its parent and keeps it on the screen.
    """

    def showEvent(self, event: QShowEvent) -> None:
        if not event.spontaneous():
            resized = self.testAttribute(Qt.WidgetAttribute.WA_Resized)
            fit_size(self, self.size() if resized else self.sizeHint())
        super().showEvent(event)


class FittingScrollArea(QScrollArea):
    """A frameless scroll area as tall as its contents want, scrolling only when the window is shorter.

    The contents get the whole height there is, and never less than their least height at
    the width there is; a plain QScrollArea asks for at most about 24 lines (so a form in it
    would scroll even on a tall screen) and gives contents whose text wraps their preferred
    height, not their least (so it would scroll on a screen they fit).
    """

    def __init__(self, contents: QWidget, parent: QWidget | None = None, *, min_lines: int = 8):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWidget(contents)
        self._min_height = self.fontMetrics().lineSpacing() * min_lines

    def _least_height(self, width: int) -> int:
        layout = self.widget().layout()
        if layout is not None and layout.hasHeightForWidth():
            return layout.totalMinimumHeightForWidth(width)
        return self.widget().minimumSizeHint().height()

    def _fit_contents(self) -> None:
        width = self.viewport().width()
        self.widget().resize(width, max(self.viewport().height(), self._least_height(width)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_contents()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self._fit_contents()  # rows shown or hidden, text rewrapped
        return super().eventFilter(watched, event)

    def sizeHint(self) -> QSize:
        hint = self.widget().sizeHint()
        layout = self.widget().layout()
        if layout is not None and layout.hasHeightForWidth():  # wrapped text as tall as it is at the width it has
            hint.setHeight(layout.totalHeightForWidth(max(hint.width(), self.viewport().width())))
        bar = self.verticalScrollBar().sizeHint().width()
        return QSize(hint.width() + bar, hint.height())

    def minimumSizeHint(self) -> QSize:
        minimum = self.widget().minimumSizeHint()
        bar = self.verticalScrollBar().sizeHint().width()
        return QSize(minimum.width() + bar, min(minimum.height(), self._min_height))
