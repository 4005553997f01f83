"""File > Export: every format, for all statements or the ones the current filter shows."""

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.filters import StatementFilter
from desktop.services.catalog import describe_filter
from desktop.storage.database import Database
from desktop.ui.exporting.formats import BY_KEY, FORMATS, ExportScope, export
from desktop.ui.plain_text import plain_label

_KEY = Qt.ItemDataRole.UserRole


class ExportDialog(QDialog):
    """Pick a format, what to export and where; Export writes the file and says what it wrote."""

    def __init__(self, parent: QWidget | None, db: Database, scope: ExportScope, filter_text: str = ""):
        super().__init__(parent)
        self.setWindowTitle("Export")
        self.setObjectName("exportDialog")
        self.db, self.scope = db, scope
        self.formats = QListWidget(objectName="exportFormats")
        for entry in FORMATS:
            self.formats.addItem(entry.label)
            self.formats.item(self.formats.count() - 1).setData(_KEY, entry.key)
        self.formats.setMaximumHeight(self.formats.sizeHintForRow(0) * len(FORMATS) + 8)
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
        self.path = QLineEdit(objectName="exportPath")
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        self.path.setText(str(Path(folder or Path.home()) / "parallax-export.csv"))
        browse = QPushButton("&Browse…")
        browse.clicked.connect(self._browse)
        self.result_label = plain_label(selectable=True)
        self.result_label.setObjectName("exportResult")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = buttons.addButton("&Export", QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.setObjectName("exportButton")
        self.export_button.clicked.connect(self.export)
        buttons.rejected.connect(self.reject)

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
        save_label = QLabel("&Save to:")
        save_label.setBuddy(self.path)
        form.addRow(save_label, where)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.result_label)
        layout.addStretch()
        layout.addWidget(buttons)
        self.setMinimumWidth(620)

        self.formats.currentRowChanged.connect(lambda _: self._format_changed())
        self.formats.setCurrentRow(0)

    def chosen_key(self) -> str:
        return self.formats.currentItem().data(_KEY)

    def _format_changed(self) -> None:
        entry = BY_KEY[self.chosen_key()]
        note = " It follows the current filter and sides." if entry.whole_view else ""
        self.description.setText(entry.description + note)
        for button in (self.everything, self.filtered):
            button.setEnabled(not entry.whole_view)
        if entry.whole_view:
            self.filtered.setChecked(True)
        path = Path(self.path.text())
        known = {f.suffix for f in FORMATS}
        if path.suffix.lower() in known or not path.suffix:
            self.path.setText(str(path.with_suffix(entry.suffix)))
        self.result_label.setText("")

    def _browse(self) -> None:
        entry = BY_KEY[self.chosen_key()]
        path, _ = QFileDialog.getSaveFileName(self, "Export To", self.path.text(), f"{entry.label} (*{entry.suffix})")
        if path:
            self.path.setText(path if Path(path).suffix else path + entry.suffix)

    def export(self) -> bool:
        """Write the chosen export; True on success. The outcome is shown under the form."""
        path = Path(self.path.text().strip()).expanduser()
        chosen = self.scope.chosen if self.filtered.isChecked() else StatementFilter()
        scope = ExportScope(chosen, self.scope.left, self.scope.right, self.scope.bucket)
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            written = export(self.db, self.chosen_key(), path, scope)
        except (OSError, ValueError) as error:
            self.result_label.setStyleSheet("color: #b3261e;")
            self.result_label.setText(f"Nothing was exported: {error}")
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.result_label.setStyleSheet("")
        self.result_label.setText(f"Exported {written} to {path}")
        return True


def open_export_dialog(window) -> ExportDialog:
    """Show the export dialog for the window's database, filter, sides and chart bucket."""
    state = window.state
    scope = ExportScope(state.filter, state.left_side, state.right_side, window.chart.bucket())
    dialog = ExportDialog(window, window.db, scope, describe_filter(window.db, state.filter))
    dialog.open()
    return dialog
