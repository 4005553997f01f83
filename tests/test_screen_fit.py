"""Every window and dialog fits the screen it opens on, its buttons in reach, from a 1280×720 laptop up."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QDialogButtonBox, QMainWindow, QScrollArea, QWidget

from desktop.app import settings
from desktop.services.conflicts import ConflictView
from desktop.ui.card_delegate import CARD_HEIGHT
from desktop.ui.dialogs import ConflictDialog, LinkDialog, StatementDialog
from desktop.ui.export_dialog import open_export_dialog
from desktop.ui.import_dialog import open_import_dialog
from desktop.ui.link_import import LinkImportDialog

ROOT = Path(__file__).resolve().parents[1]


def inside(outer: list[int] | QRect, inner: list[int] | QRect) -> bool:
    outer = outer if isinstance(outer, QRect) else QRect(*outer)
    inner = inner if isinstance(inner, QRect) else QRect(*inner)
    return outer.contains(inner)


def global_rect(widget: QWidget) -> QRect:
    return QRect(widget.mapToGlobal(widget.rect().topLeft()), widget.size())


@pytest.fixture(scope="module", params=[(1366, 768), (1280, 720)], ids=["1366x768", "1280x720"])
def laptop(request, tmp_path_factory):
    """What tests/window_fit_probe.py reports on a screen of a common laptop size."""
    width, height = request.param
    folder = tmp_path_factory.mktemp(f"screen{width}")
    screen = folder / "screen.json"
    screen.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": width, "height": height,
                                               "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={screen}", "XDG_CONFIG_HOME": str(folder / "config"),
           "XDG_DATA_HOME": str(folder / "data"), "XDG_STATE_HOME": str(folder / "state")}
    done = subprocess.run([sys.executable, str(ROOT / "tests" / "window_fit_probe.py"), str(folder)],
                          env=env, cwd=ROOT, capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["available"] == [0, 0, width, height]
    return report


def test_the_first_window_is_sized_from_the_screen_with_every_panel_inside(laptop):
    available, window = laptop["available"], laptop["window"]
    assert inside(available, window)
    assert 0.85 * available[2] <= window[2] <= available[2] and 0.85 * available[3] <= window[3] <= available[3]
    panels = laptop["panels"]
    for name, panel in panels.items():
        assert inside(window, panel), name
    assert panels["navigator"][2] >= 200 and panels["inspector"][2] >= 260
    assert 150 <= panels["chart"][3] <= 0.3 * window[3]  # the chart takes less of a short screen
    assert panels["comparison"][2] >= 500 and panels["comparison"][3] >= 2 * CARD_HEIGHT


def test_maximised_the_comparison_shows_more_than_two_bands_of_cards(laptop):
    assert laptop["maximised_cards_height"] >= 2.5 * CARD_HEIGHT


@pytest.mark.parametrize("window", ["statement_dialog", "review"])
def test_the_statement_dialog_and_the_review_window_fit_with_their_buttons_on_screen(laptop, window):
    shown = laptop[window]
    assert inside(laptop["available"], shown["frame"])
    buttons = shown["buttons"].values() if isinstance(shown["buttons"], dict) else shown["buttons"]
    assert buttons
    for button in buttons:
        assert inside(shown["frame"], button) and inside(laptop["available"], button)


def _dialogs(window, tmp_path):
    """Every dialog the window opens, shown as the menus and the editing controller show them."""
    editing = window.editing
    yield editing._dialog("statement", None, editing=False)
    statement = window.state.selected
    yield editing._dialog("statement", {"text": "x" * 3000, "speaker_id": 1, "note": "n " * 500}, editing=True)
    for kind in ("speaker", "outlet", "side"):
        yield editing._dialog(kind, None, editing=False)
    yield LinkDialog(window, source_label="A claim " * 60, targets=[(statement, "y" * 400)] * 300)
    yield ConflictDialog(window, ConflictView("Statement Changed", "Someone else saved it first.", "mine " * 500, "theirs " * 500, ["text"]))
    csv = tmp_path / "wide.csv"
    csv.write_text("text,speaker,date\n" + "".join(f"{'word ' * 80},Someone,2021-11-12\n" for _ in range(50)))
    yield open_import_dialog(window, [csv])
    yield open_export_dialog(window)
    yield LinkImportDialog(window, "https://example.org/" + "long-address/" * 40)


def test_every_dialog_opens_inside_the_screen_with_its_buttons_in_reach(qtbot, window, tmp_path):
    available = window.screen().availableGeometry()
    for dialog in _dialogs(window, tmp_path):
        dialog.show()
        qtbot.waitExposed(dialog)
        assert inside(available, dialog.frameGeometry()), dialog.windowTitle()
        buttons = dialog.findChild(QDialogButtonBox).buttons()
        assert buttons
        for button in buttons:
            assert inside(available, global_rect(button)) and inside(dialog.frameGeometry(), global_rect(button)), button.text()
        dialog.close()
        dialog.deleteLater()


def test_a_form_taller_than_its_screen_scrolls_and_keeps_its_buttons_in_view(qtbot):
    dialog = StatementDialog(None, speakers=[(1, "Dmitry Peskov")], sides=[], outlets=[], stories=[], add_record=None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.minimumSizeHint().height() <= 320  # a short screen can hold it
    dialog.resize(dialog.width(), 320)
    scroll = dialog.findChild(QScrollArea)
    qtbot.waitUntil(lambda: scroll.verticalScrollBar().maximum() > 0)
    for button in dialog.findChild(QDialogButtonBox).buttons():
        assert dialog.rect().contains(QRect(button.mapTo(dialog, button.rect().topLeft()), button.size()))
    explanation = dialog.findChild(QWidget, "verdictExplanation")
    dialog.findChild(QWidget, "statementNote").setFocus()
    for _ in range(10):  # the verdict, the rating's fields, then the explanation
        if dialog.focusWidget() is explanation:
            break
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    assert dialog.focusWidget() is explanation
    seen = QRect(scroll.viewport().mapToGlobal(scroll.viewport().rect().topLeft()), scroll.viewport().size())
    assert seen.contains(global_rect(explanation))  # tabbing to a field scrolls it into view


@pytest.mark.parametrize(
    "saved",
    [QRect(100, 50, 1800, 1000), QRect(3000, 100, 1000, 700), QRect(-2500, -400, 900, 600), QRect(500, 500, 700, 500)],
    ids=["larger monitor", "monitor to the right gone", "monitor to the left gone", "partly off screen"],
)
def test_a_window_saved_elsewhere_opens_wholly_on_the_screen_attached_now(qtbot, seeded_db, saved):
    elsewhere = QMainWindow()
    elsewhere.setGeometry(saved)
    settings().setValue("window/geometry", elsewhere.saveGeometry())
    elsewhere.deleteLater()
    from desktop.app import build_main_window

    window = build_main_window(seeded_db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert inside(window.screen().availableGeometry(), window.frameGeometry())
    assert window.width() >= 600 and window.height() >= 400
