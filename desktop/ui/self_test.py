"""Rendering the main window to a PNG and saying what it shows."""

import time

from PySide6.QtCore import QEventLoop, QSize
from PySide6.QtWidgets import QApplication

from desktop.services.exporting.output_file import written_beside
from desktop.ui.exporting.in_memory import png_bytes
from desktop.ui.main_window import MainWindow

_WAIT_MS = 120_000
# The window is drawn at the size of the commonest newsroom laptop's screen, whatever screen
# (often a small virtual one) the test runs on, so screenshots compare from run to run.
SHOT_SIZE = QSize(1366, 768)


def render_and_summarise(window: MainWindow, output: str) -> dict:
    """Show the window, let it finish its views and paint, save it as a PNG (in `written_beside`) and return what is on screen."""
    window.resize(SHOT_SIZE)
    window.show()
    deadline = time.monotonic() + _WAIT_MS / 1000
    while not window.view_is_complete and time.monotonic() < deadline:
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 100)
    QApplication.processEvents()
    with written_beside(output, window.db) as file:  # never over the database, never half a picture
        file.write(png_bytes(window.grab().toImage()))
    panel = window.comparison
    columns = window.comparison_model.column_counts() or (None, None)
    return {
        "database": window.db.label,
        "columns": [
            {"side": panel.left_picker.currentText(), "statements": columns[0]},
            {"side": panel.right_picker.currentText(), "statements": columns[1]},
        ],
        "rows_laid_out": window.comparison_model.rowCount(),
        "chart_totals": window.chart.totals(),
        "screenshot": output,
    }
