"""Name a story, or choose the story statements move to."""

from PySide6.QtWidgets import QWidget

from desktop.domain.entities import Story
from desktop.services.wording import plural
from desktop.ui.dialogs.base import Choice, EditDialog, choice_combo, line_edit, text_edit


class StoryDialog(EditDialog):
    """The name and description of a story."""

    model = Story

    def __init__(self, parent: QWidget | None, *, initial: dict | None = None):
        super().__init__(parent, "Rename Story" if initial else "New Story", 420)
        get = (initial or {}).get
        self.name = line_edit("storyName", get("name", ""))
        self.name.setPlaceholderText("Russian troop build-up near Ukraine, Nov 2021")
        self.description = text_edit("storyDescription", get("description", ""), lines=3)
        self.form.addRow("&Name:", self.name)
        self.form.addRow("&Description:", self.description)
        self.name.textChanged.connect(self._refresh_ok)
        self._refresh_ok()

    def _is_complete(self) -> bool:
        return bool(self.name.text().strip())

    def values(self) -> dict:
        return {"name": self.name.text().strip(), "description": self.description.toPlainText().strip()}


class MoveToStoryDialog(EditDialog):
    """Choose the story the statements move to, or none."""

    def __init__(self, parent: QWidget | None, *, stories: list[Choice], count: int, current: int | None = None):
        super().__init__(parent, "Move to Story", 520)
        self.story = choice_combo("moveToStory", stories, current, "No story")
        self.form.addRow(f"Move {plural(count, 'statement')} &to:", self.story)

    def values(self) -> dict:
        return {"story_id": self.story.currentData()}
