"""One filter: every view and export keeps exactly the statements the filter's SQL keeps.

A small archive is generated once per backend (the seed, a few hundred demo statements,
two stories, some statements undated, in no story, with no outlet, with their own side,
with verdicts told apart by case, and speakers with no side); random filters over every
field (an answer direction drawn from the speakers any link joins, whatever its type and
sides) are then compared across the numpy masks, the comparison, the chart, the navigator's
counts (each entry under the filter with its own group left out), export, the brief and
the link dialog's search.
"""

import csv
from collections import Counter
from datetime import date
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from desktop.domain.entities import Outlet, Side, Speaker, Story
from desktop.domain.filters import NO_STORY, StatementFilter
from desktop.services import catalog
from desktop.services.comparison import compare
from desktop.services.demo_archive import ArchiveSize
from desktop.services.demo_archive import write_csv as write_demo_csv
from desktop.services.exporting.brief import BRIEF_STATEMENTS, brief_counts, build_brief
from desktop.services.exporting.csv_export import write_csv
from desktop.services.exporting.rows import chosen_ids
from desktop.services.filtering import mask, statement_ids
from desktop.services.first_page import first_page
from desktop.services.importing import import_files
from desktop.services.operations import CreateRecord
from desktop.services.search import link_targets, newest_matches
from desktop.services.seed import load_seed
from desktop.services.statement_columns import columns_for
from desktop.services.timeline import Bucket, timeline_counts
from desktop.storage.database import Database

# Words from the demo archive's text, speakers' names and roles, outlets' names and the seed;
# some match nothing, some only names, some both.
WORDS = [
    "", "kremlin", "russia ukraine", "de-escalation", "black sea", "Speaker 001", "spokes", "Outlet 01", "outlet",
    "zzz", "-", "Песков", "peskov", " russ ", "minister sanctions", "Kremlin spokes", "US government", "grain", "groundless", "sputnik", "associated",
]
FIRST_DAY, LAST_DAY = date(2018, 12, 1), date(2024, 2, 1)
VERDICTS = ["", "False", "false", "Misleading", "Unproven"]  # "" chooses the statements with none
# The navigator's groups and the filter fields each leaves out when counting its entries: side, speaker
# and outlet are one choice in the navigator with the answer direction (choosing one clears the others).
WHO = ("side_id", "speaker_id", "outlet_id", "answers")
LEFT_OUT = {"story": ("story_id",), "verdict": ("verdict",), "side": WHO, "speaker": WHO, "outlet": WHO}


def _archive(db: Database, folder) -> Database:
    load_seed(db)
    demo = folder / "demo.csv"
    write_demo_csv(demo, ArchiveSize(statements=300, speakers=40, outlets=15), seed=13)
    assert import_files(db, [demo]).committed
    stories = []
    for name in ("Black Sea", "Grain corridor"):
        created = CreateRecord(Story, {"name": name, "description": ""})
        created.apply(db)
        stories.append(created.created_id)
    some_side = catalog.all_rows(db, Side)[0].id
    with db.engine.begin() as connection:
        for statement in (
            f"UPDATE statement SET story_id = CASE WHEN id % 3 = 0 THEN {stories[0]} WHEN id % 3 = 1 THEN {stories[1]} END",
            "UPDATE statement SET said_on = NULL WHERE id % 9 = 0",
            "UPDATE statement SET outlet_id = NULL WHERE id % 13 = 0",
            f"UPDATE statement SET side_id = {some_side} WHERE id % 11 = 0",
            "UPDATE speaker SET side_id = NULL WHERE id % 6 = 0",
            "UPDATE statement SET verdict = CASE WHEN id % 5 = 0 THEN 'False' WHEN id % 7 = 0 THEN 'Misleading' "
            "WHEN id % 17 = 0 THEN 'false' ELSE '' END",
        ):
            connection.execute(text(statement))
    return db


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def archive(request, tmp_path_factory):
    """The generated archive on each backend (PostgreSQL skipped when no server can be had)."""
    folder = tmp_path_factory.mktemp("one-filter")
    url = folder / "archive.parallax" if request.param == "sqlite" else request.getfixturevalue("postgres_server").new_database()
    db = Database(url)
    yield _archive(db, folder)
    db.close()


def _ids(db, model) -> list[int]:
    return [row.id for row in catalog.all_rows(db, model)]


def _linked_speakers(db) -> list[tuple[int, int]]:
    """(speaker of the linking statement, speaker of the statement linked to) for every link, of any type,
    within a side or across: answer directions to choose, and pairs that hold no answer."""
    with db.reading() as session:
        rows = session.execute(text(
            "SELECT DISTINCT a.speaker_id, b.speaker_id FROM link JOIN statement a ON a.id = link.from_id "
            "JOIN statement b ON b.id = link.to_id ORDER BY 1, 2"
        )).all()
    return [tuple(row) for row in rows]


def _filters(db):
    days = st.none() | st.dates(FIRST_DAY, LAST_DAY)
    return st.builds(
        StatementFilter,
        story_id=st.sampled_from([None, NO_STORY, 999, *_ids(db, Story)]),
        side_id=st.none() | st.sampled_from([999, *_ids(db, Side)]),
        speaker_id=st.none() | st.sampled_from([999, *_ids(db, Speaker)]),
        outlet_id=st.none() | st.sampled_from([999, *_ids(db, Outlet)]),
        date_from=days,
        date_to=days,
        verdict=st.none() | st.sampled_from(VERDICTS),
        text=st.sampled_from(WORDS),
        answers=st.none() | st.sampled_from([(999, 1), *_linked_speakers(db)]),
    )


def _rows(db, chosen) -> list[tuple[int, int, date | None]]:
    """(id, effective side or 0, said_on) of the statements the filter's SQL keeps, by id."""
    with db.reading() as session:
        return sorted((row[0], row[1] or 0, row[2]) for row in session.execute(statement_ids(session, chosen)))


def _fields(db) -> dict[int, dict]:
    """Each statement's speaker, outlet, story and verdict, read plainly."""
    with db.reading() as session:
        rows = session.execute(text("SELECT id, speaker_id, outlet_id, story_id, verdict FROM statement")).all()
    return {row[0]: {"speaker": row[1], "outlet": row[2], "story": row[3], "verdict": row[4]} for row in rows}


def _shown(layout) -> list[int]:
    """The statements a comparison shows as inside the filter: cards not shown for context (a card's folded
    statements may be from outside the filter)."""
    return sorted(cell.id for row in layout.all_rows() for cell in row.cells if cell is not None and not cell.context and cell.echo is None)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_every_view_keeps_the_statements_the_filter_keeps(archive, data, tmp_path_factory):
    db = archive
    chosen = data.draw(_filters(db))
    rows = _rows(db, chosen)
    expected = [statement_id for statement_id, _, _ in rows]
    per_side = Counter(side for _, side, _ in rows)
    sides = _ids(db, Side)
    left, right = data.draw(st.sampled_from(sides)), data.draw(st.sampled_from(sides))

    # The numpy masks.
    columns = columns_for(db)
    assert sorted(columns.ids[mask(db, columns, chosen)].tolist()) == expected

    # The comparison: the statements it lays out, and its column counts (the last column: every other side).
    layout = compare(db, chosen, left, right, others=True)
    assert layout.statement_count == len(expected)
    assert [statement_id for statement_id in range(1, expected[-1] + 1) if layout.holds(statement_id)] == expected if expected else True
    assert set(_shown(layout)) <= set(expected)
    lanes = [left, right if right != left else None]
    assert layout.column_counts == (
        per_side[left], per_side[right] if right != left else 0, sum(per_side.values()) - per_side[left] - per_side[lanes[1]]
    )

    # The first page, shown before the whole comparison is worked out, from the columns and from SQL:
    # given room for every statement it holds exactly those; given less, only kept ones.
    for columns_at_hand in (columns_for, lambda db: None):
        with mock.patch("desktop.services.first_page.columns_at_hand", columns_at_hand):
            whole = first_page(db, chosen, left, right, others=True, size=10_000)
            assert [i for i in range(1, expected[-1] + 1) if whole.holds(i)] == expected if expected else not whole.has_more()
            assert set(_shown(first_page(db, chosen, left, right, others=True, size=5))) <= set(expected)

    # The chart: each side's statements per day within the filter's dates, and its undated ones.
    # (The chart leaves the filter's dates out to show them in context; undated statements never
    # fall within dates.)
    counts = timeline_counts(db, chosen, Bucket.DAY)
    drawn = Counter()
    for series in counts.sides:
        for start, count in zip(counts.starts.tolist(), series.counts.tolist()):
            within = (chosen.date_from is None or start >= chosen.date_from) and (chosen.date_to is None or start <= chosen.date_to)
            if count and within:
                drawn[(series.side_id, start)] += count
    assert drawn == Counter((side, day) for _, side, day in rows if side and day is not None)
    undated = Counter(side for _, side, day in _rows(db, chosen.with_changes(date_from=None, date_to=None)) if side and day is None)
    assert {series.side_id: series.undated for series in counts.sides if series.undated} == dict(undated)

    # The navigator: each entry counts the statements the filter keeps with the entry's own group left out
    # (what choosing it would show), so choosing a speaker leaves the other speakers' counts standing.
    listed = catalog.catalog(db, chosen)
    fields = _fields(db)
    for group, left_out in LEFT_OUT.items():
        found = [{**fields[i], "side": side} for i, side, _ in _rows(db, chosen.with_changes(**dict.fromkeys(left_out)))]
        counted = Counter(row[group] for row in found if row[group])
        entries = {"story": listed.stories, "verdict": listed.verdicts, "side": listed.sides, "speaker": listed.speakers,
                   "outlet": listed.outlets}[group]
        assert {entry.id: entry.count for entry in entries if entry.count} == dict(counted), group
        if group == "story":
            assert (listed.all_statements, listed.unfiled) == (len(found), len(found) - sum(counted.values()))
        if group == "verdict":
            assert (listed.any_verdict, listed.no_verdict) == (len(found), len(found) - sum(counted.values()))

    # Export: the ids chosen, and the rows the CSV file holds.
    assert chosen_ids(db, chosen) == expected
    path = tmp_path_factory.mktemp("csv") / "chosen.csv"
    assert write_csv(db, path, chosen) == len(expected)
    with open(path, encoding="utf-8-sig", newline="") as file:
        assert sorted(int(row["id"]) for row in csv.DictReader(file)) == expected

    # The brief of two sides: its statement cards (the first BRIEF_STATEMENTS) and its counts per side.
    if left != right:
        brief = build_brief(db, chosen, left, right)
        of_two = [statement_id for statement_id, side, _ in rows if side in (left, right)]
        assert brief.matching == len(of_two)
        cards = sorted(entry.card.id for group in brief.groups for entry in group if not entry.context)
        charted = brief_counts(db, chosen, left, right, Bucket.MONTH)
        assert {series.side_id: int(series.counts.sum()) for series in charted.sides if series.counts.sum()} == dict(
            Counter(side for _, side, day in rows if side in (left, right) and day is not None)
        )
        if len(of_two) <= BRIEF_STATEMENTS:
            assert cards == of_two
            assert [side.statements for side in brief.sides] == [per_side[left], per_side[right]]
            assert [side.undated for side in brief.sides] == [
                sum(1 for _, side, day in rows if side == wanted and day is None) for wanted in (left, right)
            ]
        else:
            assert len(cards) == BRIEF_STATEMENTS and set(cards) <= set(of_two)

    # The search: within the filter; and the link dialog's, which finds what the search box finds for the
    # same words over the whole archive, newest first, leaving out the statement being linked.
    if chosen.text.strip():
        assert sorted(newest_matches(db, chosen.text, chosen.with_changes(text=""), limit=10_000)) == expected
    words_only = _rows(db, StatementFilter(text=chosen.text))
    source = data.draw(st.sampled_from([statement_id for statement_id, _, _ in words_only] or [1]))
    newest = sorted(words_only, key=lambda row: (row[2] is not None, row[2] or date.min, row[0]), reverse=True)
    assert link_targets(db, chosen.text, source, 10_000) == [row[0] for row in newest if row[0] != source]


def test_an_answer_direction_keeps_one_speakers_answers_to_another_and_what_they_answer(archive):
    """Each direction any link runs between two speakers, worked out plainly from the link table: the mask and
    the SQL keep the answers (rebuts or responds_to across sides, no side counting as one) and their claims."""
    db = archive
    with db.reading() as session:
        links = session.execute(text(
            "SELECT link.type, a.id, a.speaker_id, COALESCE(a.side_id, sa.side_id, 0), b.id, b.speaker_id, "
            "COALESCE(b.side_id, sb.side_id, 0) FROM link JOIN statement a ON a.id = link.from_id "
            "JOIN statement b ON b.id = link.to_id JOIN speaker sa ON sa.id = a.speaker_id JOIN speaker sb ON sb.id = b.speaker_id"
        )).all()
    columns = columns_for(db)
    kept_some = 0
    for direction in _linked_speakers(db):
        expected = sorted({
            statement_id
            for kind, answer, answering, answer_side, claim, answered, claim_side in links
            if kind in ("rebuts", "responds_to") and (answering, answered) == direction and answer_side != claim_side
            for statement_id in (answer, claim)
        })
        chosen = StatementFilter(answers=direction)
        assert [statement_id for statement_id, _, _ in _rows(db, chosen)] == expected, direction
        assert sorted(columns.ids[mask(db, columns, chosen)].tolist()) == expected, direction
        kept_some += bool(expected)
    assert 10 < kept_some < len(_linked_speakers(db))  # directions with answers, and some links that are none


def test_the_brief_counts_a_statement_folded_in_from_outside_the_filter_as_context(archive):
    """Seed statements 2 and 3 say the same (a repeats link); 3 is in a story, 2 in none. Under "no story"
    the comparison folds 3 into 2's card for context, and the brief must not list 3 as inside the filter."""
    db = archive
    by_name = {side.name: side.id for side in catalog.all_rows(db, Side)}
    left, right = by_name["United States"], by_name["Russia"]
    chosen = StatementFilter(story_id=NO_STORY)
    inside = [statement_id for statement_id, side, _ in _rows(db, chosen) if side in (left, right)]
    assert 2 in inside and 3 not in inside
    brief = build_brief(db, chosen, left, right)
    entries = [entry for group in brief.groups for entry in group]
    assert all(entry.context and "outside the filter" in entry.answers for entry in entries if entry.card.id == 3)
    assert sorted(entry.card.id for entry in entries if not entry.context) == inside



@pytest.fixture(scope="module")
def both_backends(request, tmp_path_factory):
    """The same generated archive in a SQLite file and on PostgreSQL (skipped when no server can be had)."""
    folder = tmp_path_factory.mktemp("both")
    databases = [Database(folder / "archive.parallax"), Database(request.getfixturevalue("postgres_server").new_database())]
    yield [_archive(db, folder) for db in databases]
    for db in databases:
        db.close()


@settings(max_examples=100, deadline=None)
@given(
    words=st.lists(st.sampled_from([*WORDS, "Russia's", "kyiv,", "troops!", "build-up", "Speaker", "0"]), max_size=3).map(" ".join),
    verdict=st.none() | st.sampled_from(VERDICTS),
)
def test_sqlite_and_postgresql_find_the_same_statements_for_the_same_words_and_verdict(both_backends, words, verdict):
    sqlite, postgresql = both_backends
    chosen = StatementFilter(text=words, verdict=verdict)
    assert _rows(sqlite, chosen) == _rows(postgresql, chosen)
    assert link_targets(sqlite, words, 1, 10_000) == link_targets(postgresql, words, 1, 10_000)
