"""Repeated lines: finding statements that repeat an earlier one of their side (proposals to accept or
reject), and the groups the accepted `repeats` links make.

`find_repeats` reads the texts of the statements the filter keeps a block at a time and keeps only
their MinHash band keys (desktop/domain/repeats.py), so memory grows with the statements, not their
texts; only the candidate pairs' texts are read again, to be scored. Pairs already linked (any link,
either way), pairs in one accepted group already and pairs the editor rejected are never proposed.

A group's first statement is its earliest (by date, then lowest id; undated ones count as latest).
"""

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import numpy as np
from sqlalchemy import func, select

from desktop.domain import repeats as engine
from desktop.domain.entities import Outlet, Speaker, Statement
from desktop.domain.filters import StatementFilter
from desktop.domain.values import LinkType
from desktop.services import collector
from desktop.services.answers import links_for
from desktop.services.filtering import mask
from desktop.services.statement_columns import StatementColumns, columns_for
from desktop.storage.columns import LINK_TYPES, NO_DAY
from desktop.storage.database import Database
from desktop.storage.queries import in_chunks

BLOCK = 5_000  # statements read and hashed at a time: each numpy call on them is short, so the window stays responsive
_NEVER = np.iinfo(np.int64).max


@dataclass(frozen=True, slots=True)
class Proposal:
    """`later` seems to repeat `earlier` (statement ids), alike by `score` (0-100); `across` languages."""

    later: int
    earlier: int
    score: float
    across: bool = False


@dataclass(frozen=True, slots=True)
class ProposalGroup:
    """Proposals that chain into one repeated line, said first by statement `first`."""

    first: int
    proposals: tuple[Proposal, ...]

    @property
    def statements(self) -> list[int]:
        """The first statement, then those that repeat it."""
        return [self.first, *(p.later for p in self.proposals)]


@dataclass(frozen=True, slots=True)
class Proposals:
    """What `find_repeats` found: groups, largest first, and how many statements it compared."""

    groups: tuple[ProposalGroup, ...]
    compared: int
    candidates: int

    @property
    def count(self) -> int:
        return sum(len(group.proposals) for group in self.groups)


@dataclass(frozen=True, slots=True)
class RepeatGroup:
    """Statements linked by accepted `repeats` links: `statements` from the first, in time order."""

    first: int
    statements: tuple[int, ...]

    def as_json(self) -> dict:
        return {"first": self.first, "statements": list(self.statements)}


# ---- Time order ----------------------------------------------------------------------------------


_UNDATED = 1 << 29  # a day after any date (days since 1970)


def _time_keys(db: Database, columns: StatementColumns, positions: np.ndarray) -> np.ndarray:
    """One number per statement rising with its day, then, within a day, whether it is linked as repeating
    another (its id says nothing of who spoke first), then its id; undated last."""
    day = columns.day[positions].astype(np.int64)
    day = np.where(day == NO_DAY, _UNDATED, day)
    link_from, _, is_repeat = _links(db)
    ids = columns.ids[positions]
    return (2 * day + np.isin(ids, link_from[is_repeat])) * (1 << 32) + ids


def _pair_codes(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """One number for each unordered pair of statement ids."""
    a, b = np.asarray(a, dtype=np.int64), np.asarray(b, dtype=np.int64)
    return np.minimum(a, b) * (1 << 32) + np.maximum(a, b)


# ---- What is known already -----------------------------------------------------------------------


def _pairs_of(db: Database, query: str, width: int) -> np.ndarray:
    """The rows of a query of `width` integer columns as one array (plain driver rows: a library row per
    link would cost a second at a hundred thousand links)."""
    with db.reading() as session:
        rows = session.connection().exec_driver_sql(query).fetchall()
    flat = np.fromiter(itertools.chain.from_iterable(rows), dtype=np.int64, count=width * len(rows))
    return flat.reshape(-1, width)


def _links(db: Database) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(from, to, is a repeat) of every link."""
    links = links_for(db, columns_for(db))
    return links["from"], links["to"], links["type"] == LINK_TYPES.index(LinkType.REPEATS.value)


def _rejected(db: Database) -> np.ndarray:
    table = _pairs_of(db, "SELECT later_id, earlier_id FROM repeat_rejection", 2)
    return _pair_codes(table[:, 0], table[:, 1])


def _groups_of(first: np.ndarray, second: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The statement ids the links join, and each one's group (a number)."""
    ids, index = np.unique(np.concatenate([first, second]), return_inverse=True)
    label = engine.components(index[: len(first)], index[len(first):], len(ids))
    return ids, label


# ---- Finding -------------------------------------------------------------------------------------


def _texts(db: Database, ids: np.ndarray) -> dict[int, str]:
    """The texts of these statement ids (sorted), read by id range or by list, whichever is smaller."""
    found: dict[int, str] = {}
    if not len(ids):
        return found
    with db.reading() as session:
        if ids[-1] - ids[0] < 4 * len(ids):
            rows = session.execute(select(Statement.id, Statement.text).where(Statement.id.between(int(ids[0]), int(ids[-1]))))
            wanted = set(ids.tolist())
            found.update((i, text) for i, text in rows if i in wanted)
        else:
            for part in in_chunks(ids.tolist()):
                found.update(session.execute(select(Statement.id, Statement.text).where(Statement.id.in_(part))).all())
    return found


def find_repeats(
    db: Database,
    chosen: StatementFilter,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Proposals | None:
    """Statements the filter keeps that repeat an earlier one of their side; None when cancelled."""
    with collector.paused():  # the finder makes objects by the million
        return _find(db, chosen, progress or (lambda _done, _all: None), cancelled or (lambda: False))


def _find(db: Database, chosen: StatementFilter, progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> Proposals | None:
    columns = columns_for(db)
    positions = np.flatnonzero(mask(db, columns, chosen))
    positions = positions[np.argsort(columns.ids[positions], kind="stable")]
    ids, sides = columns.ids[positions], columns.side[positions]
    count = len(ids)
    total = count + count // 8 + 1  # reading and hashing, then the candidates
    by_words = np.zeros((count, engine.BANDS), dtype=np.uint32)
    by_keys = np.zeros((count, engine.BANDS), dtype=np.uint32)
    comparable = np.zeros(count, dtype=bool)
    translatable = np.zeros(count, dtype=bool)
    russian = np.zeros(count, dtype=bool)
    reader = engine.Reader()
    for start in range(0, count, BLOCK):
        if cancelled():
            return None
        block = slice(start, min(start + BLOCK, count))
        texts = _texts(db, ids[block])
        batch = reader.read([texts.get(int(i), "") for i in ids[block]])
        by_words[block], comparable[block], by_keys[block], translatable[block] = engine.signatures(batch, sides[block])
        russian[block] = batch.russian
        progress(block.stop, total)
    time = _time_keys(db, columns, positions)
    candidates = engine.bucket_pairs(by_words, comparable, time)
    if russian.any() and (~russian).any():
        candidates = np.concatenate([candidates, engine.across_pairs(by_keys, translatable, russian, time)])
    del by_words, by_keys
    if cancelled():
        return None
    pairs = _new(db, ids[candidates[:, 0]], ids[candidates[:, 1]])
    involved = np.unique(pairs)
    when = dict(zip(involved.tolist(), time[np.searchsorted(ids, involved)].tolist()))
    proposals = _scored(db, pairs, when, cancelled)
    if proposals is None:
        return None
    progress(total, total)
    return Proposals(_grouped(proposals, when), count, len(candidates))


def _new(db: Database, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The pairs (rows of a and b) not linked, not in one accepted group and not rejected."""
    link_from, link_to, is_repeat = _links(db)
    codes = _pair_codes(a, b)
    fresh = ~np.isin(codes, _pair_codes(link_from, link_to)) & ~np.isin(codes, _rejected(db))
    grouped_ids, label = _groups_of(link_from[is_repeat], link_to[is_repeat])
    if len(grouped_ids):
        fresh &= (_group(grouped_ids, label, a) != _group(grouped_ids, label, b)) | (_group(grouped_ids, label, a) < 0)
    return np.stack([a[fresh], b[fresh]], axis=1)


def _group(grouped_ids: np.ndarray, label: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """The accepted group of each id, -1 for one in none."""
    where = np.clip(np.searchsorted(grouped_ids, ids), 0, len(grouped_ids) - 1)
    return np.where(grouped_ids[where] == ids, label[where], -1)


def _scored(db: Database, pairs: np.ndarray, time: dict[int, int], cancelled) -> list[Proposal] | None:
    """The pairs that score as repeats, later first; of a statement's, only the one to its earliest."""
    best: dict[int, Proposal] = {}
    for start in range(0, len(pairs), BLOCK):
        if cancelled():
            return None
        part = pairs[start : start + BLOCK]
        needed = np.unique(part)
        texts = _texts(db, needed)
        read = {i: engine.wording(texts[i]) for i in needed.tolist() if i in texts}
        for a, b in part.tolist():
            if a not in read or b not in read:
                continue
            later, earlier = (a, b) if time[a] > time[b] else (b, a)
            score = engine.repeat_score(read[earlier], read[later])
            if score is None:
                continue
            known = best.get(later)
            if known is None or (time[earlier], -score) < (time[known.earlier], -known.score):
                best[later] = Proposal(later, earlier, round(float(score), 1), read[later].russian != read[earlier].russian)
    return list(best.values())


def _grouped(proposals: list[Proposal], time: dict[int, int]) -> tuple[ProposalGroup, ...]:
    if not proposals:
        return ()
    later = np.array([p.later for p in proposals], dtype=np.int64)
    earlier = np.array([p.earlier for p in proposals], dtype=np.int64)
    ids, label = _groups_of(later, earlier)
    group_of = dict(zip(ids.tolist(), label.tolist()))
    members: dict[int, list[Proposal]] = {}
    for proposal in proposals:
        members.setdefault(group_of[proposal.later], []).append(proposal)
    groups = []
    for found in members.values():
        found.sort(key=lambda p: time[p.later])
        first = min((p.earlier for p in found), key=time.__getitem__)
        groups.append(ProposalGroup(first, tuple(found)))
    groups.sort(key=lambda g: (-len(g.proposals), time[g.first]))
    return tuple(groups)


# ---- Accepted groups -----------------------------------------------------------------------------


def repeat_groups(db: Database, chosen: StatementFilter) -> list[RepeatGroup]:
    """The groups accepted `repeats` links make, each shown when the filter keeps any of its statements,
    largest first."""
    link_from, link_to, is_repeat = _links(db)
    ids, label = _groups_of(link_from[is_repeat], link_to[is_repeat])
    if not len(ids):
        return []
    columns = columns_for(db)
    positions = columns.positions(ids)
    present = positions >= 0
    ids, label, positions = ids[present], label[present], positions[present]
    kept = mask(db, columns, chosen)[positions]
    shown = np.isin(label, label[kept])
    ids, label, time = ids[shown], label[shown], _time_keys(db, columns, positions[shown])
    if not len(ids):
        return []
    order = np.lexsort((time, label))
    ids, label = ids[order], label[order]
    starts = np.flatnonzero(np.r_[True, label[1:] != label[:-1]])
    first_time = time[order][starts]
    groups = [RepeatGroup(int(part[0]), tuple(part.tolist())) for part in np.split(ids, starts[1:])]
    ranked = np.lexsort((first_time, -np.diff(np.r_[starts, len(ids)])))
    return [groups[i] for i in ranked]


@dataclass(frozen=True, slots=True)
class RepeatLine:
    """What the panel shows of one statement of a group."""

    id: int
    text: str
    said_on: date | None
    speaker_name: str
    speaker_role: str
    outlet_name: str


def lines(db: Database, ids: list[int]) -> dict[int, RepeatLine]:
    """These statements as the panel shows them, read in parts as plain rows (tens of thousands of whole
    records would keep the interpreter busy and the window waiting)."""
    found: dict[int, RepeatLine] = {}
    query = (
        select(Statement.id, Statement.text, Statement.said_on, Speaker.name, Speaker.role, func.coalesce(Outlet.name, ""))
        .join(Speaker, Speaker.id == Statement.speaker_id)
        .outerjoin(Outlet, Outlet.id == Statement.outlet_id)
    )
    with db.reading() as session:
        for part in in_chunks(sorted(set(ids))):
            found.update((row[0], RepeatLine(*row)) for row in session.execute(query.where(Statement.id.in_(part))))
    return found
