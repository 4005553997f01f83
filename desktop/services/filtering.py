"""The one filter: a `StatementFilter` compiled, from here only, into a numpy mask over the statement
columns and into SQL for SQLite and PostgreSQL, with one rule for what words find.

Words find a statement whose text holds every word (each as a prefix; FTS5 on SQLite, the
tsvector on PostgreSQL), or whose speaker's name, alias or role, or outlet's name, holds
the words (`name_matches`). The mask and the SQL apply the same fields the same way; every
view, export, the brief, the search and the link dialog go through one or the other.
"""

import threading
import weakref
from dataclasses import dataclass

import numpy as np
from sqlalchemy import Select, false, func, or_, select, text
from sqlalchemy.orm import aliased
from sqlmodel import Session

from desktop.domain.entities import Link, Outlet, Speaker, Statement
from desktop.domain.filters import NO_STORY, WHO, StatementFilter
from desktop.services.answers import ANSWERS, answers_between
from desktop.services.statement_columns import StatementColumns
from desktop.storage.columns import NO_DAY
from desktop.storage.database import Database
from desktop.storage.queries import effective_side, fts_hits
from desktop.storage.search_index import expanded_match, match_expression, postgres_match

# The navigator's groups, each the filter fields its counts leave out (the faceted rule). Side,
# speaker, outlet and answer direction are one choice (choosing one clears the others), so their
# entries are counted as that choice would find them.
FACETS = {
    "story": ("story_id",),
    "verdict": ("verdict",),
    "side": WHO,
    "speaker": WHO,
    "outlet": WHO,
}

_lock = threading.Lock()
_words_found: "weakref.WeakKeyDictionary[StatementColumns, tuple[str, np.ndarray]]" = weakref.WeakKeyDictionary()
_verdicts_read: "weakref.WeakKeyDictionary[StatementColumns, Verdicts]" = weakref.WeakKeyDictionary()


# ---- What words find -----------------------------------------------------------------------------


def name_matches(session: Session, words: str) -> tuple[list[int], list[int]]:
    """Ids, in order, of the speakers whose name, an alias or role, and of the outlets whose name, contains the words.

    A role counts as a name: "Kremlin" finds the Kremlin spokesperson's statements.
    """
    needle = words.strip().casefold()
    if not needle:
        return [], []
    speakers = [
        row.id
        for row in session.execute(select(Speaker.id, Speaker.name, Speaker.aliases, Speaker.role).order_by(Speaker.id))
        if any(needle in name.casefold() for name in [row.name, *row.aliases, row.role])
    ]
    outlets = [
        row.id
        for row in session.execute(select(Outlet.id, Outlet.name).order_by(Outlet.id))
        if needle in row.name.casefold()
    ]
    return speakers, outlets


def text_condition(session: Session, words: str):
    """Statements whose text holds every word, each as a prefix, in SQL (FTS5 or the tsvector); None without words."""
    if session.get_bind().dialect.name != "sqlite":
        return postgres_match(words)
    expression = match_expression(words)
    if expression is None:
        return None
    return Statement.id.in_(
        select(text("rowid")).select_from(text("statement_fts")).where(text("statement_fts MATCH :match").bindparams(match=expression))
    )


def words_condition(session: Session, words: str, in_text=None):
    """The words' rule in SQL: `in_text` (by default `text_condition`, or a faster form of it for one
    query) or the statement's speaker or outlet named by the words."""
    if in_text is None:
        in_text = text_condition(session, words)
    speakers, outlets = name_matches(session, words)
    named = [Statement.speaker_id.in_(speakers)] if speakers else []
    named += [Statement.outlet_id.in_(outlets)] if outlets else []
    found = [condition for condition in (in_text, *named) if condition is not None]
    return or_(*found) if found else false()


@dataclass(frozen=True)
class TextMatch:
    """What words find: statements by their text (ids in order), speakers and outlets by name."""

    statement_ids: np.ndarray
    speaker_ids: list[int]
    outlet_ids: list[int]


def text_match(db: Database, words: str, expression: str | None = None) -> TextMatch:
    """The statements whose text holds the words, and the speakers and outlets the words name.

    An `expression` naming the words' terms (a complete `expanded_match`) finds the same
    statements as the prefixes, faster.
    """
    with db.reading() as session:
        speakers, outlets = name_matches(session, words)
        expression = expression or match_expression(words)
        if expression is None:
            found = np.zeros(0, dtype=np.int64)
        elif db.is_sqlite:
            # One string of ids parsed by numpy costs a third of fetching a row per match.
            joined = session.connection().exec_driver_sql(
                "SELECT group_concat(rowid) FROM statement_fts WHERE statement_fts MATCH ?", (expression,)
            ).scalar()
            found = np.fromstring(joined, dtype=np.int64, sep=",") if joined else np.zeros(0, dtype=np.int64)
            if np.any(found[1:] < found[:-1]):  # FTS5 gives rowids in order; only check that
                found = np.sort(found)
        else:
            query = select(Statement.id).where(postgres_match(words)).order_by(Statement.id)
            found = session.execute(query).scalars().all()
    return TextMatch(np.asarray(found, dtype=np.int64), speakers, outlets)


def named_mask(columns: StatementColumns, speaker_ids: list[int], outlet_ids: list[int]) -> np.ndarray:
    """Which statements are by one of the speakers or reported by one of the outlets."""
    return np.isin(columns.speaker, speaker_ids) | np.isin(columns.outlet, outlet_ids)


def words_mask(db: Database, columns: StatementColumns, words: str, expression: str | None = None) -> np.ndarray:
    """Which statements the words find (the rule of `words_condition`), over the columns.

    The search index is asked once per words and columns (the comparison, the chart and the
    navigator all filter by the same words); `expression` is passed on to `text_match`.
    """
    with _lock:
        cached = _words_found.get(columns)
    if cached is not None and cached[0] == words:
        return cached[1]
    found = text_match(db, words, expression)
    by_text = np.zeros(len(columns), dtype=bool)
    where = columns.positions(found.statement_ids)
    by_text[where[where >= 0]] = True
    by_text |= named_mask(columns, found.speaker_ids, found.outlet_ids)
    with _lock:
        _words_found[columns] = (words, by_text)
    return by_text


# Looking one statement up in the index for one term costs FTS5 about as much as
# collecting 400 matches of a word, and reading a match from a range of rowids about 4.
# So a page is made by checking its statements only when the words are common:
# "russia" in a third of a million statements fills a page of 100 within about 250
# checks, where collecting its matches means 300,000.
_CHECK_COST = 400
_RANGE_COST = 4


class Words:
    """Which statements some words find (the rule of `words_mask`), asked of the search index as cheaply as
    their frequency allows: the one search cost model, for the window's first page and `newest_matches`."""

    def __init__(self, db: Database, columns: StatementColumns, words: str):
        self._db, self._columns, self._words = db, columns, words
        with db.reading() as session:
            self._named = named_mask(columns, *name_matches(session, words))
            self._expansion = expanded_match(session.connection(), words) if db.is_sqlite else None

    def _costs(self, ids: np.ndarray) -> tuple[float, float]:
        """What checking these ids would cost, looked up one by one and read as one range."""
        expansion = self._expansion
        one_by_one = len(ids) * expansion.terms * _CHECK_COST
        by_range = (int(ids.max()) - int(ids.min()) + 1) * expansion.share * _RANGE_COST if len(ids) else 0
        return one_by_one, by_range

    def _check(self, positions: np.ndarray) -> np.ndarray:
        """Which of the positions hold matching statements, asking the index about these only."""
        ids = self._columns.ids[positions]
        one_by_one, by_range = self._costs(ids)
        with self._db.reading() as session:
            hits = fts_hits(session.connection(), self._expansion.expression, ids, as_range=by_range < one_by_one)
        return self._named[positions] | np.isin(ids, hits, assume_unique=True)

    def _worth_checking(self, positions: np.ndarray) -> bool:
        """True when checking these statements costs less than collecting every match."""
        expansion = self._expansion
        if expansion is None or not expansion.complete or expansion.share <= 0 or not len(positions):
            return False
        return min(self._costs(self._columns.ids[positions])) < len(self._columns) * expansion.share

    def _all(self) -> np.ndarray:
        """Every statement the words find, collected (by naming the words' terms when they are all known)."""
        expansion = self._expansion
        named_terms = expansion.expression if expansion is not None and expansion.complete else None
        return words_mask(self._db, self._columns, self._words, named_terms)

    def among(self, positions: np.ndarray) -> np.ndarray:
        """Which of the positions hold statements the words find."""
        return self._check(positions) if self._worth_checking(positions) else self._all()[positions]

    def first(self, keep: np.ndarray, limit: int, newest_first: bool) -> np.ndarray:
        """Positions of the first `limit` kept statements, in date order, that the words find.

        The newest (or oldest) kept statements are checked a block at a time, sized by the
        words' estimated share. When twice the expected number has not filled the page
        (the estimate was wrong), or checking would cost more, every match is collected.
        """
        share = self._expansion.share if self._expansion is not None else 0.0
        if share > 0:
            budget = int(2 * limit / share) + 64
            head = self._columns.date_order(keep, newest_first=newest_first, limit=budget)
            if not len(head) or self._worth_checking(head[: int(1.2 * limit / share) + 64]):
                found, count, start = [head[:0]], 0, 0
                while count < limit and start < len(head):
                    block = head[start : start + 64 + int(1.2 * (limit - count) / share)]
                    start += len(block)
                    found.append(block[self._check(block)])
                    count += len(found[-1])
                if count >= limit or len(head) < budget:
                    return np.concatenate(found)[:limit]
        order = self._columns.date_order(keep, newest_first=newest_first)
        return order[self._all()[order]][:limit]


# ---- Verdicts ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Verdicts:
    """Each statement's verdict over the columns: `codes[i]` is 0 for none, else 1 + its place in `names`."""

    codes: np.ndarray
    names: tuple[str, ...]

    def code(self, verdict: str) -> int:
        """The code of a verdict ('' for none); -1 for a verdict no statement carries."""
        if not verdict:
            return 0
        return self.names.index(verdict) + 1 if verdict in self.names else -1


def verdicts(db: Database, columns: StatementColumns) -> Verdicts:
    """The statements' verdicts, read once per columns through the index of statements with a verdict
    (so the cost follows how many carry one, not the archive's size)."""
    with _lock:
        known = _verdicts_read.get(columns)
    if known is not None:
        return known
    with db.reading() as session:
        rows = session.execute(select(Statement.id, Statement.verdict).where(Statement.verdict != "")).all()
    names = tuple(sorted({verdict for _, verdict in rows}))
    codes = np.zeros(len(columns), dtype=np.int32)
    if rows:
        where = columns.positions(np.fromiter((row[0] for row in rows), dtype=np.int64, count=len(rows)))
        number = {name: code for code, name in enumerate(names, start=1)}
        found = np.fromiter((number[verdict] for _, verdict in rows), dtype=np.int32, count=len(rows))
        codes[where[where >= 0]] = found[where >= 0]
    known = Verdicts(codes, names)
    with _lock:
        _verdicts_read[columns] = known
    return known


# ---- The filter over the columns -----------------------------------------------------------------


def _day(value) -> int:
    return int(np.datetime64(value, "D").astype(np.int64))


def mask(
    db: Database, columns: StatementColumns, chosen: StatementFilter, *, with_dates: bool = True, ignore: tuple[str, ...] = ()
) -> np.ndarray:
    """Which statements the filter keeps, over the columns; the fields named in `ignore` (and the dates
    unless `with_dates`) are left out."""
    keep = columns.live
    if chosen.story_id is not None and "story_id" not in ignore:
        keep &= columns.story == chosen.story_id
    if chosen.side_id is not None and "side_id" not in ignore:
        keep &= columns.side == chosen.side_id
    if chosen.speaker_id is not None and "speaker_id" not in ignore:
        keep &= columns.speaker == chosen.speaker_id
    if chosen.outlet_id is not None and "outlet_id" not in ignore:
        keep &= columns.outlet == chosen.outlet_id
    if chosen.answers is not None and "answers" not in ignore:
        keep &= answers_between(db, columns, *chosen.answers)
    if chosen.verdict is not None and "verdict" not in ignore:
        found = verdicts(db, columns)
        keep &= found.codes == found.code(chosen.verdict)
    if with_dates and chosen.date_from is not None:
        keep &= columns.day >= _day(chosen.date_from)
    if with_dates and chosen.date_to is not None:
        keep &= (columns.day <= _day(chosen.date_to)) & (columns.day != NO_DAY)
    if chosen.text.strip():
        keep &= words_mask(db, columns, chosen.text)
    return keep


# ---- The filter in SQL ---------------------------------------------------------------------------


def answers_condition(answering: int, answered: int):
    """The rule of `answers_between` in SQL: statements that are one speaker's answers to another's, or that
    the first answers (a `rebuts` or `responds_to` link between different sides, no side counting as one)."""
    answer, claim = aliased(Statement), aliased(Statement)
    answer_speaker, claim_speaker = aliased(Speaker), aliased(Speaker)
    links = (
        select(Link.from_id, Link.to_id)
        .join(answer, answer.id == Link.from_id)
        .join(claim, claim.id == Link.to_id)
        .join(answer_speaker, answer_speaker.id == answer.speaker_id)
        .join(claim_speaker, claim_speaker.id == claim.speaker_id)
        .where(
            Link.type.in_([kind.value for kind in ANSWERS]),
            answer.speaker_id == answering,
            claim.speaker_id == answered,
            func.coalesce(answer.side_id, answer_speaker.side_id, 0) != func.coalesce(claim.side_id, claim_speaker.side_id, 0),
        )
        .subquery()
    )
    return or_(Statement.id.in_(select(links.c.from_id)), Statement.id.in_(select(links.c.to_id)))


def narrowed(session: Session, query: Select, chosen: StatementFilter) -> Select:
    """Narrow a query over Statement (joined with Speaker when a side is chosen) to the chosen statements."""
    if chosen.story_id is not None:
        query = query.where(
            Statement.story_id.is_(None) if chosen.story_id == NO_STORY else Statement.story_id == chosen.story_id
        )
    if chosen.side_id is not None:
        query = query.where(effective_side() == chosen.side_id)
    if chosen.speaker_id is not None:
        query = query.where(Statement.speaker_id == chosen.speaker_id)
    if chosen.outlet_id is not None:
        query = query.where(Statement.outlet_id == chosen.outlet_id)
    if chosen.answers is not None:
        query = query.where(answers_condition(*chosen.answers))
    if chosen.verdict:  # "!= ''" too lets SQLite look the few with a verdict up in their index
        query = query.where(Statement.verdict == chosen.verdict, Statement.verdict != "")
    elif chosen.verdict is not None:
        query = query.where(Statement.verdict == "")
    if chosen.date_from is not None:
        query = query.where(Statement.said_on >= chosen.date_from)
    if chosen.date_to is not None:
        query = query.where(Statement.said_on <= chosen.date_to)
    if chosen.text.strip():
        query = query.where(words_condition(session, chosen.text))
    return query


def statement_ids(session: Session, chosen: StatementFilter, side_ids=None) -> Select:
    """A query for (id, effective side, said_on) of the chosen statements."""
    query = select(Statement.id, effective_side().label("side"), Statement.said_on).join(
        Speaker, Speaker.id == Statement.speaker_id
    )
    if side_ids is not None:
        query = query.where(effective_side().in_(side_ids))
    return narrowed(session, query, chosen)


def first_statements(session: Session, chosen: StatementFilter, side_ids, limit: int, *, newest_first: bool = False):
    """(id, effective side, said_on) of the first `limit` chosen statements of the sides in date order.

    Ties go by id and undated statements come last either way; each part walks the date
    index (or the ids) and stops at the limit.
    """
    rows = []
    for dated in (True, False):
        query = statement_ids(session, chosen, side_ids)
        query = query.where(Statement.said_on.isnot(None) if dated else Statement.said_on.is_(None))
        keys = (Statement.said_on, Statement.id) if dated else (Statement.id,)
        query = query.order_by(*(key.desc() if newest_first else key for key in keys))
        rows += session.execute(query.limit(limit - len(rows))).all()
        if len(rows) >= limit:
            break
    return rows


# ---- The navigator's counts ----------------------------------------------------------------------


def facet_counts(db: Database, columns: StatementColumns, chosen: StatementFilter) -> dict[str, np.ndarray]:
    """For each navigator group (`FACETS`), the statements counted per value (a story, side, speaker or
    outlet id, 0 for none; a verdict's code) under the filter with the group's own fields left out,
    so each entry counts what choosing it would show."""
    values = {
        "story": columns.story, "side": columns.side, "speaker": columns.speaker, "outlet": columns.outlet,
        "verdict": verdicts(db, columns).codes,
    }
    kept: dict[tuple[str, ...], np.ndarray] = {}
    counts = {}
    for group, ignored in FACETS.items():
        if ignored not in kept:
            kept[ignored] = mask(db, columns, chosen, ignore=ignored)
        counts[group] = np.bincount(values[group][kept[ignored]])
    return counts
