"""Rendering the main window to a PNG and saying what it shows."""

from PySide6.QtWidgets import QApplication

from desktop.ui.main_window import MainWindow


def render_and_summarise(window: MainWindow, output: str) -> dict:
    """Show the window, let it paint, save it as a PNG and return what is on screen."""
    window.show()
    QApplication.processEvents()
    if not window.grab().save(output, "PNG"):
        raise OSError(f"could not write {output}")
    panel = window.comparison
    layout = window.comparison_model
    columns = [0, 0]
    for row in range(layout.rowCount()):
        for column in range(2):
            if layout.statement_id(layout.index(row, column)) is not None:
                columns[column] += 1
    return {
        "database": window.db.label,
        "columns": [
            {"side": panel.left_picker.currentText(), "statements": columns[0]},
            {"side": panel.right_picker.currentText(), "statements": columns[1]},
        ],
        "rows": layout.rowCount(),
        "chart_totals": window.chart.totals(),
        "screenshot": output,
    }
