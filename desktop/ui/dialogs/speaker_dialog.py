"""Add or edit a speaker."""

from PySide6.QtWidgets import QWidget

from desktop.domain.entities import Speaker
from desktop.domain.values import SpeakerKind
from desktop.ui.dialogs.base import dialog_title, Choice, EditDialog, choice_combo, line_edit, text_edit

_KINDS = [(SpeakerKind.PERSON.value, "Person"), (SpeakerKind.BODY.value, "Body")]


class SpeakerDialog(EditDialog):
    """The name, kind, role, side and aliases of a person or body."""

    model = Speaker

    def __init__(
        self, parent: QWidget | None, *, sides: list[Choice], initial: dict | None = None, editing: bool | None = None
    ):
        super().__init__(parent, dialog_title("Speaker", initial, editing))
        get = (initial or {}).get
        self.name = line_edit("speakerName", get("name", ""))
        self.kind = choice_combo("speakerKind", _KINDS, get("kind", SpeakerKind.PERSON.value))
        self.role = line_edit("speakerRole", get("role", ""))
        self.role.setPlaceholderText("e.g. Kremlin spokesperson")
        self.side = choice_combo("speakerSide", sides, get("side_id"), "None")
        self.aliases = text_edit("speakerAliases", "\n".join(get("aliases", [])), lines=4)
        self.aliases.setPlaceholderText("One name per line")

        self.form.addRow("&Name:", self.name)
        self.form.addRow("&Kind:", self.kind)
        self.form.addRow("&Role:", self.role)
        self.form.addRow("&Side:", self.side)
        self.form.addRow("&Aliases:", self.aliases)

        self.name.textChanged.connect(self._refresh_ok)
        self._refresh_ok()

    def _is_complete(self) -> bool:
        return bool(self.name.text().strip())

    def values(self) -> dict:
        lines = (line.strip() for line in self.aliases.toPlainText().splitlines())
        return {
            "name": self.name.text().strip(),
            "kind": self.kind.currentData(),
            "role": self.role.text().strip(),
            "side_id": self.side.currentData(),
            "aliases": list(dict.fromkeys(line for line in lines if line)),
        }
