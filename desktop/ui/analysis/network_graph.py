"""The drawing of who answers whom: speakers on a ring, each side's on its own arc, joined by arrows.

Everything is placed by the service (answer_network.py); here it is drawn in a pyqtgraph plot
(so it saves like every chart), names are put beside the discs where they fit without
overlapping, and a click or a hover finds the speaker or edge under the pointer.
"""

import html
import math
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainterPath, QPalette, QPen, QResizeEvent, QTransform
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem, QGraphicsSimpleTextItem, QWidget

from desktop.services.answer_network import AnswerNetwork
from desktop.services.wording import plural
from desktop.ui.colours import mixed
from desktop.ui.plain_text import tooltip_text

_EDGE_ALPHA = 150  # edges paler than the discs, so crossings stay readable
_NEAR = 4.0  # pixels within which the pointer is on a disc or an edge
_LABEL_GAPS = (3.0, 6.0, 10.0, 15.0, 21.0)  # pixels between a disc and its name, the nearest that clears the disc
_LONGEST_LABEL = 32  # characters of a name written beside its disc; the tooltip has it whole
_MARGIN = 1.8  # of the ring's radius, shown around its centre: room for names either side
_EDGE_ROOM = 4.0  # pixels between a name and the drawing's edge
_NAMES_MEASURED = 4096  # names whose sizes in pixels are remembered
_HIGHLIGHT = QColor(255, 176, 0)  # amber, as the timeline's selection


class _GraphBox(pg.ViewBox):
    """A view box that reports clicks and the pointer's moves in the ring's units, and never pans or zooms."""

    clicked = Signal(float, float)
    hovered = Signal(float, float)

    def __init__(self):
        super().__init__(enableMenu=False)
        self.setMouseEnabled(x=False, y=False)
        self.setAspectLocked(True)

    def mouseClickEvent(self, ev):
        if ev.button() != Qt.MouseButton.LeftButton:
            return super().mouseClickEvent(ev)
        ev.accept()
        point = self.mapSceneToView(ev.scenePos())
        self.clicked.emit(point.x(), point.y())

    def hoverEvent(self, ev):
        if not ev.isExit():
            point = self.mapSceneToView(ev.scenePos())
            self.hovered.emit(point.x(), point.y())

    def wheelEvent(self, ev, axis=None):
        ev.ignore()


def edge_words(found: AnswerNetwork, edge: int) -> str:
    """One direction in words: 'Dmitry Peskov (Russia) answered Antony Blinken (United States) 3 times'."""
    source, target = int(found.source[edge]), int(found.target[edge])
    return (f"{found.name(source)} ({found.side_of(source).name}) answered {found.name(target)} "
            f"({found.side_of(target).name}) {plural(int(found.count[edge]), 'time')}")


def speaker_words(found: AnswerNetwork, index: int) -> str:
    """One speaker in words: name, side, answers given and got."""
    speaker = int(found.speakers[index])
    return (f"{found.names[index]} ({found.side_of(speaker).name})\n"
            f"gives {plural(int(found.given[index]), 'answer')}, gets {plural(int(found.got[index]), 'answer')}")


@dataclass(frozen=True)
class Drawing:
    """A network with what draws it, made off the GUI thread (painter paths are plain values): the discs'
    brushes, the edges as one path per colour and width, the arrow heads as one path per colour."""

    found: AnswerNetwork
    brushes: list[QBrush]
    lines: list[tuple[QColor, float, QPainterPath]]
    heads: list[tuple[QColor, QPainterPath]]


def drawing(found: AnswerNetwork, background: QColor) -> Drawing:
    """The paths and brushes that draw a network over `background` (see `Drawing`)."""
    colours = {key.id: QColor(key.colour) for key in found.legend}
    brushes = [QBrush(colours[int(side)]) for side in found.sides[found.drawn_speakers]]
    answering = found.sides[found.where(found.source[found.drawn])]
    lines, heads = [], []
    for side in np.unique(answering).tolist():
        colour = QColor(colours[side])
        colour.setAlpha(_EDGE_ALPHA)
        colour = mixed(colour, background)
        of_side = answering == side
        for width in np.unique(found.width[of_side]).tolist():
            lines.append((colour, width, _polylines(found.curve[of_side & (found.width == width)])))
        heads.append((colour, _polylines(found.arrow[of_side])))  # filled, each closes into a triangle
    return Drawing(found, brushes, lines, heads)


class NetworkGraph(QWidget):
    """The ring of speakers and the arrows between them; `speaker_clicked(speaker id)` and `edge_clicked(answering
    speaker id, answered speaker id)` say what a click hit."""

    speaker_clicked = Signal(int)
    edge_clicked = Signal(int, int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        palette = self.palette()
        self._text = palette.color(QPalette.ColorRole.Text)
        self.background = palette.color(QPalette.ColorRole.Base)
        self._box = _GraphBox()
        self.plot = pg.PlotWidget(viewBox=self._box, background=self.background, objectName="networkPlot")
        self.plot.hideButtons()
        item = self.plot.getPlotItem()
        for axis in ("left", "bottom"):
            item.hideAxis(axis)
        item.layout.removeItem(item.getAxis("top"))  # never shown: its row holds the legend
        self._legend = pg.LabelItem("", justify="left", color=self._text)
        self._legend.item.document().setDocumentMargin(0)
        item.layout.addItem(self._legend, 1, 1)
        self._box.setRange(xRange=(-_MARGIN, _MARGIN), yRange=(-1.25, 1.25), padding=0)
        self._note = pg.TextItem("", color=self._text, anchor=(0.5, 0.5))
        self._box.addItem(self._note, ignoreBounds=True)
        self._nodes = pg.ScatterPlotItem(pxMode=False, pen=pg.mkPen(self.background, width=0.006))
        self._box.addItem(self._nodes)
        self._node_ring = QGraphicsPathItem()
        self._node_ring.setPen(QPen(_HIGHLIGHT, 0.012))
        self._node_ring.setZValue(20)
        self._box.addItem(self._node_ring, ignoreBounds=True)
        self._edge_line = QGraphicsPathItem()
        self._edge_line.setZValue(15)
        self._box.addItem(self._edge_line, ignoreBounds=True)
        self._shapes: list[QGraphicsPathItem] = []
        self._label_items: list[QGraphicsSimpleTextItem] = []
        self._labels: list[tuple[int, QGraphicsSimpleTextItem]] = []  # each speaker drawn, busiest first, and its name
        self._sizes: dict[int, list[tuple[str, float, float]]] = {}  # each one's name as it may be written, in pixels
        self._measures: dict[str, list[tuple[str, float, float]]] = {}
        self._placing = False
        self._found: AnswerNetwork | None = None
        self._font_metrics = QFontMetricsF(self.font())

        layout = pg.QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)
        self._box.clicked.connect(self._clicked)
        self._nodes.sigClicked.connect(self._nodes_clicked)  # the discs take the clicks on them from the box
        self._box.hovered.connect(self._hovered)
        self._box.sigTransformChanged.connect(self._place_labels)
        self._box.sigResized.connect(self._fit_ring)

    # ---- Showing a network -------------------------------------------------------------------------

    def show_network(self, drawing: "Drawing", note: str = "") -> None:
        """Draw this network (nothing but `note` when it has no direction); its paths were made off this thread."""
        found = self._found = drawing.found
        self.highlight()
        self._note.setText(note)
        self._note.setVisible(bool(note))
        ring = found.drawn_speakers
        self._nodes.setData(x=found.x[ring], y=found.y[ring], size=2 * found.radius[ring], data=ring, brush=drawing.brushes)
        shapes = [
            (QPen(QBrush(colour), width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap), QBrush(), path)
            for colour, width, path in drawing.lines
        ]
        shapes += [(QPen(Qt.PenStyle.NoPen), QBrush(colour), path) for colour, path in drawing.heads]
        while len(self._shapes) < len(shapes):  # a few, kept: one per colour and width of edge, and of arrow head
            shape = QGraphicsPathItem()
            shape.setZValue(-1)
            self._box.addItem(shape, ignoreBounds=True)
            self._shapes.append(shape)
        for shape, (pen, brush, path) in zip(self._shapes, shapes + [(QPen(), QBrush(), QPainterPath())] * len(self._shapes)):
            shape.setPen(pen)
            shape.setBrush(brush)
            shape.setPath(path)
        busiest = ring[np.lexsort((found.speakers[ring], -(found.given + found.got)[ring]))]
        while len(self._label_items) < len(busiest):  # made once, as many as speakers are ever drawn
            label = QGraphicsSimpleTextItem()  # plain text, in pixels wherever the ring is shown
            label.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
            label.setBrush(QBrush(self._text))
            label.setFont(self.font())  # as measured in _place_labels
            label.setZValue(5)
            label.setParentItem(self._box.childGroup)
            self._label_items.append(label)
        self._labels = list(zip(busiest.tolist(), self._label_items))
        self._sizes = {index: self._measured(found.names[index]) for index, _ in self._labels}
        for label in self._label_items[len(busiest):]:
            label.setVisible(False)
        self._legend.setText(self._legend_html(found))
        self._wrap_legend()
        self._fit_ring()
        self._place_labels()

    def _legend_html(self, found: AnswerNetwork) -> str:
        """The sides' colours and names (escaped: names are data), then how to read an edge."""
        sides = "&emsp;".join(
            f"<span style='background-color:{QColor(key.colour).name()}'>&nbsp;&nbsp;&nbsp;</span>&nbsp;{html.escape(key.name)}"
            for key in found.legend
        )
        widest = int(found.count[found.drawn].max(initial=0))
        how = [f"Arrows point at the speaker answered, in the answering side's colour; width by answers (widest: {widest:,}).",
               "A disc's area counts the answers its speaker gives and gets."] if len(found.drawn) else []
        return "<br>".join([sides, *(f"<span style='font-size:small'>{html.escape(line)}</span>" for line in how)])

    def legend_text(self) -> str:
        """The legend as shown, in plain text."""
        return self._legend.item.toPlainText()

    def labelled(self) -> list[str]:
        """The names written beside their discs, as shown."""
        return [label.text().replace("\n", " ") for _, label in self._labels if label.isVisible()]

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._wrap_legend()

    def _wrap_legend(self) -> None:
        """The legend's lines wrap at the drawing's width, and the drawing takes the view's whole room again:
        unwrapped, its long line kept the drawing wider than the view, and the ring ran past the edge."""
        self._legend.item.setTextWidth(max(self.plot.width() - 24, 120))
        self._legend.updateMin()
        self.plot.centralWidget.setGeometry(self.plot.range)  # as the view's own resize does, now the legend allows it

    def _fit_ring(self) -> None:
        """Show the ring as large as leaves the busiest speaker of each half room for their name beside their disc
        (on two lines if need be). At a fixed size, a narrow view left the busiest of all, drawn leftmost, unnamed."""
        found, half = self._found, _MARGIN
        width = self._box.width()
        if found is not None and width > 0:
            scale = width / (2 * _MARGIN)  # pixels in the ring's unit
            busiest: dict[bool, int] = {}
            for index, _ in self._labels:
                busiest.setdefault(bool(found.x[index] < 0), index)
            for index in busiest.values():
                x, y = float(found.x[index]), float(found.y[index])
                outward = abs(math.cos(math.atan2(y, x)))  # how far the name reaches sideways, 1 at the ring's left and right
                name = min(size for _, size, _ in self._sizes[index])
                room = width / 2 - _EDGE_ROOM - _LABEL_GAPS[0] * outward - name * (1 + outward) / 2
                if room > 0:
                    scale = min(scale, room / (abs(x) + float(found.radius[index]) * outward))
            half = max(_MARGIN, width / (2 * scale))
        self._box.setRange(xRange=(-half, half), yRange=(-1.25, 1.25), padding=0)

    def _measured(self, name: str) -> list[tuple[str, float, float]]:
        """The ways a name may be written beside its disc, each with its width and height in pixels (remembered:
        the same names come back with every filter)."""
        sizes = self._measures.get(name)
        if sizes is None:
            if len(self._measures) > _NAMES_MEASURED:
                self._measures.clear()
            line = self._font_metrics.lineSpacing()
            sizes = self._measures[name] = [
                (words, max(map(self._font_metrics.horizontalAdvance, words.split("\n"))) + 2, line * (words.count("\n") + 1))
                for words in _wordings(name)
            ]
        return sizes

    def _place_labels(self) -> None:
        """Write the busiest speakers' names outside the ring beside their discs, each where it overlaps no other
        name, disc or the plot's edge; the others are left to the tooltips."""
        found = self._found
        if found is None or not self._labels or self._placing:
            return  # the view's first mapping below may bring the new transform, and this again
        self._placing = True
        try:
            self._place_labels_now(found)
        finally:
            self._placing = False

    def _place_labels_now(self, found: AnswerNetwork) -> None:
        box = self._box
        bounds = box.mapRectToScene(box.boundingRect())
        # The ring's units map onto the scene's pixels by a scale and a shift (the y axis points up).
        origin = box.mapViewToScene(QPointF(0, 0))
        corner = box.mapViewToScene(QPointF(1, 1))
        ox, oy, sx, sy = origin.x(), origin.y(), corner.x() - origin.x(), corner.y() - origin.y()
        ring = found.drawn_speakers
        discs = np.column_stack([ox + found.x[ring] * sx, oy + found.y[ring] * sy, found.radius[ring] * sx])
        where = {int(index): number for number, index in enumerate(ring.tolist())}
        taken: list[QRectF] = []
        for index, label in self._labels:
            x, y, reach = discs[where[index]].tolist()
            angle = math.atan2(found.y[index], found.x[index])
            cos, sin = math.cos(angle), math.sin(angle)
            anchor = ((1 - cos) / 2, (1 + sin) / 2)
            label.setVisible(False)
            for words, width, height in self._sizes[index]:  # on one line, else on two
                for gap in _LABEL_GAPS:  # moved out until clear of its own disc (a corner may reach back over it)
                    at = (x + (reach + gap) * cos, y - (reach + gap) * sin)
                    rect = QRectF(at[0] - anchor[0] * width, at[1] - anchor[1] * height, width, height)
                    nearest = (min(max(x, rect.left()), rect.right()), min(max(y, rect.top()), rect.bottom()))
                    if math.hypot(x - nearest[0], y - nearest[1]) >= reach:
                        break
                if bounds.contains(rect) and not any(rect.intersects(other) for other in taken) and not _covers(rect, discs):
                    taken.append(rect)
                    label.setText(words)
                    label.setPos(QPointF((at[0] - ox) / sx, (at[1] - oy) / sy))
                    label.setTransform(QTransform.fromTranslate(rect.left() - at[0], rect.top() - at[1]))
                    label.setVisible(True)
                    break

    # ---- Pointing at it ----------------------------------------------------------------------------

    def _pixel(self) -> float:
        """The ring's units in one pixel."""
        width, _ = self._box.viewPixelSize()
        return width

    def speaker_at(self, x: float, y: float) -> int | None:
        """The speaker (an index into the network's speakers) whose disc is under the point, if any."""
        found = self._found
        if found is None or not len(found.drawn_speakers):
            return None
        ring = found.drawn_speakers
        distance = np.hypot(found.x[ring] - x, found.y[ring] - y) - found.radius[ring]
        nearest = int(np.argmin(distance))
        return int(ring[nearest]) if distance[nearest] <= _NEAR * self._pixel() else None

    def edge_at(self, x: float, y: float) -> int | None:
        """The drawn direction (an index into the network's directions) under the point, if any: the nearest."""
        found = self._found
        if found is None or not len(found.drawn):
            return None
        with_head = np.concatenate([found.curve, found.arrow[:, :1]], axis=1)
        start, end = with_head[:, :-1], with_head[:, 1:]
        step = end - start
        length = np.maximum((step**2).sum(axis=2), 1e-12)
        t = np.clip(((x - start[..., 0]) * step[..., 0] + (y - start[..., 1]) * step[..., 1]) / length, 0, 1)
        distance = np.hypot(start[..., 0] + t * step[..., 0] - x, start[..., 1] + t * step[..., 1] - y).min(axis=1)
        distance -= found.width / 2
        nearest = int(np.argmin(distance))
        return int(found.drawn[nearest]) if distance[nearest] <= _NEAR * self._pixel() else None

    def _clicked(self, x: float, y: float) -> None:
        speaker = self.speaker_at(x, y)
        if speaker is not None:
            self.speaker_clicked.emit(int(self._found.speakers[speaker]))
            return
        edge = self.edge_at(x, y)
        if edge is not None:
            self.edge_clicked.emit(int(self._found.source[edge]), int(self._found.target[edge]))

    def _nodes_clicked(self, _nodes, _points, ev) -> None:
        point = self._box.mapSceneToView(ev.scenePos())
        self._clicked(point.x(), point.y())

    def _hovered(self, x: float, y: float) -> None:
        speaker = self.speaker_at(x, y)
        edge = self.edge_at(x, y) if speaker is None else None
        if speaker is not None:
            words = speaker_words(self._found, speaker) + "\nClick to show their statements"
        elif edge is not None:
            words = edge_words(self._found, edge) + "\nClick to show these answers and what they answer"
        else:
            words = ""
        self._box.setToolTip(tooltip_text(words) if words else "")

    # ---- Showing what is chosen in the tables ------------------------------------------------------

    def highlight(self, speaker: int | None = None, edge: int | None = None) -> None:
        """Ring one speaker's disc (an index into the speakers) or trace one direction (into the directions)
        in amber; None for neither."""
        found = self._found
        ring, line = QPainterPath(), QPainterPath()
        if found is not None and speaker is not None and not np.isnan(found.x[speaker]):
            reach = found.radius[speaker] + 0.012
            ring.addEllipse(QPointF(found.x[speaker], found.y[speaker]), reach, reach)
        drawn = np.flatnonzero(found.drawn == edge) if found is not None and edge is not None else []
        if len(drawn):
            line = _polylines(found.curve[drawn[:1]])
            self._edge_line.setPen(QPen(_HIGHLIGHT, float(found.width[drawn[0]]) + 0.012))
        self._node_ring.setPath(ring)
        self._edge_line.setPath(line)


def _covers(rect: QRectF, discs: np.ndarray) -> bool:
    """Whether the rectangle overlaps any of the discs (x, y, radius in pixels)."""
    x, y, radius = discs[:, 0], discs[:, 1], discs[:, 2]
    away_x = x - np.minimum(np.maximum(x, rect.left()), rect.right())  # np.clip costs several times more, called this often
    away_y = y - np.minimum(np.maximum(y, rect.top()), rect.bottom())
    return bool((away_x * away_x + away_y * away_y < radius * radius).any())


def _polylines(points: np.ndarray) -> QPainterPath:
    """One path of many lines, each through its points (lines x points x 2)."""
    if not len(points):
        return QPainterPath()
    connect = np.ones(points.shape[:2], dtype=bool)
    connect[:, -1] = False
    return pg.arrayToQPath(points[..., 0].ravel(), points[..., 1].ravel(), connect=connect.ravel())


def _wordings(name: str) -> list[str]:
    """A name as written beside its disc: on one line (cut short when very long), or on two, broken at the space
    nearest its middle."""
    short = name if len(name) <= _LONGEST_LABEL else name[: _LONGEST_LABEL - 1].rstrip() + "…"
    spaces = [at for at, character in enumerate(short) if character == " "]
    if not spaces:
        return [short]
    middle = min(spaces, key=lambda at: abs(at - len(short) / 2))
    return [short, short[:middle] + "\n" + short[middle + 1 :]]
