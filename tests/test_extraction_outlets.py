"""Outlets: agencies' datelines in every form they are written, and the phrases that name the outlet a
statement went through ('told Y', 'in an interview with Y', 'as reported by Y', 'citing Y', 'Y reported')."""

from datetime import date

import pytest

from desktop.domain.extraction import Context, KnownOutlet, extract
from desktop.domain.extraction.layout import article_date

BODY = '"The talks have failed," Foreign Minister Sergei Lavrov said.'
DAY = date(2026, 12, 7)


def _outlet(text: str, *known: KnownOutlet) -> tuple[str | None, str, str]:
    (proposal,) = extract(text, Context(DAY, outlets=known))
    return proposal.outlet, proposal.outlet_kind, proposal.outlet_country


@pytest.mark.parametrize(
    ("dateline", "outlet", "kind", "country"),
    [
        ("MOSCOW (AP) — ", "The Associated Press", "wire", "United States"),
        ("KYIV, Ukraine (AP) — ", "The Associated Press", "wire", "United States"),
        ("WASHINGTON (Reuters) - ", "Reuters", "wire", "United Kingdom"),
        ("WASHINGTON, Dec 7 (Reuters) - ", "Reuters", "wire", "United Kingdom"),
        ("LONDON/WASHINGTON (Reuters) - ", "Reuters", "wire", "United Kingdom"),
        ("Kyiv (AFP) - ", "Agence France-Presse", "wire", "France"),
        ("(Bloomberg) -- ", "Bloomberg", "wire", "United States"),
        ("МОСКВА, 7 декабря. /ТАСС/. ", "TASS", "state media", "Russia"),
        ("MOSCOW, December 7. /TASS/. ", "TASS", "state media", "Russia"),
        ("МОСКВА, 7 дек — РИА Новости. ", "RIA Novosti", "state media", "Russia"),
        ("Москва. 7 декабря. INTERFAX.RU - ", "Interfax", "wire", "Russia"),
        ("BEIJING, Dec. 7 (Xinhua) -- ", "Xinhua", "state media", "China"),
        ("KYIV, December 7 (Ukrinform) - ", "Ukrinform", "state media", "Ukraine"),
        ("KYIV (UNIAN) - ", "UNIAN", "wire", "Ukraine"),
    ],
)
def test_an_agencys_dateline_gives_the_outlet_of_the_article(dateline, outlet, kind, country):
    assert _outlet(dateline + BODY) == (outlet, kind, country)


def test_a_dateline_below_a_caption_a_byline_and_a_stamp_still_counts_and_dates_the_article():
    top = (
        "Talks in Geneva end without agreement\n\n"
        "A convoy on the road near the border, seen on Monday. Photo: Jane Roe\n\n"
        "By John Smith\n\n"
        "Updated 3 hours ago\n\n"
    )
    assert _outlet(top + "MOSCOW, December 7, 2026. /TASS/. " + BODY)[0] == "TASS"
    assert article_date(top + "WASHINGTON, Dec 7, 2026 (Reuters) - " + BODY, DAY) == DAY


@pytest.mark.parametrize(
    "text",
    [
        "KYIV — " + BODY,  # a dateline without an agency
        "Lavrov said — and repeated it — that the talks had failed.",
        "The minister said (in Kyiv) -- that the talks had failed.",
    ],
)
def test_no_agency_no_outlet(text):
    assert _outlet(text)[0] is None


def test_the_dateline_is_kept_out_of_the_speaker():
    (proposal,) = extract("MOSCOW, December 7. /TASS/. Foreign Minister Sergei Lavrov said the talks had failed.", Context(DAY))
    assert (proposal.speaker, proposal.text) == ("Sergei Lavrov", "The talks had failed")


@pytest.mark.parametrize(
    ("text", "outlet", "kind"),
    [
        ('"We will not retreat," Lavrov told Reuters.', "Reuters", "wire"),
        ("Lavrov told the Kyiv Post that the talks had failed.", "Kyiv Post", "newspaper"),
        ("Lavrov said in an interview with Der Spiegel that the talks had failed.", "Der Spiegel", "newspaper"),
        ("In an interview with the Kommersant daily, Lavrov said the talks had failed.", "Kommersant", "newspaper"),
        ("Lavrov said the talks had failed, as reported by Le Monde.", "Le Monde", "newspaper"),
        ("Russia will respond, Lavrov said, citing Kommersant.", "Kommersant", "newspaper"),
        ("Lavrov said the talks had failed, citing a report by the Moscow Times.", "Moscow Times", "newspaper"),
        ("Lavrov said the talks had failed, Interfax reported.", "Interfax", "wire"),
        ("Lavrov said the talks had failed, the Moscow Times reported.", "Moscow Times", "newspaper"),
    ],
)
def test_a_phrase_naming_the_outlet_gives_it(text, outlet, kind):
    (proposal,) = extract(text, Context(DAY))
    assert (proposal.speaker, proposal.outlet, proposal.outlet_kind) == ("Lavrov", outlet, kind)


@pytest.mark.parametrize(
    "text",
    [
        "Lavrov told reporters that the talks had failed.",
        "Lavrov told Jane Smith that the talks had failed.",
        "Lavrov said the talks had failed, citing officials.",
    ],
)
def test_people_told_or_cited_are_no_outlet(text):
    assert _outlet(text)[0] is None


def test_an_outlet_of_the_database_is_recognised_by_its_name():
    riverside = KnownOutlet("Riverside Courier", (), "Canada", "online")
    assert _outlet("Lavrov told Riverside Courier that the talks had failed.", riverside) == (
        "Riverside Courier", "online", "Canada"
    )
    assert _outlet("Lavrov told Riverside Courier that the talks had failed.")[0] is None, "unknown, without a cue"
