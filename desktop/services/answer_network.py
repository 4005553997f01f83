"""Who answers whom, ready to draw: every answer direction and speaker with names and counts, and a ring of the
busiest speakers, each side's together on its own arc, joined by the busiest directions.

The layout is worked out in numpy in a few milliseconds, the same for the same data (no force
simulation). Distances are in units of the ring's radius. A speaker's disc has an area in
proportion to the answers it gives and gets; an edge's width is in proportion to its answers
and it bends to its right, so that A -> B and B -> A are both seen, ending in an arrow head at
the speaker answered.
"""

from dataclasses import dataclass

import numpy as np

from desktop.domain.filters import StatementFilter
from desktop.services.dispute import network
from desktop.services.names import Names, names
from desktop.storage.database import Database

MOST_SPEAKERS = 80  # drawn on the ring: more would leave each too little room to be seen and clicked
MOST_EDGES = 300  # drawn among them: more hide one another

_BIGGEST = 0.2  # the largest disc's diameter, at most
_SPACING = 0.35  # room between neighbouring discs, as a share of the mean diameter
_SIDE_GAP = 1.5  # room between two sides' arcs, in mean diameters
_BEND = 0.3  # how far an edge's middle is drawn towards the centre
_SWAY = 0.12  # how far it bends to its right, as a share of its length
_WIDEST, _THINNEST = 0.03, 0.004  # edge widths
_UNIT_FROM = 6  # answers from which the widest edge is _WIDEST; below, each answer adds _WIDEST / _UNIT_FROM
_SAMPLES = 24  # points along each drawn edge


@dataclass(frozen=True)
class SideKey:
    """A side of the legend: its id (0 for no side), name, colour and how many speakers of it are drawn."""

    id: int
    name: str
    colour: str
    drawn: int


@dataclass(frozen=True)
class AnswerNetwork:
    """Every answer direction under a filter, busiest first (`source` answers `target` `count` times: speaker
    ids), every speaker on one (`speakers`, ascending, with name, side, answers given and got), and the drawing:
    where each drawn speaker sits (`x`, `y`, disc `radius`; nan when not drawn), which directions are drawn
    (`drawn`, indices into the directions), each drawn one's `curve` (points from the answering speaker's disc
    to its `arrow` head, a triangle whose tip touches the disc answered) and `width`."""

    source: np.ndarray
    target: np.ndarray
    count: np.ndarray
    speakers: np.ndarray
    names: tuple[str, ...]
    sides: np.ndarray
    given: np.ndarray
    got: np.ndarray
    legend: tuple[SideKey, ...]
    x: np.ndarray
    y: np.ndarray
    radius: np.ndarray
    drawn: np.ndarray
    curve: np.ndarray
    arrow: np.ndarray
    width: np.ndarray

    def __len__(self) -> int:
        return len(self.source)

    @property
    def drawn_speakers(self) -> np.ndarray:
        """Indices of the speakers drawn on the ring."""
        return np.flatnonzero(~np.isnan(self.x))

    def where(self, speaker_ids: np.ndarray) -> np.ndarray:
        """Indices into `speakers` of these speaker ids (each must be on a direction)."""
        return np.searchsorted(self.speakers, speaker_ids)

    def name(self, speaker_id: int) -> str:
        return self.names[int(self.where(np.array([speaker_id]))[0])]

    def side_of(self, speaker_id: int) -> SideKey:
        side = int(self.sides[self.where(np.array([speaker_id]))[0]])
        return next(key for key in self.legend if key.id == side)


def answer_network(db: Database, chosen: StatementFilter = StatementFilter(), most_speakers: int = MOST_SPEAKERS,
                   most_edges: int = MOST_EDGES) -> AnswerNetwork:
    """Who answers whom under the filter (`dispute.network`), named and laid out: call it off the GUI thread."""
    found = network(db, chosen)
    speakers = found.speakers
    source, target = np.searchsorted(speakers, found.source), np.searchsorted(speakers, found.target)
    given = np.bincount(source, weights=found.count, minlength=len(speakers)).astype(np.int64)
    got = np.bincount(target, weights=found.count, minlength=len(speakers)).astype(np.int64)
    busy = given + got
    # Busiest first; among equals, between busier speakers, then by ids: the same order every time.
    order = np.lexsort((found.target, found.source, -(busy[source] + busy[target]), -found.count))
    source, target, count = source[order], target[order], found.count[order]
    known = names(db)
    speaker_names = tuple(known.each("speaker", speakers))

    # The speakers of the busiest directions, as many as the ring holds, then the busiest directions among them:
    # the busiest of all are always drawn.
    first_seen = np.full(len(speakers), len(source), dtype=np.int64)
    np.minimum.at(first_seen, source, np.arange(len(source)))
    np.minimum.at(first_seen, target, np.arange(len(target)))
    cut = np.sort(first_seen)[most_speakers] if len(speakers) > most_speakers else len(source)
    on_ring = first_seen < cut
    drawn = np.flatnonzero(on_ring[source] & on_ring[target])[:most_edges]
    on_ring[:] = False
    on_ring[source[drawn]] = on_ring[target[drawn]] = True  # a chosen speaker with no drawn direction is left out

    side_ids = found.sides
    keys = _legend(side_ids, busy, on_ring, known)
    x, y, radius = _ring(side_ids, busy, on_ring, [key.id for key in keys])
    curve, arrow, width = _edges(x, y, radius, source[drawn], target[drawn], count[drawn])
    return AnswerNetwork(
        speakers[source], speakers[target], count, speakers, speaker_names, side_ids, given, got, keys,
        x, y, radius, drawn, curve, arrow, width,
    )


def _legend(side_ids: np.ndarray, busy: np.ndarray, on_ring: np.ndarray, known: Names) -> tuple[SideKey, ...]:
    """The sides of the speakers on any direction, busiest first, no side last."""
    present = np.unique(side_ids)
    load = np.array([busy[side_ids == side].sum() for side in present])  # a few sides: a loop over them is fine
    drawn = np.array([np.count_nonzero(on_ring & (side_ids == side)) for side in present])
    order = np.lexsort((present, -load, present == 0))
    keys = []
    for where in order:
        side = int(present[where])
        keys.append(SideKey(side, known.side(side), known.colour(side), int(drawn[where])))
    return tuple(keys)


def _ring(side_ids: np.ndarray, busy: np.ndarray, on_ring: np.ndarray, side_order: list[int]):
    """Each speaker's place on the ring (nan when not on it): each side's speakers on one arc, its busiest in the
    middle, the first side's arc centred on the left; discs sized by area and never overlapping."""
    x, y, radius = (np.full(len(busy), np.nan) for _ in range(3))
    placed = np.flatnonzero(on_ring)
    if not len(placed):
        return x, y, radius
    rank = {side: number for number, side in enumerate(side_order)}
    side_rank = np.array([rank[int(side)] for side in side_ids[placed]])
    by_busy = np.lexsort((placed, -busy[placed], side_rank))  # by side, then busiest first
    placed, side_rank = placed[by_busy], side_rank[by_busy]
    arcs = []
    for side in range(len(side_order)):  # a few sides
        members = placed[side_rank == side]
        if len(members):
            arcs.append(np.concatenate([members[1::2][::-1], members[0::2]]))  # the busiest in the middle
    ring = np.concatenate(arcs)
    diameter = np.sqrt(busy[ring].astype(np.float64))
    mean = diameter.mean()
    gap = _SIDE_GAP * mean if len(arcs) > 1 else 0.0
    slot = diameter + _SPACING * mean
    opens_arc = np.zeros(len(ring), dtype=bool)
    opens_arc[np.cumsum([0, *(len(arc) for arc in arcs[:-1])])] = True
    along = np.cumsum(slot) - slot / 2 + np.cumsum(opens_arc) * gap  # arc length to each disc's centre
    spread = 2 * np.pi / (slot.sum() + len(arcs) * gap)  # the arcs fill the ring even when discs are capped in size
    scale = min(spread, _BIGGEST / diameter.max())
    first_middle = (along[0] + along[len(arcs[0]) - 1]) / 2
    angle = np.pi - (along - first_middle) * spread  # clockwise from the left
    x[ring], y[ring] = np.cos(angle), np.sin(angle)
    radius[ring] = diameter * scale / 2
    return x, y, radius


def _edges(x, y, radius, source, target, count):
    """Each drawn direction's curve, arrow head and width (see the module's words)."""
    width = np.maximum(_WIDEST * count / max(int(count.max(initial=1)), _UNIT_FROM), _THINNEST)
    head = 0.04 + 1.5 * width
    start = np.stack([x[source], y[source]], axis=1)
    end = np.stack([x[target], y[target]], axis=1)
    chord = end - start
    length = np.maximum(np.hypot(*chord.T), 1e-9)
    right = np.stack([chord[:, 1], -chord[:, 0]], axis=1) / length[:, None]
    control = (start + end) / 2 * (1 - _BEND) + right * (_SWAY * length)[:, None]

    def at(t: np.ndarray) -> np.ndarray:  # points of each edge's Bezier curve at parameters t (edges x t)
        t = t[..., None]
        return (1 - t) ** 2 * start[:, None] + 2 * (1 - t) * t * control[:, None] + t**2 * end[:, None]

    dense = np.linspace(0, 1, 200)
    points = at(np.broadcast_to(dense, (len(source), len(dense))))
    from_start = np.hypot(*(points - start[:, None]).transpose(2, 0, 1))
    to_end = np.hypot(*(points - end[:, None]).transpose(2, 0, 1))
    leaves = dense[np.argmax(from_start >= radius[source][:, None], axis=1)]
    tip = dense[len(dense) - 1 - np.argmax((to_end >= radius[target][:, None])[:, ::-1], axis=1)]
    base = dense[len(dense) - 1 - np.argmax((to_end >= (radius[target] + head)[:, None])[:, ::-1], axis=1)]
    base = np.maximum(base, leaves)
    curve = at(leaves[:, None] + (base - leaves)[:, None] * np.linspace(0, 1, _SAMPLES))
    tip_point, base_point = at(tip[:, None])[:, 0], at(base[:, None])[:, 0]
    along = tip_point - base_point
    across = np.stack([-along[:, 1], along[:, 0]], axis=1) * 0.45
    arrow = np.stack([tip_point, base_point + across, base_point - across], axis=1)
    return curve, arrow, width

