"""Application shortcuts work whatever has focus, the search box included."""

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QWidget

_MODIFIERS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier
# Keys a text field keeps even if an action were to use them: the clipboard and moving by words.
_FIELD_KEYS = tuple(
    getattr(QKeySequence.StandardKey, name)
    for name in (
        "Copy", "Cut", "Paste", "SelectAll", "DeleteStartOfWord", "DeleteEndOfWord",
        "MoveToNextWord", "MoveToPreviousWord", "SelectNextWord", "SelectPreviousWord",
    )
)


class ApplicationKeysFirst(QObject):
    """Lets a window's actions take their keys from a text field that would keep them.

    A text field claims keys such as Ctrl+Z (its own undo) and, on Linux, Ctrl+E (end of
    line) before any shortcut sees them. Installed on such a field, this hands every key
    with Ctrl, Alt or Meta that one of the window's enabled actions uses to that action:
    in the search box Ctrl+Z undoes the last change to the data and Ctrl+E exports. The
    field keeps plain keys and those it needs for moving and the clipboard; a key whose
    action is disabled (Undo with nothing to undo) still reaches the field.
    """

    def __init__(self, window: QWidget):
        super().__init__(window)
        self._window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and self._is_application_key(event):
            event.ignore()  # not claimed by the field: the shortcut goes to the action
            return True
        return False

    def _is_application_key(self, event: QKeyEvent) -> bool:
        if not event.modifiers() & _MODIFIERS or any(map(event.matches, _FIELD_KEYS)):
            return False
        pressed = QKeySequence(event.keyCombination())
        return any(
            action.isEnabled() and any(shortcut.matches(pressed) == QKeySequence.SequenceMatch.ExactMatch for shortcut in action.shortcuts())
            for action in self._window.findChildren(QAction)
        )


def application_keys_first(window: QWidget, *fields: QWidget) -> None:
    """Let the window's shortcuts win over the text fields' own keys."""
    keys = ApplicationKeysFirst(window)
    for field in fields:
        field.installEventFilter(keys)
