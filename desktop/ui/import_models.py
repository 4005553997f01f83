"""Table models for the import dialog: the preview of the first statements, and the column mapping."""

from functools import partial

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate

from desktop.services.importing.headers import FIELD_LABELS
from desktop.services.importing.preview import FilePreview
from desktop.services.importing.records import StatementRecord
from desktop.ui.plain_text import tooltip_text

_PREVIEW_COLUMNS = (
    ("Line", lambda r: str(r.line)),
    ("Text", lambda r: r.text),
    ("Date", lambda r: r.said_on.isoformat() if r.said_on else ""),
    ("Speaker", lambda r: r.speaker),
    ("Role", lambda r: r.role),
    ("Side", lambda r: r.side),
    ("Outlet", lambda r: r.outlet),
    ("Link", lambda r: r.url),
    ("Verdict", lambda r: r.verdict),
    ("Answers", lambda r: " ".join(f"{kind.replace('_', ' ')} {ref}" for kind, ref in r.links)),
)
_ELIDE = 200
NOT_IMPORTED = "(not imported)"


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _ELIDE else text[: _ELIDE - 1] + "…"


class PreviewModel(QAbstractTableModel):
    """The first statements of a file, as they will be imported; read-only, plain text."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._records: list[StatementRecord] = []

    def set_records(self, records: list[StatementRecord]) -> None:
        self.beginResetModel()
        self._records = list(records)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(_PREVIEW_COLUMNS)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        text = _PREVIEW_COLUMNS[index.column()][1](self._records[index.row()])
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip_text(text) if len(text) > _ELIDE else None
        return _short(text)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and 0 <= section < len(_PREVIEW_COLUMNS):
            return _PREVIEW_COLUMNS[section][0]
        return None


class MappingModel(QAbstractTableModel):
    """One row a column of the file: its name, the field it fills (editable), an example value."""

    HEADERS = ("Column in file", "Imported as", "Example")

    def __init__(self, parent=None):
        super().__init__(parent)
        self._columns: list[str] = []
        self._fields: list[str | None] = []
        self._examples: dict[str, str] = {}

    def set_preview(self, preview: FilePreview) -> None:
        self.beginResetModel()
        self._columns = list(preview.columns) if preview.tabular else []
        self._fields = list(preview.fields) if preview.tabular else []
        self._examples = dict(preview.examples)
        self.endResetModel()

    def mapping(self) -> dict[str, str | None]:
        """Column name → field (None for a column left out), as the editor has set it."""
        return dict(zip(self._columns, self._fields))

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        column = self._columns[index.row()]
        if index.column() == 1 and role == Qt.ItemDataRole.EditRole:
            return self._fields[index.row()]
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if index.column() == 0:
            return column
        if index.column() == 1:
            target = self._fields[index.row()]
            return FIELD_LABELS[target] if target else NOT_IMPORTED
        return _short(self._examples.get(column, ""))

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != 1 or role != Qt.ItemDataRole.EditRole:
            return False
        if value is not None and value not in FIELD_LABELS:
            return False
        changed = [index]
        if value is not None and value in self._fields:  # a field fills from one column only
            other = self._fields.index(value)
            self._fields[other] = None
            changed.append(self.index(other, 1))
        self._fields[index.row()] = value
        for cell in changed:
            self.dataChanged.emit(cell, cell, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole])
        return True

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() == 1 else flags

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and 0 <= section < 3:
            return self.HEADERS[section]
        return None


class FieldDelegate(QStyledItemDelegate):
    """Edits the 'Imported as' column with a combo of Parallax's fields."""

    def createEditor(self, parent, option, index):
        combo = QComboBox(parent)
        combo.addItem(NOT_IMPORTED, None)
        for key, label in FIELD_LABELS.items():
            combo.addItem(label, key)
        combo.activated.connect(partial(self._commit, combo))
        return combo

    def _commit(self, combo: QComboBox, _index: int) -> None:
        self.commitData.emit(combo)

    def setEditorData(self, editor: QComboBox, index):
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor: QComboBox, model, index):
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
