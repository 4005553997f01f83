"""File > Export: every format, for all statements or the ones the current filter shows."""

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.filters import StatementFilter
from desktop.services.catalog import describe_filter
from desktop.services.exporting.brief import default_title
from desktop.services.exporting.output_file import ExportRefused, refuse_database_files
from desktop.services.workspace import Workspace
from desktop.ui.brief_preview import BriefPreviewDialog
from desktop.ui.exporting.brief_document import typeset_brief
from desktop.ui.exporting.formats import BY_KEY, FORMATS, ExportCancelled, ExportScope, Progress, export, save_brief
from desktop.ui.files import last_folder, remember_folder, save_file, show_folder
from desktop.ui.job_dialog import JobDialog
from desktop.ui.plain_text import plain_label

_KEY = Qt.ItemDataRole.UserRole


def _stoppable(progress: Progress, cancelled) -> Progress:
    """`progress`, raising ExportCancelled once `cancelled()` says so."""

    def report(done: int, total: int) -> None:
        if cancelled():
            raise ExportCancelled
        progress(done, total)

    return report


class ExportDialog(JobDialog):
    """Pick a format, what to export and where; Export writes the file and says what it wrote.

    Statements are written in a thread of their own, with progress and Cancel; the
    pictures and the brief, which Qt draws on the GUI thread, take a moment at most.
    A brief is given a title and shown in a preview first; its Save writes it.
    """

    def __init__(
        self, parent: QWidget | None, workspace: Workspace, scope: ExportScope, settings: QSettings, filter_text: str = ""
    ):
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle("Export")
        self.setObjectName("exportDialog")
        self.db, self.jobs, self.scope = workspace.db, workspace.jobs, scope
        self.formats = QListWidget(objectName="exportFormats")
        for entry in FORMATS:
            self.formats.addItem(entry.label)
            self.formats.item(self.formats.count() - 1).setData(_KEY, entry.key)
        self.formats.setFixedHeight(self.formats.sizeHintForRow(0) * len(FORMATS) + 2 * self.formats.frameWidth() + 2)  # every format in view
        self.description = plain_label()
        self.description.setObjectName("exportDescription")
        self.everything = QRadioButton("&All statements", objectName="exportAll")
        self.filtered = QRadioButton(objectName="exportFiltered")
        self.filtered.setText(f"Only what the current &filter shows ({filter_text})" if filter_text else "Only what the current &filter shows (it shows everything)")
        group = QButtonGroup(self)
        group.addButton(self.everything)
        group.addButton(self.filtered)
        self.filtered.setChecked(not scope.chosen.is_empty)
        self.everything.setChecked(scope.chosen.is_empty)
        self.title = QLineEdit(objectName="exportTitle")
        self.title.setText(default_title(self.db, scope.chosen, scope.left, scope.right))
        self.title_label = QLabel("&Title:")
        self.title_label.setBuddy(self.title)
        self.path = QLineEdit(objectName="exportPath")
        self.path.setText(str(last_folder(settings, "export") / "parallax-export.csv"))
        browse = QPushButton("&Browse…")
        browse.clicked.connect(self._browse)
        self.browse = browse
        self.result_label = plain_label(selectable=True)
        self.result_label.setObjectName("exportResult")
        self.progress = QProgressBar(objectName="exportProgress")
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.progress.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = buttons.addButton("&Export", QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.setObjectName("exportButton")
        self.export_button.clicked.connect(self.export)
        self.show_folder_button = buttons.addButton("Show in &Folder", QDialogButtonBox.ButtonRole.ActionRole)
        self.show_folder_button.setObjectName("showFolderButton")
        self.show_folder_button.clicked.connect(self._show_folder)
        self.show_folder_button.hide()
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self._target = Path()  # where the running export writes, or the last one wrote
        self.preview: BriefPreviewDialog | None = None  # the brief shown before it is saved
        self._previewed = ""  # the format the preview saves in

        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(browse)
        scope_box = QVBoxLayout()
        scope_box.addWidget(self.everything)
        scope_box.addWidget(self.filtered)
        form = QFormLayout()
        form.addRow("&Format:", self.formats)
        form.addRow("", self.description)
        form.addRow("Statements:", scope_box)
        form.addRow(self.title_label, self.title)
        save_label = QLabel("&Save to:")
        save_label.setBuddy(self.path)
        form.addRow(save_label, where)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.result_label)
        layout.addWidget(self.progress)
        layout.addStretch()
        layout.addWidget(buttons)
        self.setMinimumWidth(620)

        self.formats.currentRowChanged.connect(self._format_changed)
        self.formats.setCurrentRow(0)

    def chosen_key(self) -> str:
        return self.formats.currentItem().data(_KEY)

    def _format_changed(self, *_row) -> None:
        entry = BY_KEY[self.chosen_key()]
        note = " It follows the current filter and sides." if entry.whole_view else ""
        self.description.setText(entry.description + note)
        for button in (self.everything, self.filtered):
            button.setEnabled(not entry.whole_view)
        if entry.whole_view:
            self.filtered.setChecked(True)
        for widget in (self.title_label, self.title):
            widget.setVisible(entry.brief is not None)
        self.export_button.setText("&Preview…" if entry.brief is not None else "&Export")
        path = Path(self.path.text())
        known = {f.suffix for f in FORMATS}
        if path.suffix.lower() in known or not path.suffix:
            self.path.setText(str(path.with_suffix(entry.suffix)))
        self.result_label.setText("")
        self.show_folder_button.hide()

    def _browse(self) -> None:
        entry = BY_KEY[self.chosen_key()]
        name = Path(self.path.text()).name or f"parallax-export{entry.suffix}"
        path = save_file(self, self.settings, "export", "Export To", name, f"{entry.label} (*{entry.suffix})")
        if path:
            self.path.setText(path if Path(path).suffix else path + entry.suffix)

    def export(self) -> None:
        """Write the chosen export; the outcome is shown under the form once it is written."""
        path = Path(self.path.text().strip()).expanduser()
        chosen = self.scope.chosen if self.filtered.isChecked() else StatementFilter()
        scope = ExportScope(chosen, self.scope.left, self.scope.right, self.scope.bucket, self.title.text())
        key, db = self.chosen_key(), self.db
        self.show_folder_button.hide()
        try:
            refuse_database_files(db, path)  # before a brief is laid out and previewed for nothing
            path.parent.mkdir(parents=True, exist_ok=True)  # a folder typed in, or Documents gone since
        except (OSError, ExportRefused) as error:
            self._show_outcome(error, path)
            return
        if BY_KEY[key].brief is not None:
            self._preview(key, path, scope)
            return
        if not BY_KEY[key].threaded:
            QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                written = export(db, key, path, scope)
            except Exception as error:  # noqa: BLE001 - shown under the form
                written = error
            finally:
                QGuiApplication.restoreOverrideCursor()
            self._show_outcome(written, path)
            return

        def work(progress, cancelled):
            try:
                return export(db, key, path, scope, _stoppable(progress, cancelled))
            except ExportCancelled:
                return None

        self._set_running(True)
        self._target = path
        self._worker = self.jobs.start(work, self._finished, self._finished, self.progress.setValue,
                                       writes=False, name=f"Exporting {path}")

    def _preview(self, key: str, path: Path, scope: ExportScope) -> None:
        """Lay the brief out and show its pages; the preview's Save writes them (see _preview_closed)."""
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            typeset = typeset_brief(self.db, scope.chosen, scope.left, scope.right, scope.bucket, scope.title)
        except Exception as error:  # noqa: BLE001 - shown under the form
            self._show_outcome(error, path)
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self._target, self._previewed = path, key
        self.preview = BriefPreviewDialog(self, typeset, path)
        self.preview.finished.connect(self._preview_closed)
        self.preview.open()

    def _preview_closed(self, result: int) -> None:
        preview, self.preview = self.preview, None
        preview.deleteLater()
        if result != BriefPreviewDialog.DialogCode.Accepted:
            self.result_label.setStyleSheet("")
            self.result_label.setText(f"Nothing was saved; {self._target} was left as it was.")
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            written = save_brief(self.db, preview.typeset, self._previewed, self._target)
        except Exception as error:  # noqa: BLE001 - shown under the form
            written = error
        finally:
            QGuiApplication.restoreOverrideCursor()
        self._show_outcome(written, self._target)

    def is_running(self) -> bool:
        return self._worker is not None

    def _set_running(self, running: bool) -> None:
        for widget in (self.formats, self.everything, self.filtered, self.path, self.browse, self.export_button):
            widget.setEnabled(not running)
        if running:
            self.result_label.setStyleSheet("")
            self.result_label.setText("Exporting…")
            self.progress.setValue(0)
            self.close_button.setText("Cancel")
        else:
            self._format_changed()
            self.close_button.setText("Close")
            self.close_button.setEnabled(True)
        self.progress.setVisible(running)

    def _finished(self, written) -> None:
        """The count written, None when cancelled, or the exception that stopped it."""
        self._worker = None
        self._set_running(False)
        self._show_outcome(written, self._target)

    def _show_outcome(self, written, path: Path) -> None:
        """Say what was written: a count, nothing (cancelled), or why nothing was."""
        failed = isinstance(written, Exception)
        self.result_label.setStyleSheet("color: #b3261e;" if failed else "")
        if failed:
            self.result_label.setText(f"Nothing was exported: {written}")
        elif written is None:
            self.result_label.setText(f"Export cancelled; {path} was left as it was.")
        else:
            self.result_label.setText(f"Exported {written} to {path}")
            self._target = path
            self.show_folder_button.show()
            remember_folder(self.settings, "export", path)

    def _show_folder(self) -> None:
        """Open the folder the export was written to."""
        if not show_folder(self._target.parent):
            self.result_label.setText(f"The folder could not be opened. It is:\n{self._target.parent}")

    def _show_cancelling(self) -> None:
        self.result_label.setText("Cancelling…")
        self.close_button.setEnabled(False)


def open_export_dialog(window) -> ExportDialog:
    """Show the export dialog for the window's database, filter, sides and chart bucket."""
    state = window.state
    scope = ExportScope(state.filter, state.left_side, state.right_side, window.chart.bucket())
    dialog = ExportDialog(window, window.workspace, scope, window.settings, describe_filter(window.db, state.filter))
    dialog.open()
    return dialog
