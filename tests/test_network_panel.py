"""Who answers whom: the network laid out (answer_network.py), the panel drawing and listing it, and a click on a
speaker or an arrow choosing those statements in the comparison, which Escape clears."""

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from sqlalchemy import text

from desktop.domain.entities import Link, Side, Speaker, Statement
from desktop.domain.filters import StatementFilter
from desktop.services import catalog
from desktop.services.answer_network import answer_network
from desktop.services.filtering import statement_ids
from desktop.ui.analysis.network_panel import NetworkPanel
from desktop.ui.analysis.network_tables import ItemRole
from desktop.ui.comparison_model import CardRole


def _id(db, model, name) -> int:
    return next(row.id for row in catalog.all_rows(db, model) if row.name == name)


def _edges(found) -> dict[tuple[str, str], int]:
    return {(found.name(int(a)), found.name(int(b))): int(n) for a, b, n in zip(found.source, found.target, found.count)}


@pytest.fixture
def panel(qtbot, window):
    """The panel on the seed, in a window of its own beside the main window, its network shown."""
    shown = NetworkPanel(window)
    qtbot.addWidget(shown)
    shown.resize(1366, 768)
    shown.show()
    qtbot.waitExposed(shown)
    with qtbot.waitSignal(shown.shown, timeout=20_000):
        shown.refresh(window.state.filter)
    return shown


def _click_at(qtbot, panel, x: float, y: float) -> None:
    """A left click on the drawing at a point in the ring's units."""
    plot = panel.graph.plot
    scene = panel.graph._box.mapViewToScene(QPointF(x, y))
    qtbot.mouseClick(plot.viewport(), Qt.MouseButton.LeftButton, pos=plot.mapFromScene(scene))


def _compared(window) -> tuple[set[int], int]:
    """The cards the comparison shows inside the filter, and how many statements its columns count."""
    model = window.comparison_model
    cards = {model.index(r, c).data(CardRole) for r in range(model.rowCount()) for c in range(model.columnCount())}
    shown = {card.id for card in cards if card is not None}
    cells = [model.cell(model.index(r, c)) for r in range(model.rowCount()) for c in range(model.columnCount())]
    inside = {cell.id for cell in cells if cell is not None and cell.echo is None and not cell.context}
    assert inside <= shown
    return inside, sum(model.column_counts())


def _kept(db, chosen) -> set[int]:
    with db.reading() as session:
        return {row[0] for row in session.execute(statement_ids(session, chosen))}


# ---- The network laid out ------------------------------------------------------------------------


def test_peskov_and_polyansky_answer_the_us_side_on_the_seed(seeded_db):
    found = answer_network(seeded_db)
    edges = _edges(found)
    assert edges[("Dmitry Peskov", "Several US media outlets")] == 4
    assert edges[("Dmitry Polyansky", "Antony Blinken")] == 3
    assert sum(edges.values()) == 14 and len(found.drawn) == len(found)  # a small network is drawn whole
    assert {key.name for key in found.legend} == {"Russia", "United States"}  # the sides with an answer (not Ukraine)
    peskov = found.where(np.array([_id(seeded_db, Speaker, "Dmitry Peskov")]))[0]
    assert (found.given[peskov], found.got[peskov]) == (7, 0)  # 4 to the media outlets, 2 to Blinken, 1 to Biden's


def test_the_ring_keeps_each_side_together_and_no_disc_over_another(seeded_db, tmp_path):
    found = answer_network(seeded_db)
    ring = found.drawn_speakers
    x, y, radius = found.x[ring], found.y[ring], found.radius[ring]
    apart = np.hypot(x[:, None] - x[None], y[:, None] - y[None]) - radius[:, None] - radius[None]
    np.fill_diagonal(apart, 1)
    assert (apart > 0).all()
    # Round the ring, the side changes once per side: each side's speakers sit on one arc.
    around = found.sides[ring][np.argsort(np.arctan2(y, x))]
    assert np.count_nonzero(around != np.roll(around, 1)) == len(found.legend)
    # A disc's area follows the answers given and got.
    busy = (found.given + found.got)[ring]
    assert np.allclose(radius**2 / busy, (radius**2 / busy)[0])
    again = answer_network(seeded_db)
    assert np.array_equal(found.x, again.x, equal_nan=True) and np.array_equal(found.drawn, again.drawn)


def test_only_the_busiest_are_drawn_and_always_the_busiest_directions(seeded_db):
    found = answer_network(seeded_db, most_speakers=4, most_edges=3)
    assert _edges(found) == _edges(answer_network(seeded_db))  # the tables still have every direction
    names = {found.names[i] for i in found.drawn_speakers}
    assert names == {"Dmitry Peskov", "Several US media outlets", "Dmitry Polyansky", "Antony Blinken"}
    drawn = [(found.name(int(found.source[i])), found.name(int(found.target[i])), int(found.count[i])) for i in found.drawn]
    assert drawn == [("Dmitry Peskov", "Several US media outlets", 4), ("Dmitry Polyansky", "Antony Blinken", 3),
                     ("Dmitry Peskov", "Antony Blinken", 2)]
    assert np.isnan(found.x).sum() == len(found.speakers) - 4


def test_no_answer_under_the_filter_leaves_an_empty_network(seeded_db):
    found = answer_network(seeded_db, StatementFilter(text="zzzz"))
    assert len(found) == len(found.speakers) == len(found.drawn) == 0


# ---- The panel -----------------------------------------------------------------------------------


def test_the_panel_draws_and_lists_the_seeds_answers(qtbot, qtmodeltester, panel):
    qtmodeltester.check(panel.directions)
    qtmodeltester.check(panel.speakers)
    model = panel.directions
    rows = [tuple(model.index(r, c).data() for c in range(3)) for r in range(model.rowCount())]
    assert rows[:2] == [("Dmitry Peskov", "Several US media outlets", "4"), ("Dmitry Polyansky", "Antony Blinken", "3")]
    assert len(panel.found.drawn) == model.rowCount() == 8
    assert "8 answer directions between 7 speakers" in panel.summary.text()
    assert {"Dmitry Peskov", "Antony Blinken", "Several US media outlets"} <= set(panel.graph.labelled())
    assert panel.graph.legend_text().splitlines()[0].split() == ["United", "States", "Russia"]
    model.sort(0, Qt.SortOrder.AscendingOrder)  # by the answering speaker's name
    names = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert names == sorted(names, key=str.casefold)
    qtmodeltester.check(model)
    # What Save Table writes: every row in the order shown, off the GUI thread.
    source = model.export_source()
    assert source.header == ["Answering", "Answered", "Answers"] and source.count == 8
    assert source.read(0, 8) == [[model.index(r, c).data() for c in range(3)] for r in range(8)]
    speakers = panel.speakers.export_source().read(0, 2)  # the busiest first, equals by name
    assert speakers == [["Dmitry Peskov", "Russia", "7", "0"], ["Several US media outlets", "United States", "0", "7"]]


@pytest.mark.parametrize("width", [380, 460, 560])
def test_a_narrow_drawing_still_names_the_busiest_speaker_either_side(qtbot, panel, width):
    # The busiest of all sits leftmost on the ring; at a fixed size a narrow view left no room for its name.
    graph = panel.graph
    graph.setFixedWidth(width)
    qtbot.waitUntil(lambda: abs(graph._box.width() - width) < 40)
    found = panel.found
    ring = found.drawn_speakers
    busy = (found.given + found.got)[ring]
    left, right = found.x[ring] < 0, found.x[ring] >= 0
    busiest = {found.names[ring[half][np.argmax(busy[half])]] for half in (left, right)}
    assert busiest == {"Several US media outlets", "Dmitry Peskov"}

    def named_inside() -> bool:
        # Every name shown lies inside the drawing (in the plot's pixels: names keep their size whatever the scale).
        view = graph.plot.viewportTransform()
        drawn = view.mapRect(graph._box.mapRectToScene(graph._box.boundingRect()))
        shown = [label for _, label in graph._labels if label.isVisible()]
        return all(drawn.contains(label.deviceTransform(view).mapRect(label.boundingRect())) for label in shown)

    qtbot.waitUntil(lambda: busiest <= set(graph.labelled()) and named_inside())


def test_clicking_a_speaker_shows_their_statements_in_the_comparison(qtbot, window, panel):
    found = panel.found
    peskov = _id(window.db, Speaker, "Dmitry Peskov")
    where = found.where(np.array([peskov]))[0]
    _click_at(qtbot, panel, found.x[where], found.y[where])
    qtbot.waitUntil(lambda: window.state.filter == StatementFilter(speaker_id=peskov))
    kept = _kept(window.db, window.state.filter)
    qtbot.waitUntil(lambda: _compared(window)[1] == len(kept))
    assert _compared(window)[0] == kept and len(kept) == 4  # Peskov's statements, each on its card


def test_clicking_an_arrow_shows_those_answers_and_what_they_answer(qtbot, window, panel):
    found = panel.found
    polyansky, blinken = (_id(window.db, Speaker, name) for name in ("Dmitry Polyansky", "Antony Blinken"))
    edge = next(i for i in range(len(found)) if (found.source[i], found.target[i]) == (polyansky, blinken))
    number = int(np.flatnonzero(found.drawn == edge)[0])
    middle = found.curve[number][len(found.curve[number]) // 2]
    _click_at(qtbot, panel, *middle)
    qtbot.waitUntil(lambda: window.state.filter == StatementFilter(answers=(polyansky, blinken)))
    assert panel.directions.item(panel.direction_table.currentIndex().row()) == edge  # the table follows the click
    # Polyansky's three rebuttals and the Blinken statements they answer, read plainly from the links.
    with window.db.reading() as session:
        links = session.execute(text(
            "SELECT from_id, to_id FROM link JOIN statement a ON a.id = from_id JOIN statement b ON b.id = to_id "
            "WHERE a.speaker_id = :a AND b.speaker_id = :b AND type IN ('rebuts', 'responds_to')"
        ), {"a": polyansky, "b": blinken}).all()
    expected = {statement for link in links for statement in link}
    assert len(links) == 3 and _kept(window.db, window.state.filter) == expected
    qtbot.waitUntil(lambda: _compared(window)[1] == len(expected))
    assert _compared(window)[0] <= expected
    with qtbot.waitSignal(panel.shown, timeout=20_000):  # as the Analysis view does when the filter changes
        panel.refresh(window.state.filter)
    row = panel.direction_table.currentIndex().row()
    assert [panel.directions.index(row, c).data() for c in range(3)] == ["Dmitry Polyansky", "Antony Blinken", "3"]
    assert panel.graph._edge_line.path().length() > 0  # the direction chosen is traced
    assert "Answers from Dmitry Polyansky to Antony Blinken" in window.navigator.filter_label.text()
    window.activateWindow()  # the panel is in a window of its own here; in the app it is in this one
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.comparison.table, Qt.Key.Key_Escape)
    assert window.state.filter == StatementFilter()
    assert "Answers" not in window.navigator.filter_label.text()


def test_enter_on_a_row_chooses_it_and_moving_traces_it(qtbot, window, panel):
    table = panel.direction_table
    table.setFocus()
    table.selectRow(1)
    assert panel.graph._edge_line.path().length() > 0  # the row moved to is traced in the drawing
    qtbot.keyClick(table, Qt.Key.Key_Return)
    polyansky, blinken = (_id(window.db, Speaker, name) for name in ("Dmitry Polyansky", "Antony Blinken"))
    assert window.state.filter.answers == (polyansky, blinken)
    speakers = panel.speaker_table
    panel.tables.setCurrentWidget(speakers)
    speakers.setFocus()
    speakers.selectRow(0)
    qtbot.keyClick(speakers, Qt.Key.Key_Return)
    busiest = panel.speakers.index(0, 0).data(ItemRole)
    assert window.state.filter == StatementFilter(speaker_id=int(panel.found.speakers[busiest]))


def test_choosing_a_speaker_in_the_navigator_replaces_an_answer_direction(window):
    peskov, blinken = (_id(window.db, Speaker, name) for name in ("Dmitry Peskov", "Antony Blinken"))
    window.state.set_filter(StatementFilter(answers=(peskov, blinken), text="troops"))
    window.navigator.entry_chosen.emit("speaker", blinken)
    assert window.state.filter == StatementFilter(speaker_id=blinken, text="troops")


def test_the_filter_line_says_the_direction(seeded_db):
    peskov, blinken = (_id(seeded_db, Speaker, name) for name in ("Dmitry Peskov", "Antony Blinken"))
    assert catalog.describe_filter(seeded_db, StatementFilter(answers=(peskov, blinken))) == (
        "Answers from Dmitry Peskov to Antony Blinken"
    )


def test_names_from_data_are_shown_as_written(qtbot, window, panel):
    with window.db.transaction() as session:
        east, west = Side(name="<i>East</i>", colour="#2e8b57"), Side(name="West & co", colour="#8e44ad")
        session.add_all([east, west])
        session.flush()
        ann, bob = Speaker(name="<b>Ann</b>", side_id=east.id), Speaker(name="Bob", side_id=west.id)
        session.add_all([ann, bob])
        session.flush()
        claim = Statement(text="A claim.", speaker_id=bob.id)
        session.add(claim)
        session.flush()
        answer = Statement(text="No.", speaker_id=ann.id)
        session.add(answer)
        session.flush()
        session.add(Link(from_id=answer.id, to_id=claim.id, type="rebuts"))
    with qtbot.waitSignal(panel.shown, timeout=20_000):
        panel.refresh(StatementFilter())
    assert "<i>East</i>" in panel.graph.legend_text() and "West & co" in panel.graph.legend_text()
    assert "<b>Ann</b>" in panel.graph.labelled()
    found = panel.found
    ann = found.where(np.array([_id(window.db, Speaker, "<b>Ann</b>")]))[0]
    panel.graph._hovered(found.x[ann], found.y[ann])
    assert "&lt;b&gt;Ann&lt;/b&gt; (&lt;i&gt;East&lt;/i&gt;)" in panel.graph.plot.getViewBox().toolTip()

