"""What each paragraph of an article is, the page furniture left out of its text, and the date its top gives."""

from datetime import date

import pytest

from desktop.domain.extraction import Context, extract
from desktop.domain.extraction.layout import Kind, article_date, kind_of, without_furniture

TODAY = date(2026, 1, 15)


@pytest.mark.parametrize(
    "paragraph, kind",
    [
        ("Peskov said on Friday that Russia posed no threat to anyone.", Kind.COPY),
        ("Kremlin denies plans to invade Ukraine", Kind.HEADING),
        ("Stealth Moves: Kremlin Says Troops Will Stay Home.", Kind.HEADING),  # title case, even with a full stop
        ("'Moscow will never attack Ukraine unless it is provoked'", Kind.HEADING),
        ("What the talks mean", Kind.HEADING),
        ("• Kyiv says Moscow is lying about its plans", Kind.BULLET),
        ("- Ukraine's foreign minister said the talks had failed.", Kind.BULLET),
        ("By Jane Roe", Kind.BYLINE),
        ("Reporting by Jane Roe in Moscow; Editing by John Doe", Kind.BYLINE),
        ("© 2021 Example Wire. All rights reserved.", Kind.BYLINE),
        ("Image: AP", Kind.CAPTION),
        ("Photo: Russian servicemen at drills near Rostov", Kind.CAPTION),
        ("Russian servicemen take part in drills near Rostov. REUTERS/Sergey Pivovarov", Kind.CAPTION),
        ("Troops near the border (AP Photo/Alexander Roe)", Kind.CAPTION),
        ("Last Updated:", Kind.STAMP),
        ("First Published: 13 Nov 2021, 09:30 IST", Kind.STAMP),
        ("Saturday, November 13, 2021 9:30 AM GMT", Kind.STAMP),
        ("4 min read", Kind.STAMP),
        ("Share  Tweet  Email", Kind.SHARE),
        ("Facebook Twitter WhatsApp LinkedIn", Kind.SHARE),
        ("Also read: Kremlin answers Washington", Kind.SHARE),
        ("Advertisement", Kind.SHARE),
    ],
)
def test_each_paragraph_is_known_by_its_shape(paragraph, kind):
    assert kind_of(paragraph) == kind


def test_sentences_that_look_like_headlines_are_still_copy():
    for paragraph in (
        "Russian President Vladimir Putin met US President Joe Biden in Geneva on Friday.",
        "The photo: a soldier in the snow, he said, was taken last winter near the border of the two countries.",
        "“We are not planning anything,” Peskov told reporters.",
        "Published reports said Russia had massed troops near the border.",
    ):
        assert kind_of(paragraph) == Kind.COPY, paragraph


ARTICLE = """Last Updated:

Kremlin Rejects Reports

Image: AP

Peskov said on Friday that the troops posed no threat.


Share  Tweet

Kuleba said on Thursday that Russia had massed troops.

First Published:"""


def test_furniture_is_left_out_with_its_line_and_offsets_map_back():
    cleaned = without_furniture(ARTICLE)
    assert cleaned.text == (
        "Kremlin Rejects Reports\n\nPeskov said on Friday that the troops posed no threat.\n\n"
        "Kuleba said on Thursday that Russia had massed troops.\n"
    )
    for words in ("Peskov said on Friday", "Kuleba said on Thursday that Russia had massed troops."):
        start = cleaned.text.index(words)
        end = start + len(words)
        assert ARTICLE[cleaned.original(start):cleaned.original(end, end=True)] == words


def test_text_without_furniture_is_left_as_it_is():
    text = "Title\n\nPeskov said the talks had failed.\n"
    assert without_furniture(text).text == text and without_furniture(text).cuts == ()


@pytest.mark.parametrize(
    "top, day",
    [
        ("MOSCOW, Nov 13, 2021 (Reuters) - Peskov said the talks had failed.", date(2021, 11, 13)),
        ("KYIV, Ukraine, 12 November 2021 — Kuleba said the talks had failed.", date(2021, 11, 12)),
        ("MOSCOW, Friday Nov 12 (Reuters) - Peskov said the talks had failed.", date(2021, 11, 12)),
        ("Published: 13 Nov 2021, 09:30 IST\n\nPeskov said the talks had failed.", date(2021, 11, 13)),
        ("Kremlin speaks\n\nNovember 13, 2021\n\nPeskov said the talks had failed.", date(2021, 11, 13)),
    ],
)
def test_the_article_is_dated_by_its_stamp_date_line_or_dateline(top, day):
    assert article_date(f"Kremlin speaks\n\n{top}\n", TODAY) == day


def test_a_dateline_without_its_year_or_weekday_leaves_the_date_unknown():
    assert article_date("MOSCOW, Nov 12 (Reuters) - Peskov said the talks had failed.\n", TODAY) is None
    assert article_date("Peskov said on Friday, Nov 12, that the talks had failed.\n", TODAY) is None, "not a dateline"


WIRE = """Kremlin Dismisses Reports Of Troop Build-Up

By Jane Roe

Kremlin denies it all

• Kyiv says Moscow is lying about its plans

Dmitry Peskov said the reports were false, at a briefing in Moscow. Photo: AP

MOSCOW, Nov 13, 2021 (Reuters) - Kremlin spokesman Dmitry Peskov said on Friday that Russian troops posed no threat to anyone.

Kyiv rejected the claim.

Reporting by Jane Roe; Editing by John Doe
"""


def test_only_copy_is_proposed():
    proposals = extract(WIRE, Context(date(2021, 11, 13)))
    assert [(p.speaker, p.text, p.said_on) for p in proposals] == [
        ("Dmitry Peskov", "Russian troops posed no threat to anyone", date(2021, 11, 12)),
    ]
