"""Showing text from data as plain text, never as markup."""

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel


def plain_label(text: str = "", *, wrap: bool = True, selectable: bool = False) -> QLabel:
    """A QLabel that shows its text as typed, tags and all."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setText(text)
    return label


def tooltip_text(text: str) -> str:
    """Tooltips guess at rich text; escaping makes them show data exactly as written."""
    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>"
