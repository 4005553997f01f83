"""The Analysis view in the window: its panels show the seed's figures, follow the filter, link an answer in two
keys, export their tables and charts, and are reached by keys from anywhere."""

import csv
import threading
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog
from sqlmodel import select

from desktop.domain.entities import Link, Side, Speaker, Statement
from desktop.services.operations import CreateRecord
from desktop.ui.analysis.balance_panel import BalancePanel
from desktop.ui.analysis.exports import save_chart, save_table
from desktop.ui.analysis.network_panel import NetworkPanel
from desktop.ui.analysis.repeats_panel import RepeatsPanel
from desktop.ui.analysis.response_panel import ResponseTimesPanel
from desktop.ui.analysis.tables import Column, PagedModel, RowRole
from desktop.ui.analysis.unanswered_panel import UnansweredPanel
from desktop.ui.dialogs import LinkDialog
from dialog_helpers import when_shown

CTRL = Qt.KeyboardModifier.ControlModifier
MONITORING = "The United States is closely monitoring"


def _id(window, model, name):
    with window.db.reading() as session:
        return session.exec(select(model.id).where(model.name == name)).one()


def _panel(window, kind):
    return next(panel for panel in window.analysis.panels if isinstance(panel, kind))


def _shown(qtbot, window, kind):
    """Show the Analysis view at one panel and wait until its figures are in."""
    window.views.setCurrentWidget(window.analysis)
    panel = _panel(window, kind)
    window.analysis.tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: not panel.working and panel.summary.text() != "Working out…", timeout=20_000)
    return panel


def _cells(model, column_title):
    column = [" ".join(c.title.split()) for c in model.columns].index(column_title)
    return [model.index(row, column).data() for row in range(model.rowCount())]


def _rows(model):
    return [model.index(row, 0).data(RowRole) for row in range(model.rowCount())]


def test_the_panels_come_in_the_issues_order(window):
    assert [panel.title for panel in window.analysis.panels] == ["Response times", "Unanswered", "Repeated lines", "Balance", "Who answers whom"]
    assert [window.views.tabText(i) for i in range(window.views.count())] == ["Comparison", "Analysis"]


def test_response_times_show_peskov_answering_in_two_days(qtbot, qtmodeltester, window):
    panel = _shown(qtbot, window, ResponseTimesPanel)
    model = panel.by_group
    russia = _cells(model, "Side").index("Russia")
    assert _cells(model, "Median days")[russia] == "2"
    assert _cells(model, "Answered")[russia] == "6"
    assert _cells(model, "Own claims unanswered")[_cells(model, "Side").index("United States")] == "1"
    panel.group.setCurrentIndex(panel.group.findData("speaker"))
    peskov = _cells(model, "Speaker").index("Dmitry Peskov")
    assert _cells(model, "Median days")[peskov] == "2"
    assert "Own claims unanswered" not in panel.by_group.export_source().header
    days = _cells(panel.pairs, "Days")
    assert days.count("2") == 2 and days.count("undated") == 4
    assert [series.name for series in panel.chart._series] == ["Russia"]
    qtmodeltester.check(model)
    qtmodeltester.check(panel.pairs)


def test_enter_on_an_answer_selects_it(qtbot, window):
    panel = _shown(qtbot, window, ResponseTimesPanel)
    table = panel.pair_table
    pair = panel.pairs.index(0, 0).data(RowRole)
    table.setCurrentIndex(panel.pairs.index(0, 4))  # the answer's text
    table.activated.emit(table.currentIndex())
    assert window.state.selected == pair.answer_id
    table.setCurrentIndex(panel.pairs.index(0, 1))
    table.activated.emit(table.currentIndex())
    assert window.state.selected == pair.claim_id


def test_the_queue_holds_blinkens_monitoring_and_follows_the_filter(qtbot, qtmodeltester, window):
    panel = _shown(qtbot, window, UnansweredPanel)
    assert [row.text[: len(MONITORING)] for row in _rows(panel.queue)] == [MONITORING]
    assert _cells(panel.queue, "Speaker") == ["Antony Blinken"]
    qtmodeltester.check(panel.queue)
    peskov = _id(window, Speaker, "Dmitry Peskov")
    window.state.update_filter(speaker_id=peskov)
    assert "Speaker: Dmitry Peskov" in window.analysis.follows.text()
    qtbot.waitUntil(lambda: not panel.working)
    assert panel.queue.rowCount() == 0
    assert "nothing is waiting" in panel.note.text()
    window.state.update_filter(speaker_id=_id(window, Speaker, "Antony Blinken"))
    qtbot.waitUntil(lambda: not panel.working)
    assert panel.queue.rowCount() == 1


def test_a_hidden_panel_is_worked_out_when_shown(qtbot, window):
    _shown(qtbot, window, UnansweredPanel)
    balance = _panel(window, BalancePanel)
    window.state.update_filter(speaker_id=_id(window, Speaker, "Dmitry Peskov"))
    assert not balance.working  # not in view: nothing asked of it yet
    panel = _shown(qtbot, window, BalancePanel)
    assert [row.name for row in panel.outlets.rows] == ["Sputnik"]


def test_the_figures_stay_where_they_are_while_they_are_worked_out_again(qtbot, window, monkeypatch):
    window.resize(700, 600)  # narrow: the line over the figures takes two lines or more
    panel = _shown(qtbot, window, ResponseTimesPanel)
    qtbot.waitUntil(lambda: panel.summary.height() > 1.5 * panel.summary.fontMetrics().lineSpacing())
    summary, figures = panel.summary.text(), panel.content.mapTo(window, panel.content.rect().topLeft())
    release, work = threading.Event(), panel.work
    monkeypatch.setattr(panel, "work", lambda *args: release.wait(10) and work(*args))
    window.state.update_filter(speaker_id=_id(window, Speaker, "Dmitry Peskov"))
    QApplication.sendPostedEvents()  # the window lays the panel out again, as it would before painting
    assert panel.working and panel.summary.text() == "Working out…"
    assert panel.content.mapTo(window, panel.content.rect().topLeft()) == figures
    release.set()
    qtbot.waitUntil(lambda: not panel.working)
    assert panel.summary.text() != summary and panel.summary.minimumHeight() == 0
    window.state.update_filter(text="zzzz")  # nothing to show: the note has no line over it
    qtbot.waitUntil(lambda: not panel.working)
    assert panel.summary.text() == "" and panel.summary.minimumHeight() == 0


def test_balance_gives_the_right_of_reply_and_the_outlets_without_it(qtbot, qtmodeltester, window):
    panel = _shown(qtbot, window, BalancePanel)
    model = panel.outlets
    outlets = _cells(model, "Outlet")
    assert _cells(model, "Right of reply")[outlets.index("Republic World")] == "2 of 3"
    assert _cells(model, "Right of reply")[outlets.index("Sputnik")] == "—"
    assert _cells(model, "Russia")[outlets.index("Sputnik")] == "4"
    qtmodeltester.check(model)
    panel.without_only.setChecked(True)
    assert _cells(model, "Outlet") == ["Republic World", "The Associated Press"]
    assert _cells(model, "Claims without their answer") == ["1", "1"]
    model.sort([c.title for c in model.columns].index("Russia"), Qt.SortOrder.DescendingOrder)
    assert _cells(model, "Outlet") == ["The Associated Press", "Republic World"]


def test_a_and_enter_link_an_answer_and_undo_brings_the_claim_back(qtbot, window, landed):
    panel = _shown(qtbot, window, UnansweredPanel)
    claim = panel.queue.index(0, 0).data(RowRole).statement_id
    window.activateWindow()
    qtbot.waitActive(window)
    panel.table.setFocus()
    panel.table.setCurrentIndex(panel.queue.index(0, 0))
    qtbot.waitUntil(panel.table.hasFocus)
    seen = {}

    def press_enter(dialog):
        seen["title"] = dialog.windowTitle()
        seen["chosen"] = dialog.values()["to_id"]
        qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Return)

    when_shown(press_enter, LinkDialog)
    with qtbot.waitSignal(window.runner.changed, timeout=20_000):
        qtbot.keyClick(panel.table, Qt.Key.Key_A)
    with window.db.reading() as session:
        link = session.exec(select(Link).where(Link.to_id == claim)).one()
        answer = session.get(Statement, link.from_id)
        answer_speaker = session.get(Speaker, answer.speaker_id)
    assert seen["title"] == "Answer Claim" and link.from_id == seen["chosen"] and link.type == "rebuts"
    assert answer_speaker.side_id == _id(window, Side, "Russia")  # the best suggestion from another side
    qtbot.waitUntil(lambda: not panel.working and panel.queue.rowCount() == 0, timeout=20_000)
    window.actions["undo"].trigger()
    landed.settle(window.runner)
    qtbot.waitUntil(lambda: not panel.working and panel.queue.rowCount() == 1, timeout=20_000)
    assert panel.queue.index(0, 0).data(RowRole).statement_id == claim


@pytest.fixture
def save_to(monkeypatch):
    """The file dialogs answer the path set here."""
    chosen = {}
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(chosen["path"]), ""))
    return chosen


def test_a_table_is_exported_whole_as_csv_with_formulas_neutralised(qtbot, window, landed, save_to, tmp_path):
    speaker = _id(window, Speaker, "Antony Blinken")
    landed(window.runner.run, CreateRecord(Statement, {"text": "=HYPERLINK(\"http://x\")", "speaker_id": speaker,
                                                       "said_on": date(2021, 11, 1)}))
    panel = _shown(qtbot, window, UnansweredPanel)
    save_to["path"] = tmp_path / "queue.csv"
    save_table(panel, panel.queue, "unanswered-claims")
    qtbot.waitUntil(save_to["path"].exists, timeout=20_000)
    with open(save_to["path"], encoding="utf-8-sig", newline="") as file:
        rows = list(csv.reader(file))
    assert rows[0] == ["Age (days)", "Date", "Claim", "Speaker", "Side", "Outlet"]
    assert rows[1][2] == "'=HYPERLINK(\"http://x\")"  # the oldest first
    assert rows[2][2].startswith(MONITORING) and len(rows) == 3


def test_a_paged_table_exports_rows_it_never_showed(qtbot, qtmodeltester, tmp_path):
    from desktop.ui.analysis.exports import write_table

    read = []

    def rows(start, stop):
        read.append((start, stop))
        return list(range(start, stop))

    model = PagedModel([Column("n", str, number=True), Column("twice", lambda n: f"-{2 * n}")])
    model.set_source(4_500, rows)
    qtmodeltester.check(model)
    assert write_table(model.export_source(), tmp_path / "n.csv") == 4_500
    with open(tmp_path / "n.csv", encoding="utf-8-sig", newline="") as file:
        written = list(csv.reader(file))
    assert len(written) == 4_501 and written[4_500] == ["4499", "'-8998"]
    assert read[-3:] == [(0, 2_000), (2_000, 4_000), (4_000, 4_500)]  # from the source, a chunk at a time


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_the_chart_is_saved_as_png_or_svg(qtbot, window, save_to, tmp_path, suffix):
    panel = _shown(qtbot, window, ResponseTimesPanel)
    save_to["path"] = tmp_path / f"chart{suffix}"
    save_chart(panel, panel.chart.plot, "median-days-to-answer")
    head = save_to["path"].read_bytes()[:200]
    assert head.startswith(b"\x89PNG") if suffix == ".png" else b"<svg" in head or b"<?xml" in head


def test_keys_switch_the_views_and_panels_from_the_search_box(qtbot, window):
    window.activateWindow()
    qtbot.waitActive(window)
    window.search_box.setFocus()
    qtbot.waitUntil(window.search_box.hasFocus)
    qtbot.keyClick(window.search_box, Qt.Key.Key_2, CTRL)
    assert window.views.currentWidget() is window.analysis
    first = window.analysis.tabs.currentIndex()
    qtbot.keyClick(window.search_box, Qt.Key.Key_PageDown, CTRL)
    assert window.analysis.tabs.currentIndex() == first + 1
    qtbot.keyClick(window.search_box, Qt.Key.Key_PageUp, CTRL)
    qtbot.keyClick(window.search_box, Qt.Key.Key_PageUp, CTRL)
    assert window.analysis.tabs.currentIndex() == window.analysis.tabs.count() - 1  # round the end
    qtbot.keyClick(window.search_box, Qt.Key.Key_1, CTRL)
    assert window.views.currentWidget() is window.comparison


def test_the_view_and_panel_shown_are_remembered(qtbot, seeded_db, window):
    from desktop.app import build_main_window

    window.views.setCurrentWidget(window.analysis)
    window.analysis.tabs.setCurrentIndex(2)
    window.close()
    again = build_main_window(seeded_db.url)
    qtbot.addWidget(again)
    assert again.views.currentWidget() is again.analysis
    assert again.analysis.tabs.currentIndex() == 2
    again.close()


def _exported(qtbot, panel, model, name, save_to, path) -> list[list[str]]:
    save_to["path"] = path
    save_table(panel, model, name)
    qtbot.waitUntil(path.exists, timeout=20_000)
    with open(path, encoding="utf-8-sig", newline="") as file:
        return list(csv.reader(file))


def test_the_networks_directions_are_exported_whole(qtbot, window, save_to, tmp_path):
    window.show_analysis()
    panel = _panel(window, NetworkPanel)
    with qtbot.waitSignal(panel.shown, timeout=20_000):
        window.analysis.tabs.setCurrentWidget(panel)
    rows = _exported(qtbot, panel, panel.directions, "answer-directions", save_to, tmp_path / "directions.csv")
    assert len(rows) == 1 + panel.directions.rowCount() == 1 + 8  # a header and the seed's eight directions
    assert any(row[:2] == ["Dmitry Peskov", "Several US media outlets"] and "4" in row for row in rows)


def test_repeated_lines_are_exported_with_every_repeat_under_its_group(qtbot, window, save_to, tmp_path):
    window.show_analysis()
    panel = _panel(window, RepeatsPanel)
    window.analysis.tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: panel.groups.rowCount() == 1, timeout=20_000)  # the seed's Kremlin and Peskov "false"
    rows = _exported(qtbot, panel, panel.groups, "repeated-lines-accepted", save_to, tmp_path / "repeats.csv")
    assert rows[0] == ["Group", "Who", "Outlet", "When", "Score", "Line"]
    assert [row[:2] for row in rows[1:]] == [["1", "Dmitry Peskov"], ["1", "the Kremlin"]]  # the seed's link: Peskov first
    assert rows[2][4] == "accepted"
