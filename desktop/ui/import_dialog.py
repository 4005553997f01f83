"""File > Import: preview a file as it will be read, adjust how, then import it off the GUI thread."""

from functools import partial
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QSplitter,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from PySide6.QtCore import Qt

from desktop.services.importing import DayOrder, ImportOptions, Problem, import_files
from desktop.services.importing.encoding import CHOICES, label
from desktop.services.importing.operation import ImportOperation
from desktop.services.importing.preview import PREVIEW_ROWS, FilePreview, preview_file
from desktop.ui.files import open_files
from desktop.ui.import_models import FieldDelegate, MappingModel, PreviewModel
from desktop.ui.job_dialog import JobDialog
from desktop.ui.operation_runner import OperationRunner
from desktop.ui.plain_text import plain_label

FILE_FILTER = "Statement files (*.csv *.tsv *.json *.jsonl *.ndjson *.jsonld *.html *.htm);;All files (*)"
_DAY_ORDERS = [
    ("Report them as errors", None),
    ("Day first (11/12/2021 is 11 December)", DayOrder.DAY_FIRST),
    ("Month first (11/12/2021 is 12 November)", DayOrder.MONTH_FIRST),
]


def _problem_text(problem: Problem) -> str:
    where = Path(problem.file).name + (f":{problem.line}" if problem.line is not None else "")
    return f"{where}: {problem.message}"


def _table(model, name: str) -> QTableView:
    view = QTableView(objectName=name)
    view.setModel(model)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.horizontalHeader().setStretchLastSection(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    return view


class ImportDialog(JobDialog):
    """Preview, mapping, problems with their lines, progress and cancel; the result is one undo step."""

    def __init__(self, parent: QWidget | None, runner: OperationRunner, paths: list[Path]):
        super().__init__(parent)
        self.setWindowTitle("Import Statements")
        self.setObjectName("importDialog")
        self.runner, self.paths = runner, paths
        self.options = ImportOptions()
        self.summary = None

        self.file_picker = QComboBox(objectName="importFile")
        self.file_picker.addItems([path.name for path in paths])
        self.kind = plain_label()
        self.kind.setObjectName("importKind")
        self.encoding = QComboBox(objectName="importEncoding")
        self.encoding.addItem("Detect", None)
        for name in CHOICES:
            self.encoding.addItem(label(name), name)
        self.day_order = QComboBox(objectName="importDayOrder")
        for text, order in _DAY_ORDERS:
            self.day_order.addItem(text, order)
        self.mapping_model, self.preview_model = MappingModel(self), PreviewModel(self)
        self.mapping_view = _table(self.mapping_model, "importMapping")
        self.mapping_view.setItemDelegateForColumn(1, FieldDelegate(self.mapping_view))
        self.mapping_view.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.mapping_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.preview_view = _table(self.preview_model, "importPreview")
        self.preview_label = QLabel(f"<b>Preview</b> (the first {PREVIEW_ROWS} statements, as they will be imported)")
        self.problems_label = QLabel("<b>Warnings and errors</b>")
        self.problems = QListWidget(objectName="importProblems")
        self.progress = QProgressBar(objectName="importProgress")
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.status = plain_label()
        self.status.setObjectName("importStatus")
        note = QLabel("The import is all or nothing, and one step: Edit > Undo removes all of it.")
        note.setStyleSheet("color: #5f6b7a;")
        buttons = QDialogButtonBox()
        self.import_button = buttons.addButton("&Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("importButton")
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.import_button.clicked.connect(self.start_import)
        self.cancel_button.clicked.connect(self.reject)

        choices = QFormLayout()
        choices.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        choices.addRow("File:", self.file_picker)
        choices.addRow("Read as:", self.kind)
        choices.addRow("&Encoding:", self.encoding)
        choices.addRow("&Dates like 11/12/2021:", self.day_order)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        for title, view in (
            (QLabel("<b>Columns</b> (double-click to change what a column fills)"), self.mapping_view),
            (self.preview_label, self.preview_view),
        ):
            box = QWidget()
            box_layout = QVBoxLayout(box)
            box_layout.setContentsMargins(0, 0, 0, 0)
            box_layout.addWidget(title)
            box_layout.addWidget(view)
            self.splitter.addWidget(box)
        self.splitter.setSizes([380, 620])
        bottom = QHBoxLayout()
        bottom.addWidget(self.progress, 1)
        bottom.addStretch()
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(choices)
        layout.addWidget(self.splitter, 3)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.problems, 1)
        layout.addWidget(self.status)
        layout.addWidget(note)
        layout.addLayout(bottom)
        self.resize(1020, 700)

        self.file_picker.setVisible(len(paths) > 1)
        choices.labelForField(self.file_picker).setVisible(len(paths) > 1)
        self.file_picker.currentIndexChanged.connect(self._file_chosen)
        self.encoding.currentIndexChanged.connect(self._option_changed)
        self.day_order.currentIndexChanged.connect(self._option_changed)
        self.mapping_model.dataChanged.connect(self._mapping_changed)
        self.refresh_preview()

    @property
    def current_path(self) -> Path:
        return self.paths[max(0, self.file_picker.currentIndex())]

    def _file_chosen(self, _index: int) -> None:
        self.refresh_preview()

    def _option_changed(self, *_index) -> None:
        self.options.encoding = self.encoding.currentData()
        self.options.day_order = self.day_order.currentData()
        self.refresh_preview()

    def _mapping_changed(self, *_changed) -> None:
        self.options.mappings[str(self.current_path)] = self.mapping_model.mapping()
        self.refresh_preview()

    def refresh_preview(self) -> FilePreview:
        """Read the first statements of the current file again with the chosen options."""
        preview = preview_file(self.current_path, self.options)
        self.kind.setText(" · ".join(p for p in (preview.kind, label(preview.encoding) if preview.encoding else "") if p) or "cannot be read")
        self.mapping_model.set_preview(preview)
        self.mapping_view.parentWidget().setEnabled(preview.tabular)
        self.preview_model.set_records(preview.records)
        self.preview_view.resizeColumnsToContents()
        for column in range(1, self.preview_model.columnCount()):
            self.preview_view.setColumnWidth(column, min(self.preview_view.columnWidth(column), 260))
        self.problems_label.setText(f"<b>Warnings and errors</b> in the first {PREVIEW_ROWS} statements of this file")
        self._show_problems(preview.problems)
        self.status.setText("")
        return preview

    def _show_problems(self, problems: list[Problem]) -> None:
        self.problems.clear()
        style = self.style()
        for problem in sorted(problems, key=lambda p: (not p.is_error, p.file, p.line or 0)):
            icon = QStyle.StandardPixmap.SP_MessageBoxCritical if problem.is_error else QStyle.StandardPixmap.SP_MessageBoxWarning
            self.problems.addItem(QListWidgetItem(style.standardIcon(icon), _problem_text(problem)))
        if not problems:
            self.problems.addItem("None found.")

    def _set_running(self, running: bool) -> None:
        for widget in (self.file_picker, self.encoding, self.day_order, self.splitter, self.import_button):
            widget.setEnabled(not running)

    def start_import(self) -> None:
        """Import every file in a worker thread; the dialog stays responsive and Cancel stops it."""
        self._set_running(True)
        self.status.setText("Importing…")
        self.progress.setValue(0)
        self.progress.show()
        self._worker = self.runner.workspace.jobs.start(
            partial(import_files, self.runner.db, self.paths, self.options), self._finished, self._failed,
            self.progress.setValue, writes=True, name=f"Importing {', '.join(map(str, self.paths))}",
        )

    def is_running(self) -> bool:
        return self._worker is not None

    def _failed(self, error: BaseException) -> None:
        self._worker = None
        self._set_running(False)
        self.status.setText(f"The import failed and changed nothing: {error}")

    def _finished(self, result) -> None:
        self._worker = None
        self.summary = result
        self.progress.setValue(1000 if result.committed else 0)
        if result.committed:
            self.runner.run(ImportOperation(self.paths, self.options, result))
            self.import_button.hide()
            self.cancel_button.setText("Close")
            self.cancel_button.setEnabled(True)
        else:
            self._set_running(False)
        self.status.setText(result.headline())
        self.problems_label.setText("<b>Warnings and errors</b> found by the import")
        self._show_problems(result.errors + result.warnings)

    def _show_cancelling(self) -> None:
        self.status.setText("Cancelling… nothing will be changed.")
        self.cancel_button.setEnabled(False)


def open_import_dialog(window, paths: list[str | Path] | None = None) -> ImportDialog | None:
    """Show the import dialog for these files (dropped on the window, say), or ask which files first."""
    if not paths:
        paths = open_files(window, window.settings, "import", "Import Statements", FILE_FILTER)
    if not paths:
        return None
    dialog = ImportDialog(window, window.runner, [Path(p) for p in paths])
    dialog.open()
    return dialog
