"""Add or edit a side."""

from collections.abc import Iterable

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QColorDialog, QPushButton, QSizePolicy, QWidget

from desktop.domain.entities import Side
from desktop.domain.extraction.sides import camp_cues
from desktop.domain.side_colours import side_colour
from desktop.ui.dialogs.base import EditDialog, dialog_title, line_edit, text_edit


class SideDialog(EditDialog):
    """The name, colour and cue words of a camp in a dispute.

    A side without a colour yet takes the one its name calls for (Russia is red in every
    file), avoiding the colours in `taken`, until the editor picks another; one without cue
    words takes those of the camp the extractor knows by its name, until the editor types some.
    """

    model = Side

    def __init__(
        self, parent: QWidget | None, *, initial: dict | None = None, editing: bool | None = None,
        taken: Iterable[str] = (),
    ):
        super().__init__(parent, dialog_title("Side", initial, editing), 360)
        get = (initial or {}).get
        self._taken = tuple(taken)
        self._picked = bool(get("colour"))
        self.name = line_edit("sideName", get("name", ""))
        self.colour_button = QPushButton()
        self.colour_button.setObjectName("sideColour")
        self.colour_button.setIconSize(QSize(32, 16))
        self.colour_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.colour_button.clicked.connect(self._choose_colour)
        self._show_colour(QColor(get("colour", "")))
        self._cues_given = bool(get("cues"))
        self.cues = text_edit("sideCues", "\n".join(get("cues", [])), lines=4)
        self.cues.setPlaceholderText("One a line: other names, capital, adjectives, institutions, leaders")
        self.cues.setToolTip("A speaker whose name or role holds one of these words is proposed on this side")

        self.form.addRow("&Name:", self.name)
        self.form.addRow("&Colour:", self.colour_button)
        self.form.addRow("C&ue words:", self.cues)

        self.name.textChanged.connect(self._refresh_ok)
        self.name.textChanged.connect(self._follow_name)
        self._refresh_ok()

    def _show_colour(self, colour: QColor) -> None:
        """Show `colour` on the button; an invalid colour gives the one the name calls for."""
        self._colour = colour if colour.isValid() else QColor(side_colour(self.name.text(), self._taken))
        swatch = QPixmap(self.colour_button.iconSize())
        swatch.fill(self._colour)
        self.colour_button.setIcon(QIcon(swatch))
        self.colour_button.setText(self._colour.name())

    def _follow_name(self) -> None:
        if not self._picked:
            self._show_colour(QColor())
        if not self._cues_given and not self.cues.document().isModified():
            self.cues.setPlainText("\n".join(camp_cues(self.name.text())))

    def _choose_colour(self) -> None:
        colour = QColorDialog.getColor(self._colour, self, "Side Colour")
        if colour.isValid():
            self._picked = True
            self._show_colour(colour)

    def _is_complete(self) -> bool:
        return bool(self.name.text().strip())

    def values(self) -> dict:
        lines = (line.strip() for line in self.cues.toPlainText().splitlines())
        return {"name": self.name.text().strip(), "colour": self._colour.name(), "cues": list(dict.fromkeys(line for line in lines if line))}
