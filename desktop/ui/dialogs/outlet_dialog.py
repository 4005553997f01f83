"""Add or edit a news outlet."""

from PySide6.QtWidgets import QWidget

from desktop.domain.entities import Outlet
from desktop.domain.values import OutletKind
from desktop.ui.dialogs.base import dialog_title, EditDialog, choice_combo, line_edit

_KINDS = [
    (OutletKind.WIRE.value, "Wire service"),
    (OutletKind.STATE_MEDIA.value, "State media"),
    (OutletKind.NEWSPAPER.value, "Newspaper"),
    (OutletKind.BROADCASTER.value, "Broadcaster"),
    (OutletKind.ONLINE.value, "Online"),
]


class OutletDialog(EditDialog):
    """The name, country and kind of a news organisation."""

    model = Outlet

    def __init__(self, parent: QWidget | None, *, initial: dict | None = None, editing: bool | None = None):
        super().__init__(parent, dialog_title("Outlet", initial, editing))
        get = (initial or {}).get
        self.name = line_edit("outletName", get("name", ""))
        self.country = line_edit("outletCountry", get("country", ""))
        self.kind = choice_combo("outletKind", _KINDS, get("kind", OutletKind.NEWSPAPER.value))

        self.form.addRow("&Name:", self.name)
        self.form.addRow("&Country:", self.country)
        self.form.addRow("&Kind:", self.kind)

        self.name.textChanged.connect(self._refresh_ok)
        self._refresh_ok()

    def _is_complete(self) -> bool:
        return bool(self.name.text().strip())

    def values(self) -> dict:
        return {
            "name": self.name.text().strip(),
            "country": self.country.text().strip(),
            "kind": self.kind.currentData(),
        }
