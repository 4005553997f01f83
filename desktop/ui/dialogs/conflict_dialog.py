"""The choice an editor makes when someone else saved the same record first."""

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QGridLayout, QPlainTextEdit, QVBoxLayout, QWidget

from desktop.services.conflicts import ConflictView
from desktop.ui.lifetime import run_modal
from desktop.ui.plain_text import plain_label
from desktop.ui.screen_fit import ScreenFitDialog


def _version_text(name: str, text: str) -> QPlainTextEdit:
    edit = QPlainTextEdit(text)
    edit.setObjectName(name)
    edit.setReadOnly(True)
    edit.setMinimumSize(320, 220)
    return edit


class ConflictDialog(ScreenFitDialog):
    """Both versions side by side, as plain text: Keep Mine saves this editor's version over
    the stored one; Take Theirs (also Escape) drops this editor's change."""

    def __init__(self, parent: QWidget | None, view: ConflictView):
        super().__init__(parent)
        self.setWindowTitle(view.title)
        message = plain_label(f"{view.message}\nDifferent: {', '.join(view.differences) or 'nothing'}")
        message.setObjectName("conflictMessage")
        self.mine = _version_text("conflictMine", view.mine)
        self.theirs = _version_text("conflictTheirs", view.theirs)
        versions = QGridLayout()
        versions.addWidget(plain_label("Your version"), 0, 0)
        versions.addWidget(plain_label("Their version (saved now)"), 0, 1)
        versions.addWidget(self.mine, 1, 0)
        versions.addWidget(self.theirs, 1, 1)
        buttons = QDialogButtonBox()
        self.keep_mine_button = buttons.addButton("&Keep Mine", QDialogButtonBox.ButtonRole.AcceptRole)
        self.take_theirs_button = buttons.addButton("&Take Theirs", QDialogButtonBox.ButtonRole.RejectRole)
        self.keep_mine_button.setAutoDefault(False)
        self.take_theirs_button.setDefault(True)
        self.take_theirs_button.setFocus()
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(message)
        layout.addLayout(versions)
        layout.addWidget(buttons)

    def keeps_mine(self) -> bool:
        """Ask the editor; True for Keep Mine."""
        return run_modal(self) == QDialog.DialogCode.Accepted
