"""Help > About: the version, the licence, and where the data and the log are kept."""

from importlib import metadata

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop import APP_NAME, __version__
from desktop.paths import default_database_path, log_dir
from desktop.ui.lifetime import run_modal
from desktop.ui.plain_text import plain_label

DISTRIBUTION = "parallax-desk"


def licence() -> str:
    """The licence the installed package declares, or a plain statement that it declares none."""
    try:
        found = metadata.metadata(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        found = None
    if found is not None:
        declared = found.get("License-Expression") or found.get("License")
        classifiers = [c.split(" :: ")[-1] for c in found.get_all("Classifier") or [] if c.startswith("License ::")]
        if declared or classifiers:
            return declared or ", ".join(classifiers)
    return "None declared: the package names no licence."


class AboutDialog(QDialog):
    """What this Parallax is and where it keeps things; every line can be selected and copied."""

    def __init__(self, parent: QWidget | None):
        super().__init__(parent)
        self.setWindowTitle(f"About {APP_NAME}")
        icon = QLabel()
        icon.setPixmap(QApplication.windowIcon().pixmap(64, 64))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        title = plain_label(f"{APP_NAME} {__version__}")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        summary = plain_label(
            "A claims desk for editors and fact-checkers: competing claims side by side, "
            "each tied to its speaker and to the outlet that reported it."
        )
        self.facts = {
            "Version": __version__,
            "Licence": licence(),
            "Data folder": str(default_database_path().parent),
            "Log folder": str(log_dir()),
        }
        form = QFormLayout()
        for name, value in self.facts.items():
            label = plain_label(value, selectable=True)
            label.setObjectName(f"about{name.replace(' ', '')}")
            form.addRow(f"{name}:", label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        text = QVBoxLayout()
        text.addWidget(title)
        text.addWidget(summary)
        text.addSpacing(6)
        text.addLayout(form)
        row = QHBoxLayout()
        row.addWidget(icon)
        row.addSpacing(12)
        row.addLayout(text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addStretch()
        layout.addWidget(buttons)
        self.setMinimumWidth(520)


def show_about(window: QWidget) -> None:
    """Show About until it is closed, then delete it."""
    run_modal(AboutDialog(window))
