"""Pairing claims with their answers, filtering, search and counts."""

from datetime import date

from desktop.domain.entities import Outlet, Side, Speaker
from desktop.domain.filters import StatementFilter
from desktop.domain.pairing import Answer, Placed, pair_rows
from desktop.services import catalog
from desktop.services.cards import statement_cards, statement_detail
from desktop.services.comparison import compare
from desktop.services.stats import statement_stats


def _ids(db, model, name):
    return next(row.id for row in catalog.all_rows(db, model) if row.name == name)


def _sides(db):
    return _ids(db, Side, "United States"), _ids(db, Side, "Russia")


def test_a_claim_shares_its_row_group_with_the_answers_from_the_other_side():
    d = date(2021, 11, 12)
    statements = [Placed(1, 0, None), Placed(2, 1, d), Placed(3, 1, d), Placed(4, 0, date(2021, 11, 10))]
    rows = pair_rows(statements, [Answer(2, 1, "rebuts"), Answer(3, 1, "responds_to")])
    group_of = {cell: row.group for row in rows for cell in row.cells if cell}
    assert group_of[1] == group_of[2] == group_of[3] != group_of[4]
    first = next(row for row in rows if 1 in row.cells)
    assert first.cells == (1, 2) and first.answers == (None, "rebuts")
    assert sorted(cell for row in rows for cell in row.cells if cell) == [1, 2, 3, 4]
    assert rows[0].cells == (4, None), "the dated 10 November group comes first"


def test_links_within_one_column_do_not_join_rows():
    rows = pair_rows([Placed(1, 0, None), Placed(2, 0, None)], [Answer(2, 1, "rebuts")])
    assert [row.cells for row in rows] == [(1, None), (2, None)]


def test_a_statement_answering_two_claims_is_shown_once():
    statements = [Placed(1, 0, None), Placed(2, 0, None), Placed(3, 1, None)]
    rows = pair_rows(statements, [Answer(3, 1, "rebuts"), Answer(3, 2, "rebuts")])
    shown = [cell for row in rows for cell in row.cells if cell]
    assert sorted(shown) == [1, 2, 3]


def test_seed_comparison_fills_both_columns_and_joins_claims_to_rebuttals(seeded_db):
    us, russia = _sides(seeded_db)
    layout = compare(seeded_db, StatementFilter(), us, russia)
    assert layout.column_counts == (7, 9)
    rows = layout.all_rows()
    shown = [cell for row in rows for cell in row.cells if cell]
    assert len(shown) == len(set(shown)) == 16, "every statement is shown exactly once"
    joined = [row for row in rows if all(row.cells) and any(row.answers)]
    assert joined, "at least one claim sits beside its rebuttal"
    cards = statement_cards(seeded_db, [row.cells[1] for row in joined])
    assert any("false" in card.text.lower() for card in cards.values())


def test_choosing_a_speaker_keeps_only_their_statements(seeded_db):
    us, russia = _sides(seeded_db)
    peskov = _ids(seeded_db, Speaker, "Dmitry Peskov")
    layout = compare(seeded_db, StatementFilter(speaker_id=peskov), us, russia)
    ids = [cell for row in layout.all_rows() for cell in row.cells if cell]
    assert layout.column_counts == (0, 4)
    assert {card.speaker_name for card in statement_cards(seeded_db, ids).values()} == {"Dmitry Peskov"}


def test_outlet_and_date_filters(seeded_db):
    us, russia = _sides(seeded_db)
    sputnik = _ids(seeded_db, Outlet, "Sputnik")
    assert compare(seeded_db, StatementFilter(outlet_id=sputnik), us, russia).column_counts == (0, 4)
    november_10 = StatementFilter(date_from=date(2021, 11, 10), date_to=date(2021, 11, 10))
    assert compare(seeded_db, november_10, us, russia).column_counts == (4, 0)


def test_search_finds_words_prefixes_speakers_and_aliases(seeded_db):
    us, russia = _sides(seeded_db)

    def counts(words):
        return compare(seeded_db, StatementFilter(text=words), us, russia).column_counts

    assert counts("groundless")[1] >= 2
    assert counts("ground") == counts("groundless"), "a word is matched as a prefix"
    assert counts("Песков") == (0, 4), "an alias finds the speaker's statements"
    assert counts("blinken") == (4, 0)
    assert counts('"); DROP TABLE statement; --') == (0, 0)
    assert counts("black sea clash")[1] == 1, "every word must match"


def test_statement_detail_has_span_document_and_links_both_ways(seeded_db):
    us, russia = _sides(seeded_db)
    peskov = _ids(seeded_db, Speaker, "Dmitry Peskov")
    layout = compare(seeded_db, StatementFilter(speaker_id=peskov, text="groundless"), us, russia)
    statement_id = next(cell for row in layout.all_rows() for cell in row.cells if cell)
    detail = statement_detail(seeded_db, statement_id)
    start, end = detail.card.span
    assert "groundless" in detail.document.text[start:end]
    assert detail.card.outlet_name == "Sputnik" and detail.card.speaker_role
    outgoing = [link for link in detail.links if link.outgoing]
    incoming = [link for link in detail.links if not link.outgoing]
    assert outgoing and outgoing[0].type.value == "rebuts"
    assert incoming and incoming[0].label.startswith("Repeated by ")


def test_stats_count_statements_per_side_speaker_outlet_and_month(seeded_db):
    stats = statement_stats(seeded_db)
    assert stats["statements"] == 16
    assert stats["sides"] == {"Russia": 9, "United States": 7}
    assert stats["speakers"]["Dmitry Peskov"] == 4
    assert sum(stats["outlets"].values()) == 16
    assert stats["months"] == {"2021-11": 9}


def test_navigator_catalog_counts(seeded_db):
    listed = catalog.catalog(seeded_db)
    counts = {entry.name: entry.count for entry in listed.speakers}
    assert counts["Dmitry Peskov"] == 4 and counts["Dmytro Kuleba"] == 0
    assert {entry.name for entry in listed.sides} >= {"United States", "Russia", "Ukraine"}


def test_paged_layout_shows_every_statement_once_and_pulls_answers_to_their_claim(db):
    from datetime import timedelta

    from desktop.domain.entities import Link, Statement
    from desktop.services.comparison import PAGE

    with db.transaction() as session:
        left, right = Side(name="Left"), Side(name="Right")
        session.add_all([left, right])
        session.flush()
        speakers = [Speaker(name="L", side_id=left.id), Speaker(name="R", side_id=right.id)]
        session.add_all(speakers)
        session.flush()
        statements = [
            Statement(text=f"s{n}", speaker_id=speakers[n % 2].id, said_on=date(2020, 1, 1) + timedelta(days=n))
            for n in range(3 * PAGE)
        ]
        session.add_all(statements)
        session.flush()
        early_claim, late_answer = statements[0], statements[-1]
        session.add(Link(from_id=late_answer.id, to_id=early_claim.id, type="rebuts"))
    layout = compare(db, StatementFilter(), left.id, right.id)
    first_page = layout.next_rows()
    assert any(row.cells == (early_claim.id, late_answer.id) for row in first_page)
    rows = first_page + layout.all_rows()
    shown = [cell for row in rows for cell in row.cells if cell]
    assert len(shown) == len(set(shown)) == 3 * PAGE
    assert not layout.has_more()
