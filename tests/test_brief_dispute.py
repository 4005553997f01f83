"""The brief's "How the dispute moved" on the seed story: gathered, written as HTML, and on the PDF's page."""

import re
import unicodedata
from datetime import date

from desktop.cli import main
from desktop.domain.filters import StatementFilter
from desktop.services.exporting.brief import build_brief
from desktop.services.exporting.brief_html import brief_html

MONITORING = "The United States is closely monitoring Russia's operations"


def test_the_brief_says_how_the_seed_dispute_moved(seeded_db):
    moves = build_brief(seeded_db, StatementFilter(), 1, 2).dispute
    [russia] = moves.answering
    assert (russia.name, russia.answered, russia.of_sides, russia.timed, russia.median_days) == ("Russia", 6, (("United States", 6),), 2, 2.0)
    assert russia.before_reported == 0
    assert moves.unanswered == 1 and [card.text[: len(MONITORING)] for card in moves.oldest] == [MONITORING]
    assert moves.oldest[0].speaker_name == "Antony Blinken"
    assert moves.without_reply == (("Republic World", 1), ("The Associated Press", 1))
    assert moves.repeat_groups == 1  # the Kremlin repeats Peskov's "false" (the seed's repeats link)


def test_the_section_follows_the_filter(seeded_db):
    later = StatementFilter(date_from=date(2021, 11, 11))  # Blinken's monitoring claim of 10 Nov is left out
    moves = build_brief(seeded_db, later, 1, 2).dispute
    assert moves.unanswered == 0 and moves.oldest == ()
    assert [side.name for side in moves.answering] == ["Russia"]  # Peskov's answers of 12 Nov are kept, and the claims they answer
    assert "every claim here has an answer from another side" in brief_html(build_brief(seeded_db, later, 1, 2))


def test_the_section_reads_right_on_the_brief_pdf(seeded_db, tmp_path, capsys):
    from pypdf import PdfReader

    pdf = tmp_path / "brief.pdf"
    assert main(["export", "--db", seeded_db.url, "--format", "brief-pdf", "-o", str(pdf)]) == 0
    text = " ".join(unicodedata.normalize("NFKC", page.extract_text()) for page in PdfReader(pdf).pages)
    text = " ".join(text.split())
    section = text[text.index("How the dispute moved") : text.index("Claims and answers")]
    assert re.search(r"Russia 6 United States claims 2 2 days 2 to 2 days 0", section), section
    assert "Unanswered: 1 claim no other side has answered: Antony Blinken (United States), 10 Nov 2021" in section
    assert "closely monitoring" in section
    assert "Repeated lines: 1 line said more than once." in section
    assert "Outlets without reply (answered claims each carried without any of their answers): Republic World (1) and The Associated Press (1)." in section
