"""The comparison's first page, made the quick way, shows what the whole comparison starts with."""

import random
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from desktop.domain.entities import Link, Outlet, Side, Speaker, Statement
from desktop.domain.filters import StatementFilter
from desktop.services import filtering
from desktop.services import first_page as module
from desktop.services.comparison import PAGE, compare
from desktop.services.first_page import first_page
from desktop.services.statement_columns import columns_for
from desktop.storage.queries import fts_hits

WORDS = ["border", "troops", "talks", "sanctions", "pipeline", "grain", "envoy", "drills", "Café", "Straße"]


@pytest.fixture
def archive(db):
    """2,000 statements of four sides, some undated or side-less, 'Russia' in half, a tenth answering another."""
    rng = random.Random(7)
    with db.transaction() as session:
        sides = [Side(name=name) for name in ("United States", "Russia", "Ukraine", "NATO")]
        session.add_all(sides)
        session.flush()
        speakers = [Speaker(name=f"Speaker {i}", side_id=sides[i % 4].id if i % 5 else None) for i in range(12)]
        speakers.append(Speaker(name="Sergei Lavrov", side_id=sides[1].id))
        outlets = [Outlet(name=name) for name in ("Sputnik", "Reuters", "TASS")]
        session.add_all(speakers + outlets)
        session.flush()
        statements = []
        for number in range(2000):
            words = rng.sample(WORDS, 3) + (["Russian" if number % 3 else "Russia"] if rng.random() < 0.5 else [])
            statements.append(
                Statement(
                    text=" ".join(words) + f" {number}",
                    speaker_id=rng.choice(speakers).id,
                    side_id=sides[rng.randrange(4)].id if number % 17 == 0 else None,
                    outlet_id=rng.choice(outlets).id if number % 4 else None,
                    said_on=None if number % 40 == 0 else date(2021, 1, 1) + timedelta(days=rng.randrange(300)),
                )
            )
        session.add_all(statements)
        session.flush()
        for answer in rng.sample(statements, 200):
            claim = rng.choice(statements)
            if claim is not answer:
                kind = rng.choice(["rebuts", "responds_to", "supports"])
                session.add(Link(from_id=answer.id, to_id=claim.id, type=kind))
    columns_for(db)  # read, as a window does in the background: the first page is made from them
    return db


def _sides(db):
    with db.reading() as session:
        return {name: side_id for side_id, name in session.execute(select(Side.id, Side.name))}


def _speaker(db, name):
    with db.reading() as session:
        return session.execute(select(Speaker.id).where(Speaker.name == name)).scalar_one()


FILTERS = [
    ("", {}),
    ("russia", {}),
    ("russ", {}),
    ("talks grain", {}),
    ("russia", {"date_from": date(2021, 3, 1), "date_to": date(2021, 6, 30)}),
    ("lavrov", {}),
    ("sputnik", {}),
    ("cafe", {}),
    ("straße", {}),
    ("nothinglikethis", {}),
]


@pytest.mark.parametrize("how", ["collecting", "checking one by one", "straight from SQL"])
@pytest.mark.parametrize("words, more", FILTERS)
def test_the_first_page_is_the_whole_comparisons_first_page(archive, monkeypatch, how, words, more):
    if how == "checking one by one":
        monkeypatch.setattr(filtering, "_CHECK_COST", 0.001)
    if how == "straight from SQL":
        monkeypatch.setattr(module, "columns_at_hand", lambda db: None)
    sides = _sides(archive)
    chosen = StatementFilter(text=words, **more)
    for left, right in ((sides["United States"], sides["Russia"]), (sides["Ukraine"], None)):
        for newest_first in (True, False):
            quick = first_page(archive, chosen, left, right, newest_first=newest_first)
            whole = compare(archive, chosen, left, right, newest_first=newest_first)
            assert quick.column_counts is None
            assert quick.next_rows() == whole.next_rows(PAGE)
            assert not quick.has_more()


def test_a_common_word_is_checked_for_the_page_only(archive, monkeypatch):
    monkeypatch.setattr(filtering, "_CHECK_COST", 0.001)
    asked = []

    def counting(connection, expression, ids, **how):
        asked.extend(ids)
        return fts_hits(connection, expression, ids, **how)

    monkeypatch.setattr(filtering, "fts_hits", counting)
    sides = _sides(archive)
    chosen = StatementFilter(text="russia", speaker_id=_speaker(archive, "Speaker 1"))
    quick = first_page(archive, chosen, sides["United States"], sides["Russia"], newest_first=True, size=20)
    whole = compare(archive, chosen, sides["United States"], sides["Russia"], newest_first=True)
    assert 20 <= len(asked) < 200, "about twice the page is checked, not the archive"
    shown = [cell for row in quick.next_rows() for cell in row.cells if cell]
    first_twenty = [cell for row in whole.all_rows() for cell in row.cells if cell][:20]
    assert set(first_twenty) <= set(shown)


def test_newest_first_groups_run_from_the_newest_date_to_undated(archive):
    sides = _sides(archive)
    layout = compare(archive, StatementFilter(text="russia"), sides["United States"], sides["Russia"], newest_first=True)
    rows = layout.all_rows()
    with archive.reading() as session:
        said_on = dict(session.execute(select(Statement.id, Statement.said_on)).all())
    groups: dict[int, list] = {}
    for row in rows:
        groups.setdefault(row.group, []).extend(said_on[cell.id] for cell in row.cells if cell and not cell.context)
    firsts = [min((d for d in dates if d), default=None) for _, dates in sorted(groups.items())]
    dated = [d for d in firsts if d is not None]
    assert dated == sorted(dated, reverse=True)
    assert firsts[len(dated):] == [None] * (len(firsts) - len(dated)), "undated groups come last"
