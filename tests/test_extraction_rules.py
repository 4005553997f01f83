"""One rule of the extractor at a time: quotes, reporting verbs, speakers, sides, outlets and dates."""

from datetime import date

import pytest

from desktop.domain.extraction import Context, KnownOutlet, KnownSpeaker, extract
from desktop.domain.extraction.names import fold, same_person

SATURDAY = date(2021, 11, 13)
PESKOV = KnownSpeaker(
    "Dmitry Peskov", ("Dmitri Peskov", "Peskov", "Песков", "Дмитрий Песков"), "Kremlin spokesperson", "Russia"
)


def _all(text, **context):
    return extract(text, Context(**context))


def _one(text, **context):
    proposals = _all(text, **context)
    assert len(proposals) == 1, [p.text for p in proposals]
    return proposals[0]


# Quotations


@pytest.mark.parametrize(
    "text",
    [
        '"We will respond to any provocation," Peskov said.',
        "“We will respond to any provocation,” Peskov said.",
        "'We will respond to any provocation,' Peskov said.",
        "‘We will respond to any provocation,’ Peskov said.",
        '«We will respond to any provocation», Peskov said.',
        'Peskov said: "We will respond to any provocation."',
    ],
)
def test_direct_quotes_in_every_quotation_mark(text):
    proposal = _one(text)
    assert proposal.is_quote
    assert proposal.text.rstrip(".") == "We will respond to any provocation"
    assert proposal.speaker == "Peskov"


def test_a_quote_split_by_its_attribution_is_one_statement():
    text = '"We will not be provoked," Peskov said. "Russia poses no threat to anyone."'
    proposal = _one(text)
    assert proposal.text == "We will not be provoked Russia poses no threat to anyone."
    assert (proposal.start, proposal.end) == (0, len(text))


def test_a_later_quote_paragraph_continues_the_last_speaker():
    text = 'Kremlin spokesman Dmitry Peskov dismissed the reports as a smear.\n\n"Nobody is planning an attack on anyone."'
    first, second = _all(text)
    assert second.is_quote and second.speaker == first.speaker == "Dmitry Peskov"


def test_apostrophes_are_not_quotation_marks():
    proposal = _one("Russia's envoy said the country's troops were on Russia's own soil.")
    assert not proposal.is_quote and proposal.text == "The country's troops were on Russia's own soil"


def test_scare_quotes_stay_inside_an_indirect_statement():
    proposal = _one('The Kremlin dismissed the reports as "false" and "groundless."')
    assert not proposal.is_quote
    assert proposal.text == 'Dismissed the reports as "false" and "groundless."'


# Reporting verbs


@pytest.mark.parametrize(
    "verb, text",
    [
        ("said", "Russia posed no threat"),
        ("told reporters", "Russia posed no threat"),
        ("stated", "Russia posed no threat"),
        ("added", "Russia posed no threat"),
        ("warned", "Russia posed no threat"),
        ("insisted", "Russia posed no threat"),
        ("argued", "Russia posed no threat"),
        ("claimed", "Russia posed no threat"),
        ("wrote", "Russia posed no threat"),
        ("noted", "Russia posed no threat"),
        ("went on to say", "Russia posed no threat"),
    ],
)
def test_saying_verbs_give_what_was_said(verb, text):
    proposal = _one(f"Peskov {verb} that Russia posed no threat.")
    assert proposal.text == text and proposal.speaker == "Peskov" and not proposal.is_quote


@pytest.mark.parametrize(
    "sentence, text",
    [
        ("Moscow denied the reports of an invasion.", "Denied the reports of an invasion"),
        ("Moscow dismissed the reports as a smear.", "Dismissed the reports as a smear"),
        ("Moscow rejected the accusations as baseless.", "Rejected the accusations as baseless"),
        ("Moscow refuted the reports on Ukraine.", "Refuted the reports on Ukraine"),
        ("Moscow accused Washington of stoking tensions.", "Accused Washington of stoking tensions"),
        ("Moscow called the reports a provocation.", "Called the reports a provocation"),
        ("Moscow expressed concern over the drills.", "Expressed concern over the drills"),
    ],
)
def test_verbs_that_carry_meaning_keep_it(sentence, text):
    proposal = _one(sentence)
    assert proposal.text == text and proposal.speaker == "Moscow" and proposal.speaker_kind == "body"


@pytest.mark.parametrize("sentence", ["Kyiv rejected the claim.", "Moscow denied the reports.", "He dismissed it."])
def test_a_deed_too_short_to_say_anything_is_not_proposed(sentence):
    assert _all(sentence) == []


def test_a_short_clause_of_saying_is_still_a_statement():
    assert _one("Peskov said Kyiv was ready.").text == "Kyiv was ready"


def test_inverted_attribution_with_a_role_in_apposition():
    proposal = _one("'We will respond to any provocation,' said Sergei Lavrov, Russia's foreign minister.")
    assert proposal.speaker == "Sergei Lavrov"
    assert proposal.role == "Russia's foreign minister"
    assert proposal.side == "Russia"


@pytest.mark.parametrize(
    "sentence",
    [
        "According to a senior administration official, Russia has massed troops near the border.",
        "Russia has massed troops near the border, according to a senior administration official.",
    ],
)
def test_according_to_a_source(sentence):
    proposal = _one(sentence)
    assert proposal.speaker == "a senior administration official"
    assert proposal.text == "Russia has massed troops near the border"


def test_according_to_him_points_back():
    first, second = _all("Antony Blinken met Dmytro Kuleba. Blinken stated that talks went well. According to him, the allies agreed.")
    assert first.speaker == second.speaker == "Antony Blinken"
    assert second.text == "The allies agreed"


def test_reported_claims_of_unnamed_media_and_sources():
    media = _one("Several US media outlets had previously reported a military buildup near the border.")
    assert media.speaker == "Several US media outlets" and media.text == "A military buildup near the border"
    cited = _one("Bloomberg reported, citing people familiar with the matter, that Russia was preparing an offensive.")
    assert cited.speaker == "people familiar with the matter"
    assert cited.outlet == "Bloomberg"
    assert cited.text == "Russia was preparing an offensive"


@pytest.mark.parametrize(
    "text",
    [
        "The Pentagon declined to comment.",
        "A State Department spokesperson did not respond to a request for comment.",
        "This story was reported by Jane Doe and John Roe.",
        "By Jane Doe",
        "Reporting by Jane Doe; Editing by John Roe",
        "AP writer Jim Heintz in Moscow contributed to this report.",
        "Russian troops moved closer to the border on Monday.",
        "Image: AP",
    ],
)
def test_refusals_bylines_credits_and_narration_are_not_statements(text):
    assert _all(text) == []


# Speakers


def test_name_with_its_role():
    proposal = _one("Kremlin spokesperson Dmitry Peskov said the talks had failed.")
    assert (proposal.speaker, proposal.role) == ("Dmitry Peskov", "Kremlin spokesperson")


@pytest.mark.parametrize(
    "subject, name",
    [
        ("The Kremlin", "The Kremlin"),
        ("Moscow", "Moscow"),
        ("A senior administration official", "A senior administration official"),
        ("People familiar with the matter", "People familiar with the matter"),
        ("The White House", "The White House"),
    ],
)
def test_bodies_and_unnamed_sources(subject, name):
    assert _one(f"{subject} said the talks had failed.").speaker == name


def test_pronouns_and_descriptions_point_back_to_the_right_speaker():
    text = (
        "Kremlin spokesman Dmitry Peskov said the talks had failed. "
        "Ukrainian Foreign Minister Dmytro Kuleba said Kyiv was ready. "
        "He added that Ukraine would not give in. "
        "The spokesman added that Moscow was calm."
    )
    proposals = _all(text)
    assert [p.speaker for p in proposals] == ["Dmitry Peskov", "Dmytro Kuleba", "Dmytro Kuleba", "Dmitry Peskov"]
    assert proposals[2].confidence < proposals[1].confidence


def test_an_unresolved_pronoun_leaves_the_speaker_empty_and_doubtful():
    proposal = _one("He said the talks had failed.")
    assert proposal.speaker == "" and proposal.confidence <= 0.3


@pytest.mark.parametrize("written", ["Dmitri Peskov", "Peskov", "Песков", "Дмитрий Песков", "Dmitriy Peskov"])
def test_spellings_and_scripts_fold_onto_the_known_speaker(written):
    proposal = _one(f"{written} said the talks had failed.", speakers=(PESKOV,))
    assert (proposal.speaker, proposal.role, proposal.side) == ("Dmitry Peskov", "Kremlin spokesperson", "Russia")


def test_surname_alone_folds_onto_the_full_name_earlier_in_the_article():
    first, second = _all("Dmitry Polyansky said Moscow would not attack. Polyansky added that it was calm.")
    assert first.speaker == second.speaker == "Dmitry Polyansky"


def test_folding_keeps_different_people_apart():
    assert same_person("Дмитрий Полянский", "Dmitry Polyansky")
    assert not same_person("Dmitry Polyansky", "Dmitry Peskov")
    assert fold("the Kremlin") == fold("Kremlin")


# Sides


@pytest.mark.parametrize(
    "subject, side",
    [
        ("Kremlin spokesman Dmitry Peskov", "Russia"),
        ("Moscow", "Russia"),
        ("A Russian diplomat", "Russia"),
        ("The White House", "United States"),
        ("The Pentagon", "United States"),
        ("A State Department spokesperson", "United States"),
        ("Washington", "United States"),
        ("US Secretary of State Antony Blinken", "United States"),
        ("Kyiv", "Ukraine"),
        ("A Ukrainian official", "Ukraine"),
        ("NATO Secretary General Jens Stoltenberg", "NATO"),
    ],
)
def test_side_from_the_role_and_its_words(subject, side):
    assert _one(f"{subject} said the talks had failed.").side == side


def test_side_left_empty_when_nothing_says():
    assert _one("John Smith said the talks had failed.").side is None
    assert _one("A senior administration official said the talks had failed.").side is None


def test_the_known_speakers_side_wins_and_sides_are_named_as_in_the_database():
    known = KnownSpeaker("John Smith", (), "analyst", "Ukraine")
    assert _one("John Smith said the talks had failed.", speakers=(known,)).side == "Ukraine"
    assert _one("Moscow said the talks had failed.", sides=("russia",)).side == "russia"


# Outlets


@pytest.mark.parametrize(
    "sentence, outlet",
    [
        ("Peskov said Russia posed no threat, reported news agency Sputnik.", "Sputnik"),
        ("Peskov said Russia posed no threat, as quoted by ANI.", "ANI"),
        ("Peskov said Russia posed no threat, according to the TASS news agency.", "TASS"),
        ("Peskov told CNN that Russia posed no threat.", "CNN"),
        ("Russia posed no threat, Peskov said, Interfax reported.", "Interfax"),
        ("Interfax reported that Peskov said Russia posed no threat.", "Interfax"),
        ("Peskov said Russia posed no threat, reported The Associated Press (AP).", "The Associated Press"),
        ("Peskov said Russia posed no threat, news agency Ukrinform reported.", "Ukrinform"),
    ],
)
def test_reporting_outlet_is_kept_apart_from_the_speaker(sentence, outlet):
    proposal = _one(sentence)
    assert proposal.outlet == outlet
    assert proposal.speaker == "Peskov"
    assert proposal.text == "Russia posed no threat"


def test_the_news_agency_points_back_and_abbreviations_resolve():
    text = (
        "Peskov said Russia posed no threat, reported news agency Sputnik. "
        '"We go about our business," Peskov was quoted as saying by the news agency.'
    )
    assert [p.outlet for p in _all(text)] == ["Sputnik", "Sputnik"]
    assert _one("Blinken said the talks went well, reported The AP.").outlet == "The Associated Press"


def test_a_wire_dateline_covers_the_article():
    text = "MOSCOW (AP) — Kremlin spokesman Dmitry Peskov said the talks had failed.\n\nPeskov added that Russia was calm."
    proposals = _all(text)
    assert [p.outlet for p in proposals] == ["The Associated Press", "The Associated Press"]
    assert proposals[0].role == "Kremlin spokesman"


def test_outlets_fold_onto_the_databases_names():
    proposal = _one("Peskov said it was calm, reported AP.", outlets=(KnownOutlet("Associated Press"),))
    assert proposal.outlet == "Associated Press"


# Dates


@pytest.mark.parametrize(
    "phrase, said_on",
    [
        ("on Friday", date(2021, 11, 12)),
        ("on Saturday", date(2021, 11, 6)),
        ("last Saturday", date(2021, 11, 6)),
        ("on Monday", date(2021, 11, 8)),
        ("today", date(2021, 11, 13)),
        ("last week", date(2021, 11, 1)),
        ("on Wednesday, November 10", date(2021, 11, 10)),
        ("on November 10", date(2021, 11, 10)),
        ("on 10 November", date(2021, 11, 10)),
        ("on Dec. 20", date(2020, 12, 20)),
        ("on March 3, 2020", date(2020, 3, 3)),
        ("yesterday", date(2021, 11, 12)),
        ("earlier this month", date(2021, 11, 1)),
        ("last month", date(2021, 10, 1)),
    ],
)
def test_date_phrases_resolve_against_the_article_date(phrase, said_on):
    assert _one(f"Peskov said {phrase} that Russia posed no threat.", document_date=SATURDAY).said_on == said_on


def test_no_date_without_a_phrase_or_without_the_article_date():
    assert _one("Peskov said that Russia posed no threat.", document_date=SATURDAY).said_on is None
    assert _one("Peskov said on Friday that Russia posed no threat.").said_on is None
    assert _one("Peskov said on March 3, 2020 that Russia posed no threat.").said_on == date(2020, 3, 3)


def test_a_date_inside_what_was_said_is_not_when_it_was_said():
    proposal = _one("Peskov said that the troops had arrived on Monday and would stay.", document_date=SATURDAY)
    assert proposal.said_on is None


def test_the_speakers_date_carries_to_their_later_statements():
    text = "On Friday, Peskov said Russia posed no threat.\n\nPeskov added that Moscow was calm. Moscow said it was calm."
    assert [p.said_on for p in _all(text, document_date=SATURDAY)] == [date(2021, 11, 12), date(2021, 11, 12), None]
