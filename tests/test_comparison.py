"""Pairing claims with their answers, filtering, search and counts."""

from datetime import date

from desktop.domain.entities import Outlet, Side, Speaker
from desktop.domain.filters import StatementFilter
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain.pairing import ECHO_OF_ANSWER, Answer, Placed, lay_out
from desktop.services import catalog
from desktop.services.cards import statement_cards, statement_detail
from desktop.services.comparison import compare
from desktop.services.stats import statement_stats


def _ids(db, model, name):
    return next(row.id for row in catalog.all_rows(db, model) if row.name == name)


def _sides(db):
    return _ids(db, Side, "United States"), _ids(db, Side, "Russia")


def _occupied(rows):
    """(row, column) -> the statement whose card covers that cell, spans included."""
    taken = {}
    for number, row in enumerate(rows):
        for column, cell in enumerate(row.cells):
            if cell is not None:
                for covered in range(number, number + cell.span):
                    taken[(covered, column)] = cell.id
    return taken


def _assert_every_answer_beside_its_claim(rows):
    taken = _occupied(rows)
    for number, row in enumerate(rows):
        for column, cell in enumerate(row.cells):
            if cell is None or cell.answers is None:
                continue
            claim_column = next(c for (r, c), i in taken.items() if i == cell.answers)
            if claim_column != column:
                assert taken.get((number, claim_column)) == cell.answers, (
                    f"statement {cell.id} in row {number} answers {cell.answers}, which is not beside it"
                )


def _shown(rows):
    return [cell.id for row in rows for cell in row.cells if cell is not None and cell.echo is None]


def test_a_claim_spans_the_rows_of_all_its_answers():
    d = date(2021, 11, 12)
    statements = [Placed(1, 0, None), Placed(2, 1, d), Placed(3, 1, d), Placed(4, 0, date(2021, 11, 10))]
    rows = lay_out(statements, [Answer(2, 1, "rebuts"), Answer(3, 1, "responds_to")], [], 2)
    group_of = {cell.id: row.group for row in rows for cell in row.cells if cell}
    assert group_of[1] == group_of[2] == group_of[3] != group_of[4]
    first = next(row for row in rows if row.ids[0] == 1)
    assert first.cells[0].span == 2 and first.ids == (1, 2) and first.cells[1].how == "rebuts"
    assert rows[0].ids == (4, None), "the dated 10 November group comes first"
    _assert_every_answer_beside_its_claim(rows)


def test_a_chain_stays_in_one_group_and_each_reply_sits_beside_what_it_answers():
    statements = [Placed(1, 0, None), Placed(2, 1, None), Placed(3, 0, None), Placed(4, 1, None)]
    answers = [Answer(2, 1, "rebuts"), Answer(3, 2, "rebuts"), Answer(4, 1, "responds_to")]
    rows = lay_out(statements, answers, [], 2)
    assert len({row.group for row in rows}) == 1
    assert sorted(_shown(rows)) == [1, 2, 3, 4]
    _assert_every_answer_beside_its_claim(rows)


def test_a_statement_answering_two_claims_is_shown_once_and_echoed_beside_the_other():
    statements = [Placed(1, 0, None), Placed(2, 0, None), Placed(3, 1, None)]
    rows = lay_out(statements, [Answer(3, 1, "rebuts"), Answer(3, 2, "rebuts")], [], 2)
    assert sorted(_shown(rows)) == [1, 2, 3]
    echoes = [cell for row in rows for cell in row.cells if cell is not None and cell.echo == ECHO_OF_ANSWER]
    assert [cell.id for cell in echoes] == [3]
    _assert_every_answer_beside_its_claim(rows)


def test_repeated_lines_fold_into_one_card_with_a_count():
    d = date(2021, 11, 12)
    statements = [Placed(1, 0, None), Placed(2, 1, d), Placed(3, 1, d)]
    rows = lay_out(statements, [Answer(2, 1, "rebuts"), Answer(3, 1, "rebuts")], [(2, 3)], 2)
    assert _shown(rows) == [1, 2]
    folded = next(cell for row in rows for cell in row.cells if cell is not None and cell.id == 2)
    assert folded.folded == (3,)


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=1, max_value=14).flatmap(
        lambda n: st.tuples(
            st.lists(st.integers(min_value=0, max_value=2), min_size=n, max_size=n),
            st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1), st.sampled_from(["rebuts", "responds_to"])), max_size=3 * n),
            st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=n),
        )
    )
)
def test_no_answer_ever_sits_beside_an_empty_cell_and_every_statement_is_shown_once(graph):
    columns, links, repeats = graph
    statements = [Placed(n + 1, column, None) for n, column in enumerate(columns)]
    answers = [Answer(a + 1, b + 1, kind) for a, b, kind in links if a != b]
    rows = lay_out(statements, answers, [(a + 1, b + 1) for a, b in repeats if a != b], 3)
    shown = _shown(rows)
    folded = [f for row in rows for cell in row.cells if cell is not None and cell.echo is None for f in cell.folded]
    assert sorted(shown + folded) == list(range(1, len(columns) + 1))
    _assert_every_answer_beside_its_claim(rows)
    taken = {}
    for number, row in enumerate(rows):
        for column, cell in enumerate(row.cells):
            if cell is not None:
                for covered in range(number, number + cell.span):
                    assert (covered, column) not in taken, "two cards in one cell"
                    taken[(covered, column)] = cell.id


def test_seed_comparison_leads_with_the_headline_claim_beside_its_rebuttals(seeded_db):
    us, russia = _sides(seeded_db)
    layout = compare(seeded_db, StatementFilter(), us, russia)
    assert layout.column_counts == (7, 9)
    rows = layout.all_rows()
    shown = _shown(rows) + [f for row in rows for cell in row.cells if cell and cell.echo is None for f in cell.folded]
    assert len(shown) == len(set(shown)) == 16, "every statement is shown exactly once"
    cards = statement_cards(seeded_db, shown)
    headline = cards[rows[0].ids[0]]
    assert headline.text.startswith("Russia intends to"), "the story's headline claim comes first"
    answers = [cards[cell.id].text.lower() for row in rows[: rows[0].cells[0].span] for cell in row.cells[1:] if cell]
    assert any("false" in text for text in answers)
    _assert_every_answer_beside_its_claim(rows)


def test_an_answer_keeps_its_filtered_out_claim_as_context(seeded_db):
    us, russia = _sides(seeded_db)
    peskov = _ids(seeded_db, Speaker, "Dmitry Peskov")
    rows = compare(seeded_db, StatementFilter(speaker_id=peskov), us, russia).all_rows()
    cells = [cell for row in rows for cell in row.cells if cell is not None]
    cards = statement_cards(seeded_db, [cell.id for cell in cells])
    context = {cards[cell.id].speaker_name for cell in cells if cell.context}
    inside = {cards[cell.id].speaker_name for cell in cells if not cell.context}
    assert inside == {"Dmitry Peskov"} and context and "Dmitry Peskov" not in context
    assert all(cell.column == 0 for cell in []) or all(
        cards[cell.id].side_name == "United States" for cell in cells if cell.context
    ), "the claims Peskov answers come back, faded"
    _assert_every_answer_beside_its_claim(rows)


def test_a_claim_keeps_its_filtered_out_answers_as_context(seeded_db):
    us, russia = _sides(seeded_db)
    rows = compare(seeded_db, StatementFilter(text="invade"), us, russia).all_rows()
    cells = [cell for row in rows for cell in row.cells if cell is not None]
    assert any(cell.context for cell in cells) and any(not cell.context for cell in cells)


def test_undated_statements_sort_by_their_neighbours_in_the_article(seeded_db):
    us, russia = _sides(seeded_db)
    rows = compare(seeded_db, StatementFilter(), us, russia).all_rows()
    last_group = rows[-1].group
    cards = statement_cards(seeded_db, _shown(rows))
    assert any(cards[i].said_on is None for row in rows if row.group == 0 for i in row.ids if i), (
        "the undated headline claim is not left at the end"
    )
    assert last_group >= 0


def test_a_third_column_and_all_other_sides(seeded_db):
    us, russia = _sides(seeded_db)
    ukraine = _ids(seeded_db, Side, "Ukraine")
    three = compare(seeded_db, StatementFilter(), us, russia, ukraine)
    assert three.column_count == 3 and three.column_counts == (7, 9, 0)
    others = compare(seeded_db, StatementFilter(), us, russia, others=True)
    assert others.column_count == 3
    assert all(len(row.cells) == 3 for row in others.all_rows())


def test_choosing_a_speaker_keeps_only_their_statements(seeded_db):
    us, russia = _sides(seeded_db)
    peskov = _ids(seeded_db, Speaker, "Dmitry Peskov")
    layout = compare(seeded_db, StatementFilter(speaker_id=peskov), us, russia)
    ids = [cell.id for row in layout.all_rows() for cell in row.cells if cell and not cell.context]
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
    statement_id = next(cell.id for row in layout.all_rows() for cell in row.cells if cell and not cell.context)
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
    assert stats["undated"] == 7 and stats["undated_sides"] == {"Russia": 4, "United States": 3}


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
    assert any(row.ids == (early_claim.id, late_answer.id) for row in first_page)
    rows = first_page + layout.all_rows()
    shown = _shown(rows)
    assert len(shown) == len(set(shown)) == 3 * PAGE
    assert not layout.has_more()
