"""Saving the Analysis view's tables as CSV and its charts as PNG or SVG.

A table is written whole, not only the rows shown: its model says how to read every row
(`export_source`, see tables.py), and the rows are read and written off the GUI thread by
the jobs service, a long table with a progress dialog that can cancel it. Cells are
neutralised as in every CSV Parallax writes (csv_cells.py); the file is written beside
the one chosen and replaces it whole (output_file.py).
"""

import csv
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QDialogButtonBox, QProgressBar, QVBoxLayout, QWidget

from desktop.services.csv_cells import neutralise
from desktop.services.exporting.output_file import written_beside
from desktop.services.wording import plural
from desktop.ui.analysis.tables import ExportSource
from desktop.ui.exporting.chart_image import plot_bytes
from desktop.ui.files import save_file
from desktop.ui.job_dialog import JobDialog
from desktop.ui.plain_text import plain_label

_CHUNK = 2_000  # rows read from the database at once
_WITH_DIALOG = 20_000  # rows from which a table is written with a progress dialog
_CHART_WIDTH = 1600  # pixels of a saved PNG


class TableCancelled(Exception):
    """The editor cancelled a table's export."""


def _source(model: QAbstractItemModel) -> ExportSource:
    """What the model exports: its own `export_source`, else every cell it shows (a small table)."""
    if hasattr(model, "export_source"):
        return model.export_source()
    columns, count = model.columnCount(), model.rowCount()
    header = [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(columns)]
    rows = [[str(model.index(r, c).data() or "") for c in range(columns)] for r in range(count)]
    return ExportSource(header, count, lambda start, stop: rows[start:stop])


def write_table(source: ExportSource, path: Path, db=None, progress=None, cancelled=None) -> int:
    """Write the table to `path` as CSV, its cells neutralised; the rows written."""
    with written_beside(path, db, encoding="utf-8-sig", newline="") as file:
        writer = csv.writer(file)
        writer.writerow([neutralise(cell) for cell in source.header])
        for start in range(0, source.count, _CHUNK):
            if cancelled is not None and cancelled():
                raise TableCancelled
            stop = min(start + _CHUNK, source.count)
            writer.writerows([[neutralise(cell) for cell in row] for row in source.read(start, stop)])
            if progress is not None:
                progress(stop, source.count)
    return source.count


def _main_window(parent: QWidget):
    return QWidget.window(parent)  # Qt's own: a panel may keep the main window in an attribute called `window`


def save_table(parent: QWidget, model: QAbstractItemModel, name: str) -> None:
    """Ask where to save the table shown by `model` as CSV (`name` is the file's first name), then write it whole
    in the background; a long one shows its progress and can be cancelled."""
    window = _main_window(parent)
    path = save_file(parent, window.settings, "export", "Export Table", f"{name}.csv", "CSV files (*.csv)")
    if not path:
        return
    path = Path(path) if Path(path).suffix else Path(path + ".csv")
    source = _source(model)
    db, jobs = window.db, window.workspace.jobs

    def work(progress, cancelled):
        try:
            return write_table(source, path, db, progress, cancelled)
        except TableCancelled:
            return None

    if source.count < _WITH_DIALOG:
        told = _Told(window, path)
        jobs.start(work, told.done, told.failed, writes=False, name=f"Exporting {path}")
        return
    dialog = TableExportDialog(window, path, source.count)
    dialog.start(jobs, work)


class _Told:
    """Says in the status bar how a short export ended, or shows why it failed."""

    def __init__(self, window, path: Path):
        self.window, self.path = window, path

    def done(self, written: int | None) -> None:
        self.window.statusBar().showMessage(f"Exported {plural(written or 0, 'row')} to {self.path}", 8000)

    def failed(self, error: Exception) -> None:
        self.window.show_error(f"The table was not exported: {error}")


class TableExportDialog(JobDialog):
    """The progress of a long table's export, with Cancel; then what was written."""

    def __init__(self, parent: QWidget, path: Path, count: int):
        super().__init__(parent)
        self.setWindowTitle("Export Table")
        self.path = path
        self.label = plain_label(f"Writing {plural(count, 'row')} to {path}…")
        self.progress = QProgressBar(maximum=1000)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.label, self.progress, self.buttons):
            layout.addWidget(widget)

    def start(self, jobs, work) -> None:
        """Run the export, showing its progress."""
        self._worker = jobs.start(work, self._finished, self._finished, self.progress.setValue, writes=False,
                                  name=f"Exporting {self.path}")
        self.open()

    def _finished(self, written) -> None:
        self._worker = None
        self.progress.hide()
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)
        if isinstance(written, Exception):
            self.label.setText(f"Nothing was exported: {written}")
        elif written is None:
            self.label.setText(f"Export cancelled; {self.path} was left as it was.")
        else:
            self.label.setText(f"Exported {plural(written, 'row')} to {self.path}")

    def _show_cancelling(self) -> None:
        self.label.setText("Cancelling…")


def save_chart(parent: QWidget, plot: pg.PlotWidget | pg.PlotItem, name: str) -> None:
    """Ask where to save a chart (`name` is the file's first name) and save it as PNG or SVG, as it is drawn."""
    window = _main_window(parent)
    view = plot.getViewWidget() if isinstance(plot, pg.PlotItem) else plot
    filters = "PNG image (*.png);;SVG image (*.svg)"
    path = save_file(parent, window.settings, "export", "Export Chart", f"{name}.png", filters)
    if not path:
        return
    path = Path(path)
    if path.suffix.lower() not in (".png", ".svg"):
        path = path.with_name(path.name + ".png")
    try:
        drawn = plot_bytes(view, path.suffix.lower(), _CHART_WIDTH, name)
        with written_beside(path, window.db) as file:
            file.write(drawn)
    except OSError as error:
        window.show_error(f"The chart was not saved: {error}")
        return
    window.statusBar().showMessage(f"Saved the chart to {path}", 8000)

