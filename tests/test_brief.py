"""The brief: what it gathers, its HTML, its pages (PDF read back), its OpenDocument text and its preview."""

import re
import unicodedata
import zipfile
from datetime import date, timedelta
from pathlib import Path
from xml.etree import ElementTree

import pytest
from PySide6.QtCore import Qt

from desktop.domain.entities import Document, Link, Side, Speaker, Statement
from desktop.domain.filters import StatementFilter
from desktop.services.exporting import brief
from desktop.services.exporting.brief import brief_counts, build_brief
from desktop.services.exporting.brief_html import brief_html
from desktop.services.operations import CreateRecord
from desktop.services.timeline import Bucket
from desktop.services.wording import day_label
from importing_helpers import speaker_named

ODF_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
ODF_STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
MONTHS = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
FILLER = " and the officials gave no further detail on the troops, the exercises or the timing of any move"
GROUPS = 14  # claims answered by one to four statements each
LONG_GROUP = 13  # the one claim with forty answers: taller than a page


@pytest.fixture
def dispute(db):
    """Two sides, fourteen US claims each answered by Russia (one of them forty times), three undated
    answers, verdicts, a document and a statement's own web page: a brief of several pages."""
    with db.transaction() as session:
        us, russia = Side(name="United States", colour="#1f6fb4"), Side(name="Russia", colour="#c0392b")
        session.add_all([us, russia])
        session.flush()
        blinken = Speaker(name="Antony Blinken", role="US Secretary of State", side_id=us.id)
        peskov = Speaker(name="Dmitry Peskov", role="Kremlin spokesperson", side_id=russia.id)
        article = Document(title="Kremlin denies it", url="https://example.org/article", publisher="Example Wire",
                           published_on=date(2021, 11, 20))
        session.add_all([blinken, peskov, article])
        session.flush()
        for group in range(GROUPS):
            said = date(2021, 11, 1) + timedelta(days=group)
            claim = Statement(text=f"Claim {group:02d}: Russia is moving troops{FILLER}.", speaker_id=blinken.id,
                              said_on=said, document_id=article.id, verdict="False" if group < 2 else "")
            session.add(claim)
            session.flush()
            for answer in range(40 if group == LONG_GROUP else 1 + group % 4):
                undated = group == 3 and answer < 3
                reply = Statement(
                    text=f"Answer {group:02d}.{answer:02d}: the reports are false{FILLER}.", speaker_id=peskov.id,
                    said_on=None if undated else said + timedelta(days=1), document_id=article.id,
                    url="https://example.org/peskov" if group == 0 else "", verdict="Misleading" if (group, answer) == (1, 0) else "",
                )
                session.add(reply)
                session.flush()
                session.add(Link(from_id=reply.id, to_id=claim.id, type="rebuts"))
    return db


def _pages(path: Path) -> list[str]:
    from pypdf import PdfReader

    return [unicodedata.normalize("NFKC", " ".join(page.extract_text().split())) for page in PdfReader(path).pages]


def _typeset(db, left=1, right=2, title=""):
    from desktop.ui.exporting.brief_document import typeset_brief

    return typeset_brief(db, StatementFilter(), left, right, Bucket.WEEK, title)


def test_a_claim_is_followed_by_its_answers_labelled_and_chains_read_in_order(db):
    with db.transaction() as session:
        us, russia = Side(name="United States"), Side(name="Russia")
        session.add_all([us, russia])
        session.flush()
        blinken, peskov = Speaker(name="Antony Blinken", side_id=us.id), Speaker(name="Dmitry Peskov", side_id=russia.id)
        session.add_all([blinken, peskov])
        session.flush()
        said = date(2021, 11, 10)
        claim = Statement(text="The build-up is unusual.", speaker_id=blinken.id, said_on=said)
        rebuttal = Statement(text="Nothing unusual is happening.", speaker_id=peskov.id, said_on=said)
        reply = Statement(text="The satellite pictures say otherwise.", speaker_id=blinken.id, said_on=said)
        session.add_all([claim, rebuttal, reply])
        session.flush()
        session.add_all([Link(from_id=rebuttal.id, to_id=claim.id, type="rebuts"),
                         Link(from_id=reply.id, to_id=rebuttal.id, type="responds_to")])
    gathered = build_brief(db, StatementFilter(), us.id, russia.id)
    assert [(entry.card.text, entry.answers) for entry in gathered.groups[0]] == [
        ("The build-up is unusual.", ""),
        ("Nothing unusual is happening.", "rebuts the claim"),
        ("The satellite pictures say otherwise.", "responds to Dmitry Peskov"),
    ]


def test_the_brief_gathers_each_claim_with_its_answers_and_numbers_its_sources(dispute):
    gathered = build_brief(dispute, StatementFilter(), 1, 2)
    assert gathered.title == "United States and Russia: statements and answers"
    assert build_brief(dispute, StatementFilter(), 1, 2, title="  Troops, Nov 2021 ").title == "Troops, Nov 2021"
    assert len(gathered.groups) == GROUPS and gathered.statement_count == gathered.matching
    for number, group in enumerate(gathered.groups):
        assert group[0].card.text.startswith(f"Claim {number:02d}:") and group[0].answers == ""
        assert all(entry.card.text.startswith(f"Answer {number:02d}.") and entry.answers == "rebuts the claim" for entry in group[1:])
    assert [(s.name, s.statements, s.undated, s.first, s.last) for s in gathered.sides] == [
        ("United States", GROUPS, 0, date(2021, 11, 1), date(2021, 11, 14)),
        ("Russia", gathered.statement_count - GROUPS, 3, date(2021, 11, 2), date(2021, 11, 15)),
    ]
    assert gathered.verdicts == {"False": (2, 0), "Misleading": (0, 1)}
    assert [(s.number, s.url) for s in gathered.sources] == [(1, "https://example.org/article"), (2, "https://example.org/peskov")]
    assert gathered.groups[0][1].sources == (1, 2) and gathered.groups[1][0].sources == (1,)


def test_the_brief_html_escapes_everything_links_only_web_addresses_and_takes_only_plain_colours(seeded_db):
    speaker = speaker_named(seeded_db, "Dmitry Peskov").id
    with seeded_db.transaction() as session:
        session.add(Document(id=99, title="<b>Doc</b>", url="javascript:alert(2)"))
        session.get(Side, 2).colour = "red; background-image: url(file:///etc/passwd)"
    CreateRecord(Statement, {"text": "<script>alert(1)</script> & <img src=x>", "speaker_id": speaker,
                             "url": "https://example.org/?a=1&b=<2>", "verdict": "<i>False</i>", "document_id": 99}).apply(seeded_db)
    gathered = build_brief(seeded_db, StatementFilter(), 1, 2)
    page = brief_html(gathered)
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x&gt;" in page
    assert "<i>False</i>" not in page and "&lt;i&gt;False&lt;/i&gt;" in page
    assert '<a href="https://example.org/?a=1&amp;b=&lt;2&gt;">' in page
    assert 'href="javascript' not in page and "javascript:alert(2) (not a web link; not linked)" in page
    assert "file:///etc/passwd" not in page and "#808080" in page
    assert gathered.statement_count == 17, "the seed's 16 and the new one, each counted once"
    assert page.count('<span class="text">') == sum(len(group) for group in gathered.groups), "an answer to two claims is under each"
    for needle in ("Dmitry Peskov", "Kremlin spokesperson", "Sputnik", "12 Nov 2021", "#1f6fb4"):
        assert needle in page


def test_a_brief_holds_a_readable_number_of_statements_and_says_how_many_more_match(dispute, monkeypatch):
    monkeypatch.setattr(brief, "BRIEF_STATEMENTS", 5)
    gathered = build_brief(dispute, StatementFilter(), 1, 2)
    total = gathered.matching
    assert 5 <= gathered.statement_count < total  # a group is never cut: the last one may take it past 5
    assert (f"This brief holds the first {gathered.statement_count} of {total} statements, oldest first; narrow the filter"
            in brief_html(gathered))
    monkeypatch.setattr(brief, "BRIEF_STATEMENTS", total)
    assert "narrow the filter" not in brief_html(build_brief(dispute, StatementFilter(), 1, 2))


def test_the_brief_chart_counts_only_the_two_sides_within_the_filter_dates(seeded_db):
    counts = brief_counts(seeded_db, StatementFilter(), 1, 2, Bucket.DAY)
    assert counts.totals() == {"United States": 4, "Russia": 5}
    assert [str(day) for day in counts.starts] == ["2021-11-10", "2021-11-11", "2021-11-12"]
    later = brief_counts(seeded_db, StatementFilter(date_from=date(2021, 11, 11)), 1, 2, Bucket.DAY)
    assert later.totals() == {"United States": 0, "Russia": 5} and [str(day) for day in later.starts] == ["2021-11-12"]
    assert brief_counts(seeded_db, StatementFilter(), 2, 3, Bucket.DAY).totals() == {"Russia": 5}  # Ukraine's are undated


def test_the_brief_pdf_keeps_each_claim_on_the_page_of_every_answer(qapp, dispute, tmp_path):
    path = tmp_path / "brief.pdf"
    assert _typeset(dispute).write_pdf(path) == _typeset(dispute).brief.statement_count
    pages = _pages(path)
    assert len(pages) >= 4
    for group in range(GROUPS):
        claim_pages = {number for number, text in enumerate(pages) if f"Claim {group:02d}:" in text}
        answer_pages = {number for number, text in enumerate(pages) if f"Answer {group:02d}." in text}
        assert answer_pages <= claim_pages, f"group {group}: answers on pages {answer_pages}, its claim on {claim_pages}"
        if group == LONG_GROUP:  # too long for a page: cut into parts, each headed by the claim
            assert len(answer_pages) >= 3 and all("claim · 14 Nov 2021 · continued" in pages[n] for n in sorted(answer_pages)[1:])
        else:
            assert len(claim_pages) == 1
    for number in range(40):  # no statement is split across pages
        assert any(f"Answer {LONG_GROUP}.{number:02d}: the reports are false{FILLER}." in text for text in pages)
    for number, text in enumerate(pages, start=1):
        assert text.endswith(f"Page {number} of {len(pages)}")


def test_the_brief_pdf_has_its_title_summary_sources_and_one_date_format(qapp, dispute, tmp_path):
    from pypdf import PdfReader

    path = tmp_path / "brief.pdf"
    typeset = _typeset(dispute, title="Troop movements near Ukraine")
    typeset.write_pdf(path)
    pages = _pages(path)
    text = " ".join(pages)
    assert PdfReader(path).metadata.title == "Troop movements near Ukraine"
    assert pages[0].startswith("Troop movements near Ukraine")
    russia = typeset.brief.sides[1].statements
    assert "United States 14 0 1 Nov 2021 to 14 Nov 2021" in pages[0]
    assert f"Russia {russia} 3 2 Nov 2021 to 15 Nov 2021" in pages[0]
    assert f"14 claims answered by {russia} statements; 0 statements without an answer here." in pages[0]
    assert "Verdicts (United States · Russia): False 2 · 0; Misleading 0 · 1." in pages[0]
    assert "Statements per side by week. 3 undated statements cannot be drawn." in pages[0]
    assert "Russia rebuts the claim · date unknown" in text
    dates = re.findall(rf"\b\d{{1,2}} (?:{MONTHS}) \d{{4}}\b", text)
    assert f"Prepared {day_label(date.today())} with Parallax" in text and len(dates) > 20
    assert not re.search(r"\d{4}-\d\d-\d\d|\d\d?/\d\d?/\d{2,4}|November \d|\b0\d (?:" + MONTHS + ")", text)
    assert "source [1]" in text and "sources [1], [2]" in text and "Source:" not in text
    assert ("Sources [1] “Kremlin denies it”, Example Wire, 20 Nov 2021. https://example.org/article "
            "[2] Web page: https://example.org/peskov") in pages[-1]
    links = {annotation.get_object()["/A"]["/URI"] for page in PdfReader(path).pages for annotation in page.get("/Annots", [])}
    assert links == {"https://example.org/article", "https://example.org/peskov"}


def test_the_brief_as_opendocument_text_holds_the_brief(qapp, dispute, tmp_path):
    path = tmp_path / "brief.odt"
    assert _typeset(dispute, title="Troops").write_odt(path) == _typeset(dispute).brief.statement_count
    with zipfile.ZipFile(path) as odt:
        assert odt.testzip() is None
        assert odt.namelist()[0] == "mimetype" and odt.read("mimetype") == b"application/vnd.oasis.opendocument.text"
        assert "META-INF/manifest.xml" in odt.namelist() and any(name.startswith("Pictures/") for name in odt.namelist())
        content = ElementTree.fromstring(odt.read("content.xml"))
    paragraphs = [" ".join("".join(p.itertext()).split()) for p in content.iter(f"{ODF_TEXT}p")]
    assert paragraphs[0] == "Troops" and "Summary" in paragraphs and "Claims and answers" in paragraphs
    assert any(p.startswith("■ Russia rebuts the claim · 2 Nov 2021 Answer 00.00:") for p in paragraphs)
    assert "https://example.org/article" in {a.get("{http://www.w3.org/1999/xlink}href") for a in content.iter(f"{ODF_TEXT}a")}
    widths = [props.get(f"{ODF_STYLE}width") for props in content.iter(f"{ODF_STYLE}table-properties")]
    assert widths and all(width == "450pt" for width in widths)  # not the 100pt Qt writes for 100%


def test_the_brief_preview_shows_the_pages_and_saves_only_on_save(qtbot, window, tmp_path):
    from desktop.ui.export_dialog import open_export_dialog

    dialog = open_export_dialog(window)
    qtbot.addWidget(dialog)
    dialog.formats.setCurrentRow(next(row for row in range(dialog.formats.count())
                                      if dialog.formats.item(row).text() == "Brief (PDF)"))
    assert dialog.title.isVisible() and dialog.title.text() == "United States and Russia: statements and answers"
    assert dialog.export_button.text() == "&Preview…"
    target = tmp_path / "brief.pdf"
    dialog.path.setText(str(target))
    dialog.title.setText("Kremlin denials")
    dialog.export()
    preview = dialog.preview
    qtbot.waitExposed(preview)
    assert preview.windowTitle() == "Preview: Kremlin denials"
    assert preview.pages.pageCount() == preview.typeset.page_count() >= 2
    screen = preview.screen().availableGeometry()
    assert screen.contains(preview.frameGeometry()) and preview.save_button.isVisible()
    scrolled = preview.pages.focusProxy().verticalScrollBar()
    before = scrolled.value()
    assert preview.focusWidget() is preview.pages.focusProxy()  # the pages have the keys
    qtbot.keyClick(preview.focusWidget(), Qt.Key.Key_PageDown)
    assert scrolled.value() > before
    qtbot.mouseClick(preview.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.preview is None)
    assert not target.exists() and dialog.result_label.text() == f"Nothing was saved; {target} was left as it was."
    dialog.export()
    qtbot.waitExposed(dialog.preview)
    qtbot.mouseClick(dialog.preview.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.preview is None)
    assert dialog.result_label.text() == f"Exported 16 statements to {target}"
    assert _pages(target)[0].startswith("Kremlin denials")


def test_the_brief_of_a_chosen_story_takes_its_name_as_title(seeded_db):
    from desktop.domain.entities import Story
    from desktop.services import catalog

    story = catalog.all_rows(seeded_db, Story)[0]
    gathered = build_brief(seeded_db, StatementFilter(story_id=story.id), 1, 2)
    assert gathered.title == story.name
    assert build_brief(seeded_db, StatementFilter(), 1, 2).title == "United States and Russia: statements and answers"
