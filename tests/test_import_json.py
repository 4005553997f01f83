"""JSON, JSON Lines and ClaimReview import, and the Parallax JSON round trip."""

import json
from datetime import date

from desktop.services.exporting.claimreview import write_claimreview
from desktop.services.exporting.parallax_json import write_parallax_json
from desktop.services.importing import import_files
from desktop.storage.database import Database
from importing_helpers import counts, speaker_named, statements, write


def _without_time_of_export(path) -> dict:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data.pop("exported_at")
    return data


def test_parallax_json_round_trip_loses_and_changes_nothing(seeded_db, tmp_path):
    first = tmp_path / "first.json"
    assert write_parallax_json(seeded_db, first) == 16
    empty = Database(tmp_path / "empty.parallax")
    try:
        summary = import_files(empty, [first])
        assert summary.committed and not summary.warnings, summary.report()
        assert (summary.imported, summary.links) == (16, 20)
        second = tmp_path / "second.json"
        write_parallax_json(empty, second)
        # Ids are not kept: in the file they only tie statements, links and documents together,
        # and a database that already holds rows hands out its own. Written in file order into an
        # empty database, they come out the same, so the two exports match to the letter.
        assert _without_time_of_export(second) == _without_time_of_export(first)
        assert counts(empty) == counts(seeded_db)
    finally:
        empty.close()


def test_importing_its_own_export_again_only_finds_duplicates(seeded_db, tmp_path):
    path = tmp_path / "again.json"
    write_parallax_json(seeded_db, path)
    before = counts(seeded_db)
    summary = import_files(seeded_db, [path])
    assert summary.committed and (summary.imported, summary.duplicates, summary.links) == (0, 16, 0)
    assert counts(seeded_db) == before


def test_parallax_json_errors_name_their_line(db, tmp_path):
    path = write(tmp_path, "broken.json", '{"format": "parallax", "version": 1,\n "statements": [\n'
                 '  {"id": 1, "text": "Fine", "speaker": "A"},\n  {"id": 2, "text": "", "speaker": "A"},\n'
                 '  {"id": 3, "text": "Broken" "speaker": "A"}\n ]}\n')
    summary = import_files(db, [path])
    assert [(e.line, e.message) for e in summary.errors][:1] == [(4, "the row has no statement text")]
    assert summary.errors[1].line == 5 and "not valid JSON" in summary.errors[1].message
    assert counts(db)["statement"] == 0


def test_json_lines_are_read_line_by_line(db, tmp_path):
    lines = [
        {"claim": "Russia is massing troops", "speaker": "US media", "said_on": "2021-11-01", "id": "c1", "extra": 1},
        {},
        {"claim": "The reports are false", "speaker": "Peskov", "said_on": "November 12, 2021", "rebuts": ["c1"], "rating": "Misleading"},
    ]
    text = "\n".join(json.dumps(line, ensure_ascii=False) if line else "" for line in lines) + "\n"
    path = write(tmp_path, "feed.jsonl", text)
    summary = import_files(db, [path])
    assert summary.committed and (summary.imported, summary.links) == (2, 1), summary.report()
    assert [(w.line, "“extra”" in w.message) for w in summary.warnings] == [(1, True)]
    assert [s.said_on for s in statements(db)] == [date(2021, 11, 1), date(2021, 11, 12)]


CLAIM_REVIEW = {
    "@type": "ClaimReview",
    "claimReviewed": "Russia has no plans to invade Ukraine",
    "datePublished": "2021-12-01",
    "reviewRating": {"@type": "Rating", "ratingValue": 1, "bestRating": 5, "worstRating": 1,
                     "alternateName": "False", "ratingExplanation": "Troops massed at the border."},
    "itemReviewed": {
        "@type": "Claim",
        "author": {"@type": "Person", "name": "Dmitri Peskov", "jobTitle": "Kremlin spokesperson"},
        "datePublished": "2021-11-12",
        "appearance": {"@type": "CreativeWork", "url": "https://sputniknews.com/a", "publisher": {"@type": "Organization", "name": "Sputnik"}},
    },
}


def test_claimreview_from_a_jsonld_file(seeded_db, tmp_path):
    path = write(tmp_path, "reviews.jsonld", json.dumps([CLAIM_REVIEW, {"@type": "WebPage"}]))
    summary = import_files(seeded_db, [path])
    assert summary.committed and summary.imported == 1, summary.report()
    statement = statements(seeded_db)[-1]
    assert (statement.text, statement.said_on, statement.url) == (
        "Russia has no plans to invade Ukraine", date(2021, 11, 12), "https://sputniknews.com/a")
    assert (statement.verdict, statement.rating_value, statement.rating_best, statement.rating_worst) == ("False", 1, 5, 1)
    assert statement.verdict_explanation == "Troops massed at the border."
    assert statement.speaker_id == speaker_named(seeded_db, "Dmitry Peskov").id  # found by alias


def test_claimreview_from_a_saved_web_page_with_a_graph(db, tmp_path):
    organisation = dict(CLAIM_REVIEW, claimReviewed="NATO is preparing an attack")
    organisation["itemReviewed"] = {"@type": "Claim", "author": {"@type": "Organization", "name": "the Kremlin"}}
    graph = {"@context": "https://schema.org", "@graph": [{"@type": "WebSite", "name": "Checker"}, CLAIM_REVIEW, organisation]}
    page = (
        "<!doctype html>\n<html><head><title>Fact check</title>\n"
        '<script type="application/ld+json">{"@type": "Organization", "name": "Checker"}</script>\n'
        '<script type="application/ld+json">\n' + json.dumps(graph, indent=1) + "\n</script>\n"
        '<script type="application/ld+json">{not json</script>\n'
        "</head><body><p>Body</p></body></html>\n"
    )
    path = write(tmp_path, "check.html", page)
    summary = import_files(db, [path])
    assert summary.committed and summary.imported == 2, summary.report()
    assert [("not valid JSON" in w.message, w.line) for w in summary.warnings] == [(True, len(page.split("{not json")[0].splitlines()))]
    kremlin = speaker_named(db, "the Kremlin")
    assert kremlin.kind == "body"


def test_a_page_without_claimreview_is_an_error(db, tmp_path):
    path = write(tmp_path, "article.html", "<html><body><p>Just an article.</p></body></html>")
    summary = import_files(db, [path])
    assert [e.message for e in summary.errors] == ["the file holds no ClaimReview"]


def test_claimreview_export_imports_back_with_its_links(seeded_db, tmp_path):
    from desktop.domain.entities import Statement
    from desktop.services.operations import UpdateRecord

    rows = statements(seeded_db)
    for row, verdict in ((rows[0], "Misleading"), (rows[1], "False")):
        UpdateRecord(Statement, row.id, {"verdict": verdict}).apply(seeded_db)
    path = tmp_path / "reviews.jsonld"
    assert write_claimreview(seeded_db, path) == 2
    empty = Database(tmp_path / "empty.parallax")
    try:
        summary = import_files(empty, [path])
        assert summary.committed and summary.imported == 2, summary.report()
        assert sorted(s.verdict for s in statements(empty)) == ["False", "Misleading"]
    finally:
        empty.close()


def test_json_that_is_not_parallax_json_is_refused(db, tmp_path):
    path = write(tmp_path, "other.json", '{"statements": [{"text": "A", "speaker": "B"}]}')
    summary = import_files(db, [path])
    assert [(e.line, e.message) for e in summary.errors] == [(1, 'this is not a Parallax JSON file: it does not start with "format": "parallax"')]
    path = write(tmp_path, "order.json", '{"format": "parallax", "version": 1,\n "links": [{"from": 1, "to": 2, "type": "rebuts"}],\n "sides": [{"name": "X"}]}')
    assert [(e.line, e.message) for e in import_files(db, [path]).errors] == [(3, "“sides” must come before “links”")]


def test_claimreview_links_that_are_not_a_list_are_ignored(seeded_db, tmp_path):
    """Found by the fuzzer: `parallaxLinks: true` used to stop the reader with a TypeError."""
    review = json.loads(json.dumps(CLAIM_REVIEW))
    review["itemReviewed"]["parallaxLinks"] = True
    summary = import_files(seeded_db, [write(tmp_path, "odd-links.jsonld", json.dumps(review))])
    assert summary.committed and (summary.imported, summary.links) == (1, 0), summary.report()
