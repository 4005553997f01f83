"""Help: the user guide, the keyboard shortcut sheet and About, all inside the app (nothing is fetched)."""

from desktop.ui.help.about import show_about
from desktop.ui.help.guide import show_guide
from desktop.ui.help.shortcut_sheet import show_shortcuts

__all__ = ["show_about", "show_guide", "show_shortcuts"]
