"""Add or edit a side."""

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QColorDialog, QPushButton, QSizePolicy, QWidget

from desktop.domain.entities import Side
from desktop.ui.dialogs.base import dialog_title, EditDialog, line_edit

DEFAULT_COLOUR = "#4477aa"


class SideDialog(EditDialog):
    """The name and colour of a camp in a dispute."""

    model = Side

    def __init__(self, parent: QWidget | None, *, initial: dict | None = None, editing: bool | None = None):
        super().__init__(parent, dialog_title("Side", initial, editing), 360)
        get = (initial or {}).get
        self.name = line_edit("sideName", get("name", ""))
        self.colour_button = QPushButton()
        self.colour_button.setObjectName("sideColour")
        self.colour_button.setIconSize(QSize(32, 16))
        self.colour_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.colour_button.clicked.connect(self._choose_colour)
        self.set_colour(QColor(get("colour", DEFAULT_COLOUR)))

        self.form.addRow("&Name:", self.name)
        self.form.addRow("&Colour:", self.colour_button)

        self.name.textChanged.connect(self._refresh_ok)
        self._refresh_ok()

    def set_colour(self, colour: QColor) -> None:
        """Show `colour` on the button; an invalid colour falls back to the default."""
        self._colour = colour if colour.isValid() else QColor(DEFAULT_COLOUR)
        swatch = QPixmap(self.colour_button.iconSize())
        swatch.fill(self._colour)
        self.colour_button.setIcon(QIcon(swatch))
        self.colour_button.setText(self._colour.name())

    def _choose_colour(self) -> None:
        colour = QColorDialog.getColor(self._colour, self, "Side Colour")
        if colour.isValid():
            self.set_colour(colour)

    def _is_complete(self) -> bool:
        return bool(self.name.text().strip())

    def values(self) -> dict:
        return {"name": self.name.text().strip(), "colour": self._colour.name()}
