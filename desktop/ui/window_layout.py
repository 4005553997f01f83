"""The main window's size, place, docks, tabs and chart bucket: remembered between sessions, sized from the screen at first."""

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QTabWidget

from desktop.services.timeline import Bucket
from desktop.ui.screen_fit import available_area, fit_to_screen, keep_on_screen
from desktop.ui.timeline_chart import TimelineChart

_SCREEN_SHARE = 0.9  # of the screen's available area a first window takes, up to the size below
_LARGEST_FIRST_SIZE = QSize(1680, 1050)
# Docks on a first launch, as (share of the window, least, most) in pixels: the comparison keeps the
# rest, so a short laptop screen still shows two or three bands of cards above the chart.
_NAVIGATOR_WIDTH = (0.22, 240, 320)
_INSPECTOR_WIDTH = (0.25, 260, 400)
_CHART_HEIGHT = (0.26, 150, 280)


def _share(length: int, share: float, least: int, most: int) -> int:
    return max(least, min(most, round(length * share)))


def restore_layout(window: QMainWindow, settings: QSettings, docks: dict[str, QDockWidget], chart: TimelineChart) -> None:
    """The size, place and docks remembered, brought onto the screens attached now; on a first launch,
    a window sized from the screen with docks in proportion to it."""
    geometry = settings.value("window/geometry")
    state = settings.value("window/state")
    if isinstance(geometry, QByteArray) and window.restoreGeometry(geometry):
        keep_on_screen(window)
    else:
        fit_to_screen(window, (available_area(window).size() * _SCREEN_SHARE).boundedTo(_LARGEST_FIRST_SIZE))
    if not (isinstance(state, QByteArray) and window.restoreState(state)):
        width, height = window.width(), window.height()
        window.resizeDocks(
            [docks["navigator"], docks["inspector"]],
            [_share(width, *_NAVIGATOR_WIDTH), _share(width, *_INSPECTOR_WIDTH)],
            Qt.Orientation.Horizontal,
        )
        window.resizeDocks([docks["chart"]], [_share(height, *_CHART_HEIGHT)], Qt.Orientation.Vertical)
    bucket = settings.value("chart/bucket", Bucket.WEEK.value)
    if bucket in {b.value for b in Bucket}:
        chart.set_bucket(Bucket(bucket))


def save_layout(window: QMainWindow, settings: QSettings, chart: TimelineChart) -> None:
    """Remember the window's size, place, docks and chart bucket for the next session."""
    settings.setValue("window/geometry", window.saveGeometry())
    settings.setValue("window/state", window.saveState())
    settings.setValue("chart/bucket", chart.bucket().value)
    settings.sync()


def restore_tabs(settings: QSettings, tabs: dict[str, QTabWidget]) -> None:
    """Show the tab each tab widget showed last (known by its text, so tabs added since keep their places)."""
    for name, widget in tabs.items():
        shown = settings.value(f"tabs/{name}")
        texts = [widget.tabText(index) for index in range(widget.count())]
        if shown in texts:
            widget.setCurrentIndex(texts.index(shown))


def save_tabs(settings: QSettings, tabs: dict[str, QTabWidget]) -> None:
    """Remember the tab each tab widget shows."""
    for name, widget in tabs.items():
        settings.setValue(f"tabs/{name}", widget.tabText(widget.currentIndex()))
