"""The import and export dialogs: models, preview, mapping, worker, cancel, undo, and the menu items."""

import threading
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from desktop.services.exporting.output_file import written_beside
from desktop.services.importing import ImportOptions
from desktop.services.importing.preview import preview_file
from desktop.ui import import_dialog as import_module
from desktop.ui.exporting import formats
from desktop.ui.export_dialog import open_export_dialog
from desktop.ui.import_dialog import open_import_dialog
from desktop.ui.import_models import MappingModel, PreviewModel
from importing_helpers import counts, fingerprint, write

CSV = (
    "Claim,Speaker,Said On,Source,Link,Mood\n"
    "Russia plans an invasion,US media,2021-11-01,The Associated Press,javascript:x,tense\n"
    "These reports are false,Песков,12 Nov 2021,Sputnik,https://example.org/p,calm\n"
)


def _many(tmp_path: Path, rows: int) -> Path:
    return write(tmp_path, "many.csv", "text,speaker,date\n" + "".join(
        f"Claim {n},Speaker {n % 9},2021-11-{1 + n % 28:02d}\n" for n in range(rows)))


def test_the_models_pass_the_model_tester(qtmodeltester, tmp_path):
    preview = preview_file(write(tmp_path, "p.csv", CSV), ImportOptions())
    model = PreviewModel()
    model.set_records(preview.records)
    qtmodeltester.check(model)
    mapping = MappingModel()
    mapping.set_preview(preview)
    qtmodeltester.check(mapping)
    assert mapping.setData(mapping.index(5, 1), "note")
    assert mapping.setData(mapping.index(3, 1), "note")  # a field fills from one column only
    assert mapping.mapping()["Mood"] is None and mapping.mapping()["Source"] == "note"
    qtmodeltester.check(mapping)


def test_the_dialog_previews_maps_and_imports_as_one_undo_step(qtbot, window, tmp_path, landed):
    path = write(tmp_path, "p.csv", CSV)
    before = counts(window.db)
    dialog = open_import_dialog(window, [path])
    qtbot.addWidget(dialog)
    assert dialog.kind.text() == "CSV · UTF-8"
    assert dialog.preview_model.rowCount() == 2
    assert dialog.preview_model.index(1, 3).data() == "Песков"
    problems = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    assert "p.csv:1: columns Parallax does not know were left out: “Mood”" in problems
    assert any(p.startswith("p.csv:2: the link “javascript:x” was dropped") for p in problems)

    mood = dialog.mapping_model.index(5, 1)
    dialog.mapping_model.setData(mood, "note")
    assert dialog.options.mappings[str(path)]["Mood"] == "note"
    assert not any("Mood" in dialog.problems.item(i).text() for i in range(dialog.problems.count()))

    with qtbot.waitSignal(window.runner.changed, timeout=10000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.summary.committed and dialog.summary.imported == 2
    assert dialog.status.text().startswith("Imported 2 statements")
    assert counts(window.db)["statement"] == before["statement"] + 2
    assert window.runner.stack.undoText() == "Import 2 Statements"
    assert landed(window.runner.undo)
    assert counts(window.db) == before
    assert landed(window.runner.redo)
    assert counts(window.db)["statement"] == before["statement"] + 2


def test_cancelling_the_dialog_import_changes_nothing(qtbot, window, tmp_path, monkeypatch):
    path = _many(tmp_path, 3000)
    before, checksum = counts(window.db), fingerprint(window.db)
    held, release = threading.Event(), threading.Event()
    real = import_module.import_files

    def hold_midway(db, paths, options, progress, cancelled):
        def report(done, total):
            progress(done, total)
            if done > total // 2 and not held.is_set():
                held.set()
                release.wait(10)  # rows are written but not committed while the editor presses Cancel
        return real(db, paths, options, report, cancelled)

    monkeypatch.setattr(import_module, "import_files", hold_midway)
    dialog = open_import_dialog(window, [path])
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(held.is_set, timeout=10000)
    assert dialog.is_running() and not dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    release.set()
    qtbot.waitUntil(lambda: dialog.summary is not None, timeout=10000)
    assert dialog.summary.cancelled and dialog.status.text() == "Import cancelled; the database was left as it was."
    assert counts(window.db) == before and fingerprint(window.db) == checksum
    assert window.runner.stack.count() == 0 and dialog.isVisible()


def test_an_import_with_errors_says_nothing_changed(qtbot, window, tmp_path):
    path = write(tmp_path, "bad.csv", "text,speaker,date\nA,B,11/12/2021\n")
    dialog = open_import_dialog(window, [path])
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.summary is not None, timeout=10000)
    assert dialog.status.text().startswith("Nothing was imported: 1 error")
    assert dialog.problems.item(0).text().startswith("bad.csv:2: the date “11/12/2021” could be")
    dialog.day_order.setCurrentIndex(2)
    assert dialog.problems.item(0).text() == "None found."
    assert dialog.import_button.isEnabled()


def _exported(qtbot, dialog) -> str:
    dialog.export()
    if dialog.preview is not None:  # a brief is previewed first
        dialog.preview.accept()
        qtbot.waitUntil(lambda: dialog.preview is None)
    qtbot.waitUntil(lambda: not dialog.is_running())
    return dialog.result_label.text()


def test_the_export_dialog_writes_each_format(qtbot, window, tmp_path):
    dialog = open_export_dialog(window)
    qtbot.addWidget(dialog)
    assert dialog.everything.isChecked()
    for row in range(dialog.formats.count()):
        dialog.formats.setCurrentRow(row)
        key = dialog.chosen_key()
        target = tmp_path / f"out-{key}{Path(dialog.path.text()).suffix}"
        dialog.path.setText(str(target))
        assert _exported(qtbot, dialog).startswith("Exported "), dialog.result_label.text()
        assert target.stat().st_size > 0
    (tmp_path / "a-file").write_text("")
    for name in ("a-file/x.svg", "a-file/x.csv"):  # a folder that cannot be made
        dialog.path.setText(str(tmp_path / name))
        assert _exported(qtbot, dialog).startswith("Nothing was exported")
        assert not dialog.show_folder_button.isVisible()
    assert not [path.name for path in tmp_path.iterdir() if "partial" in path.name]  # nothing left half written


def test_an_export_runs_behind_a_progress_bar_and_cancel_leaves_the_file_as_it_was(qtbot, window, tmp_path, monkeypatch):
    writing = threading.Event()

    def endless(db, path, chosen, progress):
        with written_beside(path, db, encoding="utf-8") as file:
            file.write("half a file")
            writing.set()
            while True:  # until Cancel: the progress callback then raises
                progress(1, 2)
                writing.wait(0.001)

    monkeypatch.setattr(formats, "write_csv", endless)
    folder = tmp_path / "exports"
    folder.mkdir()
    target = folder / "earlier.csv"
    target.write_text("an earlier export")
    dialog = open_export_dialog(window)
    qtbot.addWidget(dialog)
    dialog.path.setText(str(target))
    dialog.export()
    qtbot.waitUntil(writing.is_set)
    qtbot.waitUntil(lambda: dialog.progress.value() == 500)
    assert dialog.is_running() and dialog.progress.isVisible() and not dialog.export_button.isEnabled()
    dialog.reject()  # the Cancel button
    assert dialog.isVisible(), "the dialog stays to say what happened"
    qtbot.waitUntil(lambda: not dialog.is_running())
    assert dialog.result_label.text() == f"Export cancelled; {target} was left as it was."
    assert target.read_text() == "an earlier export" and [p.name for p in folder.iterdir()] == ["earlier.csv"]
    assert dialog.export_button.isEnabled() and not dialog.progress.isVisible()


def test_file_menu_offers_import_and_export(window):
    assert window.actions["import"].shortcut() == QKeySequence("Ctrl+Shift+I")
    assert window.actions["export"].shortcut() == QKeySequence("Ctrl+E")
    texts = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert texts.index("&Export…") == texts.index("&Import…") + 1


def test_the_dialog_maps_a_case_list_and_reads_several_outlets_as_the_command_line_does(qtbot, window, landed):
    case_list = Path(__file__).parent / "fixtures" / "case-list.csv"
    before = counts(window.db)
    dialog = open_import_dialog(window, [case_list])
    qtbot.addWidget(dialog)
    columns = [dialog.mapping_model.index(row, 0).data() for row in range(dialog.mapping_model.rowCount())]
    dialog.mapping_model.setData(dialog.mapping_model.index(columns.index("title"), 1), "text")
    dialog.mapping_model.setData(dialog.mapping_model.index(columns.index("outlets"), 1), "outlet")
    with qtbot.waitSignal(window.runner.changed, timeout=10000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.summary.committed and dialog.summary.imported == 9 and dialog.summary.links == 4
    after = counts(window.db)
    assert after["statement"] == before["statement"] + 9 and after["link"] == before["link"] + 4
    assert landed(window.runner.undo)
    assert counts(window.db) == before
