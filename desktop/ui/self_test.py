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
    columns = window.comparison_model.column_counts()
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
